import { describe, expect, it } from 'vitest';

import type { ContactDetailView } from '../../../src/crm/contacts/contact.schemas.js';
import type { DigestData } from '../../../src/digest/digest-data.js';
import type { ResearchTaskDetailView } from '../../../src/research/research-task.schemas.js';
import { fromSlackText, truncate, truncateMrkdwn } from '../../../src/slack/blocks/block-kit.js';
import {
  contactDetailView,
  contactEditView,
  contactSearchView,
  conversationLogView,
  followUpView,
  noticeView,
  splitNotes,
} from '../../../src/slack/blocks/contact-modals.builder.js';
import { digestMessages, digestPreviewMessage, followUpDoneNote } from '../../../src/slack/blocks/digest.builder.js';
import {
  dismissedNote,
  researchAnnouncement,
  researchOutcome,
  researchProgress,
  researchResultMessages,
  type SlackMessage,
} from '../../../src/slack/blocks/research-messages.builder.js';
import { researchModalView } from '../../../src/slack/blocks/research-modal.builder.js';
import { researchSummary } from '../../../src/slack/blocks/research-summary.builder.js';
import {
  hasLoneSurrogate,
  liveMarkup,
  messageError,
  modalViewProblems,
  renderedTexts,
} from '../../support/slack-rules/index.js';

/**
 * Every builder, fed the worst data there is, through the fake Slack's rules: 2000-character
 * URLs, an emoji at every cut point, `&<>` and Slack markup everywhere, 10,000-character notes,
 * 0 and 100 results, 500 due follow-ups. Slack must refuse none of it, and nothing a person or a
 * page wrote may become a live mention or link.
 */
const EMOJI = '😀';
/** Text whose emoji straddle every cut position (shifted by `shift` code units), with markup to escape. */
const hostile = (length: number, shift = 0) =>
  (
    'x'.repeat(shift) +
    `&<>${EMOJI}<!channel>${EMOJI}<@U0EVIL001>${EMOJI}<https://evil.example|click>`.repeat(Math.ceil(length / 50))
  )
    .slice(0, length)
    .replace(/[\ud800-\udbff]$/, 'x');
const url = (length: number, i = 0) => `https://src.example/${i}/` + 'p'.repeat(length - 22 - String(i).length);
const now = new Date('2026-11-28T10:00:00Z');
const shifts = [0, 1, 2, 3];

function contact(i: number, shift: number, over: Partial<ContactDetailView> = {}): ContactDetailView {
  return {
    id: `01a2212f-fbb0-76a3-be79-${String(i).padStart(12, '0')}`,
    fullName: hostile(200, shift),
    title: hostile(200, shift + 1),
    company: hostile(200, shift + 2),
    companyDomain: null,
    email: `p${i}@example.com`,
    emailStatus: 'found',
    phone: '+1 555 0100',
    linkedinUrl: `https://www.linkedin.com/in/${'p'.repeat(80)}-${i}`,
    location: hostile(200, shift + 3),
    website: url(2000, i),
    notes: hostile(10_000, shift),
    tags: Array.from({ length: 50 }, (_, t) => `tag-${t}-${'t'.repeat(40)}`),
    ownerId: 'U0OWNER001',
    nextFollowUpAt: '2026-12-01T00:00:00.000Z',
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    conversations: Array.from({ length: 30 }, (_, c) => ({
      id: `c${c}`,
      contactId: 'x',
      kind: 'call' as const,
      subject: hostile(300, c % 4),
      body: hostile(10_000, c % 4),
      occurredAt: now.toISOString(),
      loggedBy: 'U0ALICE001',
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    })),
    sources: Array.from({ length: 40 }, (_, s) => ({
      id: `s${s}`,
      url: url(2000, s),
      pageTitle: hostile(500, s % 4),
      quote: hostile(2000, s % 4),
      field: 'title',
      fetchedAt: now.toISOString(),
      taskId: null,
    })),
    research: [],
    ...over,
  };
}

function task(count: number, shift: number): ResearchTaskDetailView {
  return {
    id: '01a2212f-fbb0-76a3-be79-73657157daa2',
    query: hostile(500, shift),
    options: { maxContacts: Math.max(count, 1), company: hostile(200, shift), location: hostile(200, shift + 1) },
    status: 'succeeded',
    progress: 100,
    progressMessage: hostile(1000, shift),
    error: hostile(2000, shift),
    requestedBy: 'U0ALICE001',
    slackChannelId: 'C1',
    slackThreadTs: '1.1',
    model: 'm',
    usage: {
      promptTokens: 1,
      cachedPromptTokens: 0,
      completionTokens: 1,
      modelCalls: 1,
      searchCalls: 1,
      searchCostUsd: null,
      costUsd: null,
    },
    contactId: null,
    changes: null,
    counts: { found: count, new: count, merged: 0, rejected: 7 },
    createdAt: now.toISOString(),
    startedAt: null,
    finishedAt: null,
    contacts: Array.from({ length: count }, (_, i) => ({
      ...contact(i, (i + shift) % 4),
      outcome: i % 2 ? ('merged' as const) : ('new' as const),
    })),
  };
}

function digest(shift: number, due: number): DigestData {
  return {
    channelId: 'C0DIGEST01',
    period: { start: now.toISOString(), timezone: 'Europe/London' },
    window: { from: now.toISOString(), to: now.toISOString() },
    newContacts: [
      {
        research: { taskId: 't', query: hostile(500, shift), requestedBy: 'U0ALICE001' },
        contacts: Array.from({ length: 300 }, (_, i) => ({
          id: `n${i}`,
          fullName: hostile(200, (i + shift) % 4),
          title: hostile(200, shift),
          company: hostile(200, shift),
        })),
      },
      { research: null, contacts: [{ id: 'api1', fullName: hostile(200, shift), title: null, company: null }] },
    ],
    research: {
      succeeded: Array.from({ length: 50 }, (_, i) => ({
        id: `s${i}`,
        query: hostile(500, (i + shift) % 4),
        requestedBy: 'U0ALICE001',
        new: 3,
        merged: 1,
      })),
      failed: Array.from({ length: 50 }, (_, i) => ({
        id: `f${i}`,
        query: hostile(500, (i + shift) % 4),
        requestedBy: 'api',
        error: hostile(2000, shift),
      })),
    },
    followUps: [0, 1, 2].map((o) => ({
      ownerId: o === 2 ? null : `U0OWNER00${o}`,
      contacts: Array.from({ length: Math.ceil(due / 3) }, (_, i) => ({
        id: `01a2212f-fbb0-76a3-be79-${String(o * 1000 + i).padStart(12, '0')}`,
        fullName: hostile(200, (i + shift) % 4),
        company: hostile(200, shift),
        dueAt: now.toISOString(),
        overdue: i % 2 === 0,
      })),
    })),
  };
}

/** Mentions and links this app puts in on purpose; anything else came from the data and must not be live. */
const ours = (markup: string) =>
  /^<@U0(ALICE|OWNER)[0-9A-Z]*>$/.test(markup) ||
  /^<#C[0-9A-Z]+>$/.test(markup) ||
  /^<https:\/\/(src\.example|www\.linkedin\.com)\/[^|<>]*\|[^<>]*>$/.test(markup);

function expectAccepted(message: SlackMessage, what: string) {
  expect(messageError(message as unknown as Record<string, unknown>), what).toBeUndefined();
  for (const text of renderedTexts(message as unknown as Record<string, unknown>)) {
    expect(hasLoneSurrogate(text), what).toBe(false);
    expect(
      liveMarkup(text).filter((m) => !ours(m)),
      `${what}: ${text.slice(0, 80)}`,
    ).toEqual([]);
  }
}

describe("every builder with worst-case data, through the fake Slack's rules", () => {
  it.each(shifts)('research messages (0 and 100 results, emoji shifted by %i)', (shift) => {
    for (const count of [0, 1, 100]) {
      const t = task(count, shift);
      expectAccepted(researchAnnouncement(t, 'U0ALICE001'), 'announcement');
      expectAccepted(researchProgress(hostile(2000, shift), 42), 'progress');
      for (const status of ['succeeded', 'failed', 'cancelled', 'running'] as const) {
        expectAccepted(researchOutcome({ ...t, status }), `outcome ${status}`);
        expectAccepted(researchSummary({ ...t, status }), `summary ${status}`);
      }
      const parts = researchResultMessages(t);
      expect(parts.flatMap((p) => p.blocks).filter((b) => b.block_id?.startsWith('person:'))).toHaveLength(count);
      parts.forEach((p, i) => expectAccepted(p, `results part ${i + 1}`));
      expectAccepted({ text: 'x', blocks: [dismissedNote(hostile(200, shift), 'U0ALICE001', true)] }, 'dismissed');
    }
  });

  it.each(shifts)('digests with 500 due follow-ups, and their preview (shift %i)', (shift) => {
    const data = digest(shift, 500);
    const parts = digestMessages(data);
    expect(parts.flatMap((p) => p.blocks).filter((b) => b.block_id?.startsWith('followup:'))).toHaveLength(501);
    parts.forEach((p, i) => expectAccepted(p, `digest part ${i + 1}`));
    const preview = digestPreviewMessage(data);
    expectAccepted(preview, 'preview');
    expect(JSON.stringify(preview.blocks)).not.toContain('"accessory"');
    expectAccepted(
      {
        text: 'x',
        blocks: [
          followUpDoneNote(hostile(200, shift), 'U0ALICE001', 'done'),
          followUpDoneNote(hostile(200, shift), 'U0ALICE001', 'snoozed', '2026-12-01'),
        ],
      },
      'follow-up notes',
    );
  });

  it.each(shifts)('modals (shift %i)', (shift) => {
    const meta = { openedBy: 'U0ALICE001', contactId: 'x', channelId: 'C1', parentViewId: 'V1', threadTs: '1.1' };
    const c = contact(1, shift);
    const views = [
      contactSearchView({
        query: hostile(200, shift),
        results: Array.from({ length: 100 }, (_, i) => contact(i, (i + shift) % 4)),
        hasMore: true,
        meta,
      }),
      contactSearchView({ query: hostile(200, shift), results: [], hasMore: false, meta }),
      contactSearchView({ query: '', results: [], hasMore: false, meta, error: hostile(500, shift) }),
      contactDetailView(c, meta),
      contactDetailView(
        contact(2, shift, {
          title: null,
          company: null,
          email: null,
          tags: [],
          sources: [],
          conversations: [],
          notes: null,
          nextFollowUpAt: null,
        }),
        meta,
      ),
      contactEditView(c, meta),
      contactEditView(contact(3, shift, { notes: null, tags: [] }), meta),
      conversationLogView(c, meta, now),
      followUpView(c, meta, now),
      followUpView({ ...c, nextFollowUpAt: null }, meta, now),
      noticeView(hostile(100, shift), hostile(5000, shift), meta),
      researchModalView({
        query: fromSlackText(hostile(600, shift)),
        maxContacts: 100,
        defaultCount: 7,
        meta,
        disabledReason: hostile(3000, shift),
      }),
      researchModalView({ maxContacts: 1, defaultCount: 1, meta: { openedBy: 'U0ALICE001' } }),
    ];
    for (const view of views) {
      expect(modalViewProblems(view as unknown as Record<string, unknown>), view.callback_id).toEqual([]);
      for (const text of renderedTexts(view as unknown as Record<string, unknown>))
        expect(
          liveMarkup(text).filter((m) => !ours(m)),
          text.slice(0, 80),
        ).toEqual([]);
    }
  });
});

describe('cutting text', () => {
  it('never splits an emoji, a link or an escape', () => {
    for (let max = 2; max < 60; max += 1) {
      for (const shift of shifts) {
        const text = hostile(200, shift);
        expect(hasLoneSurrogate(truncate(text, max))).toBe(false);
        const mrkdwn =
          `${'&amp;'.repeat(shift)}<https://a.example/${'x'.repeat(20)}|label ${EMOJI}> ${EMOJI}&lt;b&gt;`.repeat(3);
        const cut = truncateMrkdwn(mrkdwn, max);
        expect(hasLoneSurrogate(cut)).toBe(false);
        expect(cut.length).toBeLessThanOrEqual(max);
        expect(cut.replace(/<https:\/\/a\.example\/x+\|label 😀>/g, '').includes('<')).toBe(false);
        expect(/&(a|am|amp|l|lt|g|gt)?…$/.test(cut)).toBe(false);
      }
    }
  });

  it('spreads 10,000-character notes over inputs and joins them back exactly', () => {
    for (const shift of shifts) {
      const notes = hostile(10_000, shift);
      const parts = splitNotes(notes);
      expect(parts.join('')).toBe(notes);
      for (const part of parts) {
        expect(part.length).toBeLessThanOrEqual(3000);
        expect(hasLoneSurrogate(part)).toBe(false);
      }
    }
  });

  it("reads Slack's wire form as a person wrote it", () => {
    expect(
      fromSlackText(
        'Heads of Sales &amp; Marketing &lt;b&gt; <!channel> <!here> <@U0BOB00001> <@U0ANN0001|ann> <#C0SALES01|sales> <https://evil.example|click> <mailto:a@b.example|a@b.example>',
      ),
    ).toBe(
      'Heads of Sales & Marketing <b> @channel @here @U0BOB00001 @ann #sales click (https://evil.example) a@b.example (mailto:a@b.example)',
    );
    expect(fromSlackText('&amp;lt;')).toBe('&lt;');
  });
});

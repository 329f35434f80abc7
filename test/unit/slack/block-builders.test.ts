import { describe, expect, it } from 'vitest';

import type { ContactDetailView } from '../../../src/crm/contacts/contact.schemas.js';
import type { ResearchTaskDetailView } from '../../../src/research/research-task.schemas.js';
import { escapeText, link, truncate } from '../../../src/slack/blocks/block-kit.js';
import {
  contactDetailView,
  contactEditView,
  contactSearchView,
  conversationLogView,
  followUpView,
} from '../../../src/slack/blocks/contact-modals.builder.js';
import {
  researchAnnouncement,
  researchOutcome,
  researchResultMessages,
} from '../../../src/slack/blocks/research-messages.builder.js';
import { researchModalView } from '../../../src/slack/blocks/research-modal.builder.js';
import { blockProblems, viewProblems } from '../../support/slack-limits.js';

const LONG = 'W'.repeat(5_000);
const now = new Date('2026-11-28T10:00:00Z');

function contact(i: number, over: Partial<ContactDetailView> = {}): ContactDetailView {
  return {
    id: `01a2212f-fbb0-76a3-be79-${String(i).padStart(12, '0')}`,
    fullName: `Person ${i} ${LONG}`,
    title: LONG,
    company: `<script>alert(${i})</script> & Co`,
    companyDomain: null,
    email: `p${i}@example.com`,
    emailStatus: 'found',
    phone: '+1 555 0100',
    linkedinUrl: `https://www.linkedin.com/in/p-${i}`,
    location: LONG,
    website: `https://example.com/${'x'.repeat(4000)}`,
    notes: LONG,
    tags: Array.from({ length: 20 }, (_, t) => `tag-${t}`),
    ownerId: 'U0OWNER001',
    nextFollowUpAt: '2026-12-01T00:00:00.000Z',
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    conversations: Array.from({ length: 30 }, (_, c) => ({
      id: `c${c}`,
      contactId: 'x',
      kind: 'call' as const,
      subject: LONG,
      body: LONG,
      occurredAt: now.toISOString(),
      loggedBy: 'U0ALICE001',
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    })),
    sources: Array.from({ length: 40 }, (_, s) => ({
      id: `s${s}`,
      url: `https://src.example/${s}`,
      pageTitle: LONG,
      quote: LONG,
      field: 'title',
      fetchedAt: now.toISOString(),
      taskId: null,
    })),
    research: [],
    ...over,
  };
}

function task(count: number): ResearchTaskDetailView {
  return {
    contactId: null,
    changes: null,
    id: '01a2212f-fbb0-76a3-be79-73657157daa2',
    query: LONG,
    options: { maxContacts: count, company: LONG, location: null },
    status: 'succeeded',
    progress: 100,
    progressMessage: null,
    error: null,
    requestedBy: 'U0ALICE001',
    slackChannelId: 'C1',
    slackThreadTs: '1.1',
    model: 'm',
    usage: {
      promptTokens: 1,
      cachedPromptTokens: 0,
      completionTokens: 1,
      modelCalls: 1,
      searchCalls: 0,
      searchCostUsd: 0,
      costUsd: null,
    },
    counts: { found: count, new: count, merged: 0, rejected: 0 },
    createdAt: now.toISOString(),
    startedAt: null,
    finishedAt: null,
    contacts: Array.from({ length: count }, (_, i) => ({
      ...contact(i),
      outcome: i % 2 ? ('merged' as const) : ('new' as const),
    })),
  };
}

describe('research messages', () => {
  it.each([1, 7, 13, 50, 100])('splits %i people with huge values into messages Slack accepts', (count) => {
    const parts = researchResultMessages(task(count));
    const people = parts.flatMap((p) => p.blocks).filter((b) => b.block_id?.startsWith('person:'));
    expect(people).toHaveLength(count);
    for (const part of parts) {
      expect(blockProblems(part.blocks, 50)).toEqual([]);
      expect(JSON.stringify(part.blocks).length).toBeLessThanOrEqual(12_000);
      expect(part.text.length).toBeLessThanOrEqual(40_000);
    }
    if (parts.length > 1)
      expect(parts.map((p) => p.text.split(':')[0])).toEqual(
        parts.map((_, i) => `Results, part ${i + 1} of ${parts.length}`),
      );
  });

  it('posts nothing for no results, and says so in the outcome', () => {
    expect(researchResultMessages(task(0))).toEqual([]);
    expect(researchOutcome({ ...task(0), counts: { found: 3, new: 0, merged: 0, rejected: 3 } }).text).toBe(
      ':white_circle: Finished: no one could be verified on a page. 3 left out: not backed by a page that was read.',
    );
    expect(researchOutcome({ ...task(0), status: 'failed', error: 'the model failed' }).text).toBe(
      ':x: Research failed: the model failed.',
    );
  });

  it('escapes what users and pages wrote, so it cannot mention or link', () => {
    const announcement = researchAnnouncement(
      {
        query: '<!channel> <@U123> & <https://evil.example|click>',
        options: { maxContacts: 5, company: null, location: null },
      },
      'U0ALICE001',
    );
    const json = JSON.stringify(announcement.blocks);
    expect(json).toContain('&lt;!channel&gt; &lt;@U123&gt; &amp; &lt;https://evil.example|click&gt;');
    expect(blockProblems(announcement.blocks, 50)).toEqual([]);
    expect(escapeText('a<b>&c')).toBe('a&lt;b&gt;&amp;c');
    expect(link('javascript:alert(1)', 'x')).toBe('x');
    expect(link('https://ok.example/a', 'a|b<c>')).toBe('<https://ok.example/a|a¦b&lt;c&gt;>');
    expect(truncate('abcdef', 4)).toBe('abc…');
  });
});

describe('contact modals', () => {
  const meta = { openedBy: 'U0ALICE001' };
  it("keep every modal within Slack's limits, whatever the data", () => {
    const c = contact(1);
    const views = [
      contactSearchView({
        query: LONG,
        results: Array.from({ length: 120 }, (_, i) => contact(i)),
        hasMore: true,
        meta,
      }),
      contactSearchView({ query: '', results: [], hasMore: false, meta }),
      contactDetailView(c, meta),
      contactDetailView(
        contact(2, { title: null, company: null, email: null, tags: [], sources: [], conversations: [], notes: null }),
        meta,
      ),
      contactEditView(c, meta),
      conversationLogView(c, meta, now),
      followUpView(c, meta, now),
      researchModalView({ query: LONG, maxContacts: 100, defaultCount: 5, meta, disabledReason: LONG }),
      researchModalView({ maxContacts: 3, defaultCount: 3, meta: { ...meta, channelId: 'C1' } }),
    ];
    for (const view of views)
      expect(viewProblems(view as unknown as Record<string, unknown>), view.callback_id).toEqual([]);
  });

  it('shows an empty state and a "more" hint in the search view', () => {
    expect(JSON.stringify(contactSearchView({ query: '', results: [], hasMore: false, meta }).blocks)).toContain(
      'No contacts yet',
    );
    expect(JSON.stringify(contactSearchView({ query: 'zz', results: [], hasMore: false, meta }).blocks)).toContain(
      'No contacts match “zz”',
    );
    expect(
      JSON.stringify(contactSearchView({ query: 'a', results: [contact(1)], hasMore: true, meta }).blocks),
    ).toContain('More contacts match');
  });

  it('offers only the counts research allows', () => {
    const view = researchModalView({ maxContacts: 10, defaultCount: 5, meta: { ...meta, channelId: 'C1' } });
    const select = view.blocks.find((b) => b.block_id === 'maxContacts') as {
      element: { options: { value: string }[] };
    };
    expect(select.element.options.map((o) => o.value)).toEqual(['1', '3', '5', '10']);
    expect(view.blocks.some((b) => b.block_id === 'channel')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';

import type { ResearchTaskDetailView } from '../../../src/research/research-task.schemas.js';
import { enrichmentResultMessages } from '../../../src/slack/blocks/enrichment-messages.builder.js';
import { blockProblems } from '../../support/slack-limits.js';

const CONTACT = '01a2212f-fbb0-76a3-be79-000000000001';
const LONG = 'L'.repeat(3000);

function task(
  n: number,
  changes: Partial<NonNullable<ResearchTaskDetailView['changes']>> | null,
): ResearchTaskDetailView {
  const url = (i: number) => `https://site${i}.example/${'p'.repeat(1500)}`;
  return {
    id: 'task-1',
    query: 'Enrich someone',
    options: { maxContacts: 5, company: null, location: null },
    status: 'succeeded',
    progress: 100,
    progressMessage: null,
    error: null,
    requestedBy: 'U0ALICE001',
    slackChannelId: 'D0ALICE001',
    slackThreadTs: '1.1',
    model: null,
    usage: {
      promptTokens: 0,
      cachedPromptTokens: 0,
      completionTokens: 0,
      modelCalls: 0,
      searchCalls: 0,
      searchCostUsd: null,
      costUsd: null,
    },
    counts: { found: 1, new: 0, merged: 1, rejected: n },
    createdAt: '2026-12-01T00:00:00.000Z',
    startedAt: null,
    finishedAt: null,
    contactId: CONTACT,
    changes: changes && {
      contactId: CONTACT,
      matched: true,
      filled: [],
      conflicts: [],
      sourcesAdded: 0,
      namesakes: [],
      ...changes,
    },
    contacts: [],
    rejections: {
      people: Array.from({ length: n }, (_, i) => ({
        fullName: `<!channel> Person ${i} ${LONG.slice(0, 400)}`,
        reason: LONG,
      })),
      facts: Array.from({ length: n }, (_, i) => ({
        fullName: 'x',
        field: 'email',
        value: `${i}${LONG}`,
        reason: `not on the page ${url(i)}`,
      })),
    },
  };
}

describe('enrichmentResultMessages', () => {
  it.each([0, 1, 30, 300])("keeps %i of each finding within Slack's limits, and loses none", (n) => {
    const url = (i: number) => `https://site${i}.example/${'p'.repeat(1500)}`;
    const parts = enrichmentResultMessages(
      task(n, {
        filled: Array.from({ length: n }, (_, i) => ({ field: `field${i}`, value: LONG })),
        conflicts: Array.from({ length: n }, (_, i) => ({
          field: 'title',
          kept: LONG,
          keptSources: [url(i), url(i + 1), url(i + 2)],
          offered: `${i}&<>${LONG}`,
          offeredSources: [url(i)],
        })),
        namesakes: Array.from({ length: n }, (_, i) => ({ fullName: `Namesake ${i}`, company: LONG, reason: LONG })),
        sourcesAdded: n,
      }),
      `<@U0EVIL0001> ${LONG}`,
    );
    for (const part of parts) {
      expect(blockProblems(part.blocks, 50)).toEqual([]);
      expect(JSON.stringify(part.blocks).length).toBeLessThanOrEqual(12_000);
      expect(part.text.length).toBeLessThanOrEqual(3_000);
    }
    const text = JSON.stringify(parts);
    expect(text).not.toContain('<@U0EVIL0001>');
    expect(text).not.toContain('<!channel>');
    for (let i = 0; i < n; i += 7) {
      expect(text).toContain(`*field${i}* added`);
      expect(text).toContain(`Namesake ${i} `);
    }
    const lines = parts.flatMap((p) => p.blocks).filter((b) => b.type === 'section');
    // The headline, then one line per filled field, conflict, fact left out, namesake and person left out.
    expect(lines).toHaveLength(1 + 5 * n);
    expect(parts.at(-1)!.blocks.at(-1)).toMatchObject({ type: 'actions', block_id: `enriched:${CONTACT}` });
  });

  it('says plainly when nothing new was found, and when the person was not found at all', () => {
    expect(enrichmentResultMessages(task(0, {}), 'Dana')[0]!.text).toMatch(
      /Nothing new on \*Dana\*: the pages read show what is already known/,
    );
    expect(enrichmentResultMessages(task(0, { matched: false }), 'Dana')[0]!.text).toMatch(
      /Nothing new on \*Dana\*: no page read showed this person/,
    );
    expect(enrichmentResultMessages(task(0, null), 'Dana')[0]!.text).toMatch(/Nothing was changed/);
  });

  it('carries no bidi override from a left-out name or value into Slack (verification keeps them as handed in)', () => {
    const RLO = '\u202E';
    const base = task(0, {});
    const parts = enrichmentResultMessages(
      {
        ...base,
        counts: { ...base.counts, rejected: 2 },
        rejections: {
          people: [{ fullName: `Eve ${RLO}lanoitanretni.live`, reason: 'not named on any page that was read' }],
          facts: [{ fullName: 'Eve', field: 'title', value: `CEO ${RLO}deifirev`, reason: 'not on the page' }],
        },
      },
      'Eve Example',
    );
    const shown = JSON.stringify(parts);
    expect(shown).toContain('lanoitanretni.live'); // the findings are there…
    expect(shown).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/); // …without the override
  });
});

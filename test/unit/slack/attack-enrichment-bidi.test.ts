/**
 * Attack: names and values the research model handed in (as written on a web page, or as a
 * prompt-injected model writes them) reach the enrichment message when verification leaves them
 * out. They are escaped for mrkdwn, but bidi controls are not removed as they are from stored
 * names (README "What happens to contact data on the way in"): a U+202E in a left-out name or value
 * reverses the rest of the line in Slack.
 */
import { describe, expect, it } from 'vitest';

import type { ResearchTaskDetailView } from '../../../src/research/research-task.schemas.js';
import { enrichmentResultMessages } from '../../../src/slack/blocks/enrichment-messages.builder.js';

const CONTACT = '01a2212f-fbb0-76a3-be79-000000000001';
const RLO = '\u202E';

function task(): ResearchTaskDetailView {
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
    counts: { found: 1, new: 0, merged: 1, rejected: 2 },
    createdAt: '2026-12-01T00:00:00.000Z',
    startedAt: null,
    finishedAt: null,
    contactId: CONTACT,
    changes: {
      contactId: CONTACT,
      matched: true,
      filled: [],
      conflicts: [],
      sourcesAdded: 0,
      namesakes: [],
    },
    contacts: [],
    rejections: {
      // Verification keeps a left-out person's name as handed in (only white space collapsed).
      people: [{ fullName: `Eve ${RLO}lanoitanretni.live`, reason: 'not named on any page that was read' }],
      facts: [{ fullName: 'Eve', field: 'title', value: `CEO ${RLO}deifirev`, reason: 'not on the page' }],
    },
  };
}

describe('attack: bidi controls in an enrichment message', () => {
  it('a left-out name or value carries no bidi override into Slack', () => {
    const parts = enrichmentResultMessages(task(), 'Eve Example');
    const shown = JSON.stringify(parts);
    expect(shown).toContain('Eve'); // the findings are there…
    expect(shown).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/); // …without the override
  });
});

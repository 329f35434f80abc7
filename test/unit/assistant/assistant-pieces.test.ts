import { describe, expect, it } from 'vitest';

import { ASSISTANT_TOOLS } from '../../../src/assistant/tools/index.js';
import { toolDeclaration } from '../../../src/assistant/tools/tool.js';
import { appHomeView } from '../../../src/slack/blocks/app-home.builder.js';
import {
  assistantAnswer,
  decidedProposal,
  proposalMessage,
  SUGGESTED_PROMPTS,
} from '../../../src/slack/blocks/assistant-messages.builder.js';
import { personMessage } from '../../../src/slack/listeners/events/message-filter.js';
import { questionText } from '../../../src/slack/listeners/events/slack-text.js';
import { blockProblems } from '../../support/slack-limits.js';

const ID = '01a2212f-fbb0-76a3-be79-000000000001';

describe('the assistant tools', () => {
  it('are exactly the seven named in the issue, each with a JSON schema the model can read', () => {
    expect(ASSISTANT_TOOLS.map((t) => t.name)).toEqual([
      'search_contacts',
      'get_contact',
      'log_conversation',
      'set_follow_up',
      'update_contact',
      'start_research',
      'enrich_contact',
    ]);
    expect(ASSISTANT_TOOLS.filter((t) => t.kind === 'write').map((t) => t.name)).toEqual([
      'log_conversation',
      'set_follow_up',
      'update_contact',
      'start_research',
      'enrich_contact',
    ]);
    for (const tool of ASSISTANT_TOOLS) {
      const declaration = toolDeclaration(tool);
      expect(declaration.function.parameters).toMatchObject({ type: 'object' });
      // Plain for every OpenAI-compatible server: no references, no format keywords.
      expect(JSON.stringify(declaration)).not.toMatch(/\$schema|\$ref|\$defs|"format"/);
    }
  });

  it('refuse arguments outside their schema', () => {
    const byName = Object.fromEntries(ASSISTANT_TOOLS.map((t) => [t.name, t]));
    expect(byName.search_contacts!.args.safeParse({ query: '' }).success).toBe(false);
    expect(byName.search_contacts!.args.safeParse({ query: 'x', limit: 500 }).success).toBe(false);
    expect(byName.get_contact!.args.safeParse({ contactId: "1' OR 1=1" }).success).toBe(false);
    expect(byName.set_follow_up!.args.safeParse({ contactId: ID, date: 'next tuesday' }).success).toBe(false);
    expect(byName.update_contact!.args.safeParse({ contactId: ID, changes: { email: 'not an email' } }).success).toBe(
      false,
    );
    expect(byName.update_contact!.args.safeParse({ contactId: ID, changes: { id: 'x' } }).success).toBe(false);
    expect(byName.log_conversation!.args.safeParse({ contactId: ID, kind: 'telepathy', summary: 'x' }).success).toBe(
      false,
    );
    expect(byName.start_research!.args.safeParse({ query: 'x'.repeat(501) }).success).toBe(false);
    expect(byName.delete_contact).toBeUndefined();
  });
});

describe('Slack text in and out', () => {
  it('turns Slack wire text into the question the person wrote', () => {
    expect(questionText('<@U0BOT00001> who do we know at AT&amp;T?', 'U0BOT00001')).toBe('who do we know at AT&T?');
    expect(
      questionText(
        '<@U0BOT00001|crm> ask <@U0DANA0001> about <https://acme.example|Acme> in <#C0SALES01|sales>',
        'U0BOT00001',
      ),
    ).toBe('ask <@U0DANA0001> about Acme (https://acme.example) in #sales');
    expect(questionText('&lt;b&gt; <!here> 2 &gt; 1', 'U0BOT00001')).toBe('<b> @here 2 > 1');
    expect(questionText('<@U0BOT00001>', 'U0BOT00001')).toBe('');
  });

  it("keeps only people's messages", () => {
    const base = { type: 'message', channel: 'D1', user: 'U0ALICE001', ts: '1.1', text: 'hi' };
    expect(personMessage(base, 'U0BOT00001')).toBeDefined();
    expect(personMessage({ ...base, user: 'U0BOT00001' }, 'U0BOT00001')).toBeUndefined();
    expect(personMessage({ ...base, bot_id: 'B1' }, 'U0BOT00001')).toBeUndefined();
    for (const subtype of ['bot_message', 'message_changed', 'message_deleted', 'channel_join', 'thread_broadcast'])
      expect(personMessage({ ...base, subtype }, 'U0BOT00001')).toBeUndefined();
    expect(personMessage({ ...base, subtype: 'file_share' }, 'U0BOT00001')).toBeDefined();
  });

  it("keeps answers, proposals and the Home tab inside Slack's limits and escapes stored text", () => {
    const hostile = `<!channel> <@U0ALICE001> <https://evil.example|click> ${'é'.repeat(40_000)}`;
    const answer = assistantAnswer(
      hostile,
      Array.from({ length: 30 }, (_, i) => ({
        id: `${ID.slice(0, -2)}${String(i).padStart(2, '0')}`,
        fullName: 'N'.repeat(500),
      })),
    );
    expect(blockProblems(answer.blocks, 50)).toEqual([]);
    expect(JSON.stringify(answer.blocks).length).toBeLessThan(13_000);
    expect(JSON.stringify(answer)).not.toMatch(/<!channel>|<@U0ALICE001>|<https:/);
    const proposal = proposalMessage({ id: ID, tool: 'update_contact', preview: hostile }, 'U0ALICE001');
    expect(blockProblems(proposal.blocks, 50)).toEqual([]);
    expect(proposal.text).not.toContain('<!channel>');
    const decided = decidedProposal(
      hostile,
      { outcome: 'failed', text: hostile, requestedBy: 'U0ALICE001' },
      'U0ALICE001',
    );
    expect(blockProblems(decided.blocks, 50)).toEqual([]);
    expect(JSON.stringify(decided)).not.toContain('<!channel>');
    expect(SUGGESTED_PROMPTS.length).toBeGreaterThanOrEqual(3);
    expect(SUGGESTED_PROMPTS.length).toBeLessThanOrEqual(4);

    const many = <T>(n: number, f: (i: number) => T) => Array.from({ length: n }, (_, i) => f(i));
    const home = appHomeView('U0ALICE001', {
      followUps: many(15, (i) => ({
        id: `${ID}${i}`,
        fullName: hostile.slice(0, 300),
        company: 'C'.repeat(300),
        dueAt: '2026-11-01T00:00:00.000Z',
        overdue: true,
      })),
      tasks: many(5, () => ({
        id: ID,
        query: hostile.slice(0, 500),
        status: 'failed',
        progressMessage: null,
        error: hostile,
        contactsNew: 0,
        contactsMerged: 0,
        createdAt: '2026-11-01T00:00:00.000Z',
      })),
      recentContacts: many(8, (i) => ({
        id: `${ID}${i}`,
        fullName: hostile.slice(0, 200),
        title: 'T'.repeat(200),
        company: 'C'.repeat(200),
        createdAt: '2026-11-01T00:00:00.000Z',
      })),
    });
    expect(home.type).toBe('home');
    expect(blockProblems(home.blocks, 100)).toEqual([]);
    expect(JSON.stringify(home)).not.toContain('<!channel>');
  });
});

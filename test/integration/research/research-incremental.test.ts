import { describe, expect, it } from 'vitest';

import type { ChatHandler, ChatRequest } from '../../support/fake-openai.js';
import { sendSigned, slashCommand } from '../../support/fake-slack.js';
import {
  REALISTIC_PAGE_PATHS,
  REALISTIC_PAGES,
  REALISTIC_PEOPLE,
  REALISTIC_SEARCH_RESULTS,
  realisticResearcher,
  realisticSubmission,
} from '../../support/realistic-research.js';
import { startResearchRig, type ResearchTestRig } from '../../support/research-app.js';
import { eventually, startSlackRig, type SlackTestRig } from '../../support/slack-app.js';

const web = { pages: REALISTIC_PAGES, searchResults: REALISTIC_SEARCH_RESULTS };
const slowWeb = {
  pages: Object.fromEntries(Object.entries(REALISTIC_PAGES).map(([p, page]) => [p, { ...page, delayMs: 300 }])),
  searchResults: REALISTIC_SEARCH_RESULTS,
};

async function withResearch(
  handler: (rig: () => ResearchTestRig) => ChatHandler,
  options: Parameters<typeof startResearchRig>[1],
  test: (rig: ResearchTestRig) => Promise<void>,
) {
  let rig: ResearchTestRig | undefined;
  rig = await startResearchRig(
    handler(() => rig!),
    { web, ...options },
  );
  try {
    await test(rig);
  } finally {
    await rig.close();
  }
}

const sync = (rig: ResearchTestRig, query: string, maxContacts = 10) =>
  rig.t.api('POST', '/api/research/sync', { query, maxContacts });
const fetchedUrls = (request: ChatRequest) =>
  request.messages
    .flatMap((m) => m.tool_calls ?? [])
    .filter((c) => c.function.name === 'fetch_page')
    .map((c) => (JSON.parse(c.function.arguments) as { url: string }).url);

describe('research that hands people in as it finds them', () => {
  it('posts people to the Slack thread as they are found, before the task ends, and ends with a summary', async () => {
    let rig: SlackTestRig | undefined;
    rig = await startSlackRig({
      handler: (r) => realisticResearcher(() => r().web.base),
      web: slowWeb,
      latencyMs: 100,
    });
    try {
      const query = 'Heads of Sales at fintechs in London';
      await sendSigned(rig.t.url, slashCommand(rig.slack, '/research', query));
      const task = await eventually(async () => {
        const row = await rig.t.app.database.db.researchTask.findFirst({ where: { query } });
        return row?.slackDeliveredAt ? row : undefined;
      }, 60_000);
      expect(task).toMatchObject({ status: 'succeeded', contactsNew: 10, slackDeliveryError: null });
      const thread = rig.slack
        .callsTo('chat.postMessage')
        .filter((c) => c.args.thread_ts === task.slackThreadTs && c.ok);
      const peoplePosts = thread.filter((c) =>
        (c.args.blocks ?? []).some((b: { block_id?: string }) => b.block_id?.startsWith('person:')),
      );
      // Two hand-ins, two posts, while the task was still running.
      expect(peoplePosts.length).toBeGreaterThanOrEqual(2);
      expect(peoplePosts[0]!.at).toBeLessThan(task.finishedAt!.getTime());
      expect(String(peoplePosts[0]!.args.text)).toMatch(/^Found: Amelia Hartwell/);
      const names = peoplePosts.flatMap((c) =>
        (c.args.blocks as { block_id?: string; text?: { text: string } }[])
          .filter((b) => b.block_id?.startsWith('person:'))
          .map((b) => /^\*(.+?)\*/.exec(b.text!.text)![1]),
      );
      expect(names.sort()).toEqual(REALISTIC_PEOPLE.map((p) => p.fullName).sort());
      expect(thread.at(-1)!.args.text).toMatch(
        /^:checkered_flag: Done in [\d.]+ s · 10 people found \(10 new, 0 already known\) · cost \$/,
      );
      // Pages of one turn were read at once.
      expect(rig.web.maxConcurrentPages).toBeGreaterThan(1);
    } finally {
      await rig.close();
    }
  });

  it('keeps the people verified before the model died, shows them, and records what was spent', async () => {
    let rig: SlackTestRig | undefined;
    const first = REALISTIC_PEOPLE.slice(0, 3);
    const handler: ChatHandler = (request, call) => {
      if (call === 1) return { toolCalls: [{ name: 'search_web', arguments: { query: 'northwind leadership' } }] };
      if (call === 2)
        return { toolCalls: [{ name: 'fetch_page', arguments: { url: `${rig!.web.base}/northwind/leadership` } }] };
      if (call === 3)
        return {
          toolCalls: [
            {
              name: 'submit_contacts',
              arguments: { contacts: first.map((p) => realisticSubmission(rig!.web.base, p)) },
            },
            { name: 'fetch_page', arguments: { url: `${rig!.web.base}/brightpay/news/appoints-sales-director` } },
          ],
        };
      return { status: 500 };
    };
    rig = await startSlackRig({ handler: () => handler, web, env: { OPENAI_MAX_RETRIES: '0' } });
    try {
      const query = 'People at Northwind and Brightpay';
      await sendSigned(rig.t.url, slashCommand(rig.slack, '/research', query));
      const task = await eventually(async () => {
        const row = await rig.t.app.database.db.researchTask.findFirst({ where: { query } });
        return row?.slackDeliveredAt ? row : undefined;
      }, 30_000);
      // Three answers billed (the failed call was not); one search.
      expect(task).toMatchObject({ status: 'failed', contactsNew: 3, modelCalls: 3, searchCalls: 1 });
      expect(task.error).toBe(
        'the language model failed (HTTP 500), even after retries; the 3 people verified until then are kept',
      );
      expect(task.promptTokens).toBe(rig.model.reportedUsage.prompt);
      expect(task.costUsd).toBeGreaterThan(0);
      const thread = rig.slack
        .callsTo('chat.postMessage')
        .filter((c) => c.args.thread_ts === task.slackThreadTs && c.ok);
      const shown = thread
        .flatMap((c) => (c.args.blocks ?? []) as { block_id?: string; text?: { text: string } }[])
        .filter((b) => b.block_id?.startsWith('person:'))
        .map((b) => /^\*(.+?)\*/.exec(b.text!.text)![1]);
      expect(shown.sort()).toEqual(first.map((p) => p.fullName).sort());
      expect(thread.at(-1)!.args.text).toMatch(
        /^:x: Stopped after [\d.]+ s: the language model failed \(HTTP 500\), even after retries; the 3 people verified until then are kept · 3 people found/,
      );
    } finally {
      await rig.close();
    }
  });

  it('verifies, stores and shows the first person of a hand-in while the model is still writing the others', async () => {
    let rig: SlackTestRig | undefined;
    const people = REALISTIC_PEOPLE.slice(0, 3);
    const seen: ChatRequest[] = [];
    const handler: ChatHandler = (request, call) => {
      seen.push(request);
      if (call === 1)
        return { toolCalls: [{ name: 'fetch_page', arguments: { url: `${rig!.web.base}/northwind/leadership` } }] };
      if (call === 2)
        return {
          toolCalls: [
            {
              name: 'submit_contacts',
              arguments: { contacts: people.map((p) => realisticSubmission(rig!.web.base, p)) },
            },
          ],
        };
      return { toolCalls: [{ name: 'finish_research', arguments: { summary: 'Done.' } }] };
    };
    // Slow generation: the hand-in of three people takes the model about 7 s to write.
    rig = await startSlackRig({ handler: () => handler, web, model: { msPerCompletionToken: 20 } });
    try {
      const query = 'Sales leaders at Northwind';
      await sendSigned(rig.t.url, slashCommand(rig.slack, '/research', query));
      const task = await eventually(async () => {
        const row = await rig.t.app.database.db.researchTask.findFirst({ where: { query } });
        return row?.slackDeliveredAt ? row : undefined;
      }, 60_000);
      expect(task).toMatchObject({ status: 'succeeded', contactsNew: 3 });
      const handInWritten = rig.model.answeredAt[1]!;
      const stored = await rig.t.app.database.db.contact.findMany({ orderBy: { createdAt: 'asc' } });
      expect(stored.map((c) => c.fullName)).toEqual(people.map((p) => p.fullName));
      expect(stored[0]!.createdAt.getTime()).toBeLessThan(handInWritten);
      const firstPost = rig.slack
        .callsTo('chat.postMessage')
        .find((c) => c.args.thread_ts === task.slackThreadTs && /^Found: Amelia Hartwell/.test(String(c.args.text)));
      expect(firstPost!.at).toBeLessThan(handInWritten);
      // One call, one answer for the model, naming everyone it stored.
      const reply = seen[2]!.messages.filter((m) => m.role === 'tool').at(-1)!.content!;
      for (const p of people) expect(reply).toContain(p.fullName);
      expect(seen[2]!.messages.filter((m) => m.role === 'tool')).toHaveLength(2);
    } finally {
      await rig.close();
    }
  });

  it('keeps the people of a hand-in the model cut off, and tells it the rest was not valid', async () => {
    const seen: ChatRequest[] = [];
    await withResearch(
      (rig) => (request, call) => {
        seen.push(request);
        if (call === 1)
          return { toolCalls: [{ name: 'fetch_page', arguments: { url: `${rig().web.base}/northwind/leadership` } }] };
        if (call === 2) {
          const whole = JSON.stringify({
            contacts: REALISTIC_PEOPLE.slice(0, 3).map((p) => realisticSubmission(rig().web.base, p)),
          });
          // Cut in the middle of the third person (a model that hit its output limit).
          return {
            toolCalls: [{ name: 'submit_contacts', arguments: whole.slice(0, whole.indexOf('Sofia Lindqvist') + 5) }],
          };
        }
        return { toolCalls: [{ name: 'finish_research', arguments: { summary: 'Done.' } }] };
      },
      {},
      async (rig) => {
        const res = await sync(rig, 'Sales leaders at Northwind');
        expect(res.body).toMatchObject({ status: 'succeeded', counts: { new: 2 } });
        expect(res.body.contacts.map((c: { fullName: string }) => c.fullName).sort()).toEqual([
          'Amelia Hartwell',
          'Rajesh Varma',
        ]);
        const reply = seen[2]!.messages.filter((m) => m.role === 'tool').at(-1)!.content!;
        expect(reply).toContain('Amelia Hartwell');
        expect(reply).toContain('Rajesh Varma');
        expect(reply).toMatch(/not valid JSON: hand in the people not listed above again/);
      },
    );
  });

  it('ends succeeded with a note at the step limit, having forced submit_contacts on the last step', async () => {
    const seen: ChatRequest[] = [];
    await withResearch(
      (rig) => (request, call) => {
        seen.push(request);
        const choice = request.tool_choice as { function?: { name?: string } } | undefined;
        if (choice?.function?.name === 'submit_contacts')
          return {
            toolCalls: [
              {
                name: 'submit_contacts',
                arguments: { contacts: [realisticSubmission(rig().web.base, REALISTIC_PEOPLE[0]!)] },
              },
            ],
          };
        if (call === 1)
          return { toolCalls: [{ name: 'fetch_page', arguments: { url: `${rig().web.base}/northwind/leadership` } }] };
        return { toolCalls: [{ name: 'search_web', arguments: { query: `more people ${call}` } }] };
      },
      { env: { RESEARCH_MAX_STEPS: '4' } },
      async (rig) => {
        const res = await sync(rig, 'Heads of Sales at Northwind');
        expect(res.body).toMatchObject({ status: 'succeeded', error: null, counts: { new: 1 } });
        expect(res.body.progressMessage).toBe(
          'Found 1 person; the agent reached its step limit (4); the 1 person verified until then is kept',
        );
        expect(seen.map((r) => r.tool_choice ?? null)).toEqual([
          null,
          null,
          null,
          { type: 'function', function: { name: 'submit_contacts' } },
        ]);
      },
    );
  });

  it('ends when as many people as asked for are stored, refusing more', async () => {
    await withResearch(
      (rig) => realisticResearcher(() => rig().web.base),
      {},
      async (rig) => {
        const res = await sync(rig, 'Two sales leaders', 2);
        expect(res.body).toMatchObject({ status: 'succeeded', counts: { new: 2 } });
        // Search, read 4 pages, hand in (7 people of which 2 kept): three model calls.
        expect(rig.model.requests).toHaveLength(3);
      },
    );
  });

  it("runs one turn's page reads at once, gives later turns a digest instead of the page, and answers a re-read with the digest", async () => {
    await withResearch(
      (rig) => (request, call) => {
        const base = rig().web.base;
        if (call === 1)
          return {
            toolCalls: REALISTIC_PAGE_PATHS.slice(0, 4).map((p) => ({
              name: 'fetch_page',
              arguments: { url: base + p },
            })),
          };
        if (call === 2)
          return {
            toolCalls: [
              {
                name: 'submit_contacts',
                arguments: { contacts: REALISTIC_PEOPLE.slice(0, 3).map((p) => realisticSubmission(base, p)) },
              },
            ],
          };
        if (call === 3)
          return { toolCalls: [{ name: 'fetch_page', arguments: { url: `${base}/northwind/leadership` } }] };
        return { toolCalls: [{ name: 'finish_research', arguments: { summary: 'done' } }] };
      },
      { web: slowWeb },
      async (rig) => {
        const res = await sync(rig, 'Northwind leadership');
        expect(res.body).toMatchObject({ status: 'succeeded', counts: { new: 3 } });
        expect(rig.web.maxConcurrentPages).toBe(4);
        const [, second, third, fourth] = rig.model.requests;
        const pageBodies = (r: ChatRequest) =>
          r.messages.filter((m) => m.role === 'tool' && (m.content ?? '').includes('<page url=')).length;
        const digests = (r: ChatRequest) =>
          r.messages.filter((m) => m.role === 'tool' && (m.content ?? '').includes('<page-digest')).length;
        // The model sees the four pages once, in full (sharing the turn's budget)…
        expect(pageBodies(second!)).toBe(4);
        expect(second!.messages.filter((m) => m.role === 'tool').every((m) => (m.content ?? '').length <= 13_500)).toBe(
          true,
        );
        // …then only their digests; reading one again returns its digest, naming who was handed in from it.
        expect(pageBodies(third!)).toBe(0);
        expect(digests(third!)).toBe(4);
        const reread = fourth!.messages.at(-1)!;
        expect(reread.content).toContain('<page-digest');
        expect(reread.content).toContain('Already handed in from it: Amelia Hartwell, Rajesh Varma, Sofia Lindqvist');
        expect(fetchedUrls(fourth!)).toHaveLength(5);
        expect(rig.web.hits.filter((h) => h === '/northwind/leadership')).toHaveLength(1);
        // The prompt stays small: the last request is far below the four pages' size.
        expect(JSON.stringify(fourth!.messages).length).toBeLessThan(15_000);
      },
    );
  });

  it('declares closed tool schemas', async () => {
    await withResearch(
      (rig) => realisticResearcher(() => rig().web.base),
      {},
      async (rig) => {
        await sync(rig, 'Sales leaders', 1);
        const declared = rig.model.requests[0]!.tools!;
        const closed = (schema: unknown): boolean => {
          if (!schema || typeof schema !== 'object') return true;
          const s = schema as Record<string, unknown>;
          if (s.type === 'object' && s.additionalProperties !== false) return false;
          return Object.values(s).every((v) =>
            Array.isArray(v) ? v.every(closed) : typeof v === 'object' ? closed(v) : true,
          );
        };
        for (const tool of declared) expect(closed(tool.function.parameters), tool.function.name).toBe(true);
        // A generic OpenAI-compatible server is not sent `strict` (OpenAI and Azure are: see the unit tests).
        expect(declared.some((t) => t.function.strict)).toBe(false);
      },
    );
  });
});

describe('real model servers', () => {
  it('takes tool calls written as text (JSON, <tool_call> tags, fenced) as real calls', async () => {
    await withResearch(
      (rig) => (_request, call) => {
        const base = rig().web.base;
        if (call === 1) return { content: '{"name": "search_web", "arguments": {"query": "northwind leadership"}}' };
        if (call === 2)
          return {
            content: `<tool_call>{"name": "fetch_page", "arguments": {"url": "${base}/northwind/leadership"}}</tool_call>`,
          };
        if (call === 3)
          return {
            content:
              '```json\n' +
              JSON.stringify({
                name: 'submit_contacts',
                parameters: { contacts: [realisticSubmission(base, REALISTIC_PEOPLE[0]!)] },
              }) +
              '\n```',
          };
        return { content: 'I handed in everyone I found.' };
      },
      {},
      async (rig) => {
        const res = await sync(rig, 'Northwind leadership');
        expect(res.body).toMatchObject({ status: 'succeeded', counts: { new: 1 } });
        expect(rig.model.requests).toHaveLength(4);
        // The conversation sent back holds them as proper tool calls with their results.
        const last = rig.model.requests[3]!;
        expect(
          last.messages
            .filter((m) => m.role === 'assistant')
            .flatMap((m) => m.tool_calls ?? [])
            .map((c) => c.function.name),
        ).toEqual(['search_web', 'fetch_page', 'submit_contacts']);
      },
    );
  });

  it("stops with the setting to raise when the server silently cut the prompt (Ollama's context window)", async () => {
    await withResearch(
      (rig) => realisticResearcher(() => rig().web.base),
      { model: { contextTokens: 2048 } },
      async (rig) => {
        const res = await sync(rig, 'Heads of Sales at fintechs');
        expect(res.body.status).toBe('failed');
        expect(res.body.error).toMatch(/^the model server read only 2048 of about \d+ prompt tokens/);
        expect(res.body.error).toContain('OLLAMA_CONTEXT_LENGTH');
        expect(res.body.error).toContain('num_ctx');
        expect(res.body.usage.promptTokens).toBeGreaterThan(0);
      },
    );
  });
});

describe("SEARCH_PROVIDER=openai: OpenAI's hosted web search, for discovery only", () => {
  it("finds pages with the Responses API web_search tool, reads them itself, and never takes the hosted model's prose", async () => {
    let rig: ResearchTestRig | undefined;
    rig = await startResearchRig(
      realisticResearcher(() => rig!.web.base),
      {
        web,
        env: { SEARXNG_URL: '', SEARCH_PROVIDER: 'openai' },
        model: {
          responses: () => ({
            text: 'Amelia Hartwell is the CEO and her email is ceo@invented.example.',
            sources: [
              {
                url: `${rig!.web.base}/northwind/leadership?utm_source=openai`,
                title: 'Leadership team — Northwind Ledger',
              },
              { url: `${rig!.web.base}/brightpay/news/appoints-sales-director`, title: 'Brightpay appoints' },
              { url: 'javascript:alert(1)', title: 'bad' },
            ],
          }),
        },
      },
    );
    try {
      const res = await sync(rig, 'Heads of Sales at fintechs', 3);
      expect(res.body).toMatchObject({ status: 'succeeded', counts: { new: 3 } });
      const sent = rig.model.responsesRequests[0]!;
      expect(sent.tools).toEqual([{ type: 'web_search' }]);
      expect(sent.include).toContain('web_search_call.action.sources');
      const searchReply = rig.model.requests[1]!.messages.find((m) => m.role === 'tool')!.content!;
      expect(searchReply).toContain(`${rig.web.base}/northwind/leadership\n`);
      expect(searchReply).not.toContain('utm_source');
      expect(searchReply).not.toContain('javascript:');
      expect(searchReply).not.toContain('invented.example');
      expect(searchReply).not.toContain('CEO');
      // Three searches at $10 per thousand, and the hosted search's own tokens.
      expect(res.body.usage).toMatchObject({ searchCalls: 3, searchCostUsd: 0.03 });
      expect(res.body.usage.promptTokens).toBeGreaterThan(rig.model.reportedUsage.prompt);
      const amelia = res.body.contacts.find((c: { fullName: string }) => c.fullName === 'Amelia Hartwell');
      expect(amelia.title).toBe('Head of Sales');
    } finally {
      await rig.close();
    }
  });

  it('retries a hosted search answering 429, then says clearly in the thread that search failed', async () => {
    let rig: SlackTestRig | undefined;
    rig = await startSlackRig({
      // Searches, then gives up when they fail.
      handler: () => (_request, call) =>
        call === 1
          ? {
              toolCalls: ['a', 'b', 'c'].map((q) => ({
                name: 'search_web',
                arguments: { query: `heads of sales ${q}` },
              })),
            }
          : { toolCalls: [{ name: 'finish_research', arguments: { summary: 'Search is not working.' } }] },
      web,
      env: { SEARXNG_URL: '', SEARCH_PROVIDER: 'openai', OPENAI_MAX_RETRIES: '1' },
      model: {
        responses: () => ({
          status: 429,
          headers: { 'retry-after-ms': '10' },
          body: { error: { message: 'Rate limit reached', type: 'requests' } },
        }),
      },
    });
    try {
      const query = 'Heads of Sales nowhere';
      await sendSigned(rig.t.url, slashCommand(rig.slack, '/research', query));
      const task = await eventually(async () => {
        const row = await rig.t.app.database.db.researchTask.findFirst({ where: { query } });
        return row?.slackDeliveredAt ? row : undefined;
      }, 30_000);
      // Each of the three searches was tried twice (one retry).
      expect(rig.model.responsesRequests).toHaveLength(6);
      expect(task).toMatchObject({
        status: 'failed',
        error: 'web search failed: OpenAI web search is rate-limiting us (HTTP 429), even after retries',
      });
      const outcome = rig.slack
        .callsTo('chat.update')
        .filter((c) => c.args.ts === task.slackProgressTs)
        .at(-1)!;
      expect(outcome.args.text).toBe(
        ':x: Research failed: web search failed: OpenAI web search is rate-limiting us (HTTP 429), even after retries.',
      );
    } finally {
      await rig.close();
    }
  });
});

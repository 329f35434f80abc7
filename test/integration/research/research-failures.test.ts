import { describe, expect, it } from 'vitest';

import { scriptedResearcher, toolResults, type ChatHandler } from '../../support/fake-openai.js';
import { startResearchRig, type ResearchTestRig } from '../../support/research-app.js';
import { fixtureSubmission } from '../../support/research-fixtures.js';
import { eventually } from '../../support/slack-app.js';
import { startTestApp } from '../../support/test-app.js';

async function withRig(
  handler: ChatHandler,
  env: Record<string, string>,
  test: (rig: ResearchTestRig) => Promise<void>,
  latencyMs?: number,
) {
  const rig = await startResearchRig(handler, { env, latencyMs });
  try {
    await test(rig);
  } finally {
    await rig.close();
  }
}

const oneTeamPage = (rig: () => ResearchTestRig): ChatHandler =>
  scriptedResearcher({
    pages: () => [`${rig().web.base}/ledgerly/team`],
    submit: () => fixtureSubmission(rig().web.base).slice(0, 1),
  });

async function waitForStatus(rig: ResearchTestRig, id: string, statuses: string[], timeoutMs = 15_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const task = (await rig.t.api('GET', `/api/research/tasks/${id}`)).body;
    if (statuses.includes(task.status) || Date.now() > until) return task;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the agent with a difficult model', () => {
  it('answers malformed tool calls with an error the model can act on', async () => {
    let r: ResearchTestRig;
    const script = oneTeamPage(() => r);
    await withRig(
      (request, call) => {
        if (call === 1) return { toolCalls: [{ name: 'search_web', arguments: '{"query": ' }] };
        if (call === 2)
          return {
            toolCalls: [
              { name: 'fetch_page', arguments: { address: 'x' } },
              { name: 'delete_everything', arguments: {} },
            ],
          };
        return script(request, call);
      },
      {},
      async (rig) => {
        r = rig;
        const res = await rig.t.api('POST', '/api/research/sync', { query: 'Heads of Sales at Ledgerly' });
        expect(res.body.status).toBe('succeeded');
        expect(res.body.counts.new).toBe(1);
        expect(toolResults(rig.model.requests[1]!)).toEqual([
          'The arguments of search_web were not valid JSON. Call it again with a JSON object.',
        ]);
        const second = toolResults(rig.model.requests[2]!);
        expect(second[1]).toContain('The arguments of fetch_page are not valid:\nurl:');
        expect(second[2]).toContain('There is no tool named "delete_everything"');
      },
    );
  });

  it('nudges a model that talks instead of calling tools, then gives up with a reason', async () => {
    await withRig(
      () => ({ content: 'I think the Head of Sales is probably someone nice.' }),
      {},
      async (rig) => {
        const res = await rig.t.api('POST', '/api/research/sync', { query: 'Heads of Sales at Ledgerly' });
        expect(res.body).toMatchObject({
          status: 'failed',
          error: 'the model kept answering in prose instead of using its tools',
          counts: { new: 0 },
        });
        expect(rig.model.requests).toHaveLength(3);
        expect(rig.model.requests[1]!.messages.at(-1)!.content).toContain('Answer with a tool call');
        expect(res.body.usage).toMatchObject({ promptTokens: rig.model.reportedUsage.prompt, modelCalls: 3 });
      },
    );
  });

  it('stops at the step limit, warning the model before the end', async () => {
    await withRig(
      () => ({ toolCalls: [{ name: 'search_web', arguments: { query: 'more people' } }] }),
      { RESEARCH_MAX_STEPS: '4' },
      async (rig) => {
        const res = await rig.t.api('POST', '/api/research/sync', { query: 'Heads of Sales at Ledgerly' });
        expect(res.body).toMatchObject({
          status: 'failed',
          error: 'the agent reached its step limit (4) without handing in anyone who could be verified',
        });
        expect(rig.model.requests).toHaveLength(4);
        expect(rig.model.requests[2]!.messages.at(-1)!.content).toContain('step(s) left');
      },
    );
  });
});

describe('the model provider failing', () => {
  it('retries a 429 (honouring retry-after) and a 500, then succeeds', async () => {
    let r: ResearchTestRig;
    const script = oneTeamPage(() => r);
    let failures = 0;
    await withRig(
      (request, call) => {
        if (call === 1)
          return (
            failures++,
            {
              status: 429,
              headers: { 'retry-after-ms': '20' },
              body: { error: { message: 'slow down', type: 'rate_limit' } },
            }
          );
        if (call === 2) return (failures++, { status: 500 });
        return script(request, call);
      },
      {},
      async (rig) => {
        r = rig;
        const res = await rig.t.api('POST', '/api/research/sync', { query: 'Heads of Sales at Ledgerly' });
        expect(res.body.status).toBe('succeeded');
        expect(failures).toBe(2);
      },
    );
  });

  it('fails the task with a plain reason when the provider keeps failing', async () => {
    await withRig(
      () => ({ status: 503 }),
      { OPENAI_MAX_RETRIES: '1' },
      async (rig) => {
        const res = await rig.t.api('POST', '/api/research/sync', { query: 'Heads of Sales at Ledgerly' });
        expect(res.body).toMatchObject({
          status: 'failed',
          error: 'the language model failed (HTTP 503), even after retries',
        });
        expect(rig.model.requests).toHaveLength(2);
      },
    );
  });

  it('fails a task that runs past its deadline, stopping the model call', async () => {
    await withRig(
      () => ({ hang: true }),
      { RESEARCH_TIMEOUT_MS: '1000' },
      async (rig) => {
        const started = Date.now();
        const res = await rig.t.api('POST', '/api/research/sync', { query: 'Heads of Sales at Ledgerly' });
        expect(res.body).toMatchObject({ status: 'failed', error: 'the research ran out of time' });
        expect(Date.now() - started).toBeLessThan(5_000);
        // The model server sees the connection close a moment after the task ended: wait for it, not a fixed time.
        await eventually(() => rig.model.abortedRequests > 0);
        expect(rig.model.abortedRequests).toBe(1);
      },
    );
  });

  it('fails with a clear reason on garbage from the model server', async () => {
    await withRig(
      () => ({ status: 200, body: 'not json at all' }),
      {},
      async (rig) => {
        const res = await rig.t.api('POST', '/api/research/sync', { query: 'Heads of Sales at Ledgerly' });
        expect(res.body.status).toBe('failed');
        expect(res.body.error).toMatch(/^(the model answered with no message|the research failed: )/);
      },
    );
  });
});

describe('cancellation', () => {
  it('cancels a running task: the model call is aborted and nothing is stored', async () => {
    await withRig(
      () => ({ hang: true }),
      {},
      async (rig) => {
        const started = await rig.t.api('POST', '/api/research', { query: 'Heads of Sales at Ledgerly' });
        expect(started.status).toBe(202);
        expect(started.headers.get('location')).toBe(`/api/research/tasks/${started.body.id}`);
        await waitForStatus(rig, started.body.id, ['running']);
        while (rig.model.requests.length === 0) await new Promise((r) => setTimeout(r, 20));
        const cancelled = await rig.t.api('POST', `/api/research/tasks/${started.body.id}/cancel`);
        expect(cancelled.status).toBe(200);
        expect(cancelled.body.status).toBe('cancelled');
        // The model server sees the aborted call's connection close a moment after the answer.
        await eventually(() => rig.model.abortedRequests > 0);
        expect(rig.model.abortedRequests).toBe(1);
        const task = (await rig.t.api('GET', `/api/research/tasks/${started.body.id}`)).body;
        expect(task).toMatchObject({ status: 'cancelled', contacts: [] });
        expect((await rig.t.api('POST', `/api/research/tasks/${started.body.id}/cancel`)).status).toBe(409);
      },
    );
  });

  it('cancels a queued task before it starts', async () => {
    await withRig(
      () => ({ hang: true }),
      { RESEARCH_CONCURRENCY: '1' },
      async (rig) => {
        const first = await rig.t.api('POST', '/api/research', { query: 'first query here' });
        const second = await rig.t.api('POST', '/api/research', { query: 'second query here' });
        await waitForStatus(rig, first.body.id, ['running']);
        expect((await rig.t.api('GET', `/api/research/tasks/${second.body.id}`)).body.status).toBe('queued');
        expect((await rig.t.api('POST', `/api/research/tasks/${second.body.id}/cancel`)).body.status).toBe('cancelled');
        await rig.t.api('POST', `/api/research/tasks/${first.body.id}/cancel`);
        await new Promise((r) => setTimeout(r, 300));
        expect(rig.model.requests.every((req) => !JSON.stringify(req.messages).includes('second query here'))).toBe(
          true,
        );
      },
    );
  });
});

describe('research requests', () => {
  it('refuses bad requests with the failing fields', async () => {
    await withRig(
      () => ({ hang: true }),
      {},
      async (rig) => {
        for (const body of [
          {},
          { query: 'ab' },
          { query: 'x'.repeat(600) },
          { query: 'ok query', maxContacts: 0 },
          { query: 'ok query', extra: 1 },
          { query: 42 },
        ]) {
          const res = await rig.t.api('POST', '/api/research', body);
          expect(res.status, JSON.stringify(body).slice(0, 50)).toBe(400);
          expect(res.body.error.code).toBe('validation_failed');
        }
        expect(await rig.t.app.database.db.researchTask.count()).toBe(0);
      },
    );
  });

  it('says plainly what to set when research is not configured, and the rest of the app works', async () => {
    const t = await startTestApp();
    try {
      const res = await t.api('POST', '/api/research', { query: 'Heads of Sales in London' });
      expect(res.status).toBe(503);
      expect(res.body.error.message).toBe(
        'research is not configured: set OPENAI_API_KEY (or OPENAI_BASE_URL for a local model server) and SEARXNG_URL (or SEARCH_PROVIDER=openai|brave|tavily with its API key)',
      );
      expect((await t.api('GET', '/api/research/tasks')).status).toBe(200);
      expect((await t.api('GET', '/api/contacts')).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});

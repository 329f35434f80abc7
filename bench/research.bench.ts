import { performance } from 'node:perf_hooks';

import type { DatabaseProvider } from '../src/db/database-url.js';
import { scriptedResearcher, type ChatRequest } from '../test/support/fake-openai.js';
import { startResearchRig, type ResearchTestRig } from '../test/support/research-app.js';
import { fixtureSubmission } from '../test/support/research-fixtures.js';
import { createScratchDatabase } from '../test/support/scratch-database.js';

export interface ResearchFigures {
  provider: DatabaseProvider;
  /** Wall time per task with a model that answers at once and a local web: the orchestration. */
  overheadMsPerTask: number;
  modelCallsPerTask: number;
  /** Tasks per second with 200 ms per model call, by RESEARCH_CONCURRENCY. */
  throughput: { concurrency: number; tasksPerSecond: number; idealTasksPerSecond: number }[];
  /** What the model is sent per accepted contact, estimated as characters / 4. */
  promptTokensPerAcceptedContact: number;
  completionTokensPerAcceptedContact: number;
}

const FIXTURE_PAGES = ['/ledgerly/team', '/ledgerly/press', '/events/speakers', '/blog/ai-notice'];

async function runTasks(rig: ResearchTestRig, count: number, parallel: boolean): Promise<number> {
  const started = performance.now();
  const run = (i: number) =>
    rig.t.app.services.research.startAndWait(
      { query: `bench task ${i}`, maxContacts: 10 },
      { requestedBy: 'bench' },
      120_000,
    );
  const results = parallel ? await Promise.all(Array.from({ length: count }, (_, i) => run(i))) : [];
  if (!parallel) for (let i = 0; i < count; i += 1) results.push(await run(i));
  const failed = results.filter((r) => r.task.status !== 'succeeded');
  if (failed.length) throw new Error(`${failed.length} bench tasks did not succeed: ${failed[0]!.task.error}`);
  return performance.now() - started;
}

export async function benchResearch(
  provider: DatabaseProvider,
  postgresServerUrl?: string,
  sizes: { tasks: number; concurrencies: number[] } = { tasks: 20, concurrencies: [1, 4, 16] },
): Promise<ResearchFigures> {
  const database = () => createScratchDatabase(provider, postgresServerUrl);
  let rig: ResearchTestRig;
  const handler = scriptedResearcher({
    pages: () => FIXTURE_PAGES.map((p) => rig.web.base + p),
    submit: () => fixtureSubmission(rig.web.base),
  });

  // 1. Orchestration: instant model, local pages, one task at a time.
  rig = await startResearchRig(handler, { database, env: { RESEARCH_CONCURRENCY: '1' } });
  let overheadMsPerTask: number;
  let modelCallsPerTask: number;
  let promptChars = 0;
  let completionChars: number;
  let accepted: number;
  try {
    await runTasks(rig, Math.min(3, sizes.tasks), false); // warm-up
    const before = rig.model.requests.length;
    const tasks = sizes.tasks;
    overheadMsPerTask = (await runTasks(rig, tasks, false)) / tasks;
    modelCallsPerTask = (rig.model.requests.length - before) / tasks;
    // 3. Token estimate, from one task's traffic.
    const start = rig.model.requests.length;
    const { task } = await rig.t.app.services.research.startAndWait(
      { query: 'bench tokens', maxContacts: 10 },
      { requestedBy: 'bench' },
      60_000,
    );
    const sent: ChatRequest[] = rig.model.requests.slice(start);
    for (const request of sent)
      promptChars += JSON.stringify({ messages: request.messages, tools: request.tools }).length;
    // What the model wrote: the tool calls that appear in the next request's history.
    const last = sent.at(-1)!;
    completionChars =
      JSON.stringify(last.messages.filter((m) => m.role === 'assistant')).length +
      JSON.stringify(fixtureSubmission(rig.web.base)).length;
    accepted = task.counts.new + task.counts.merged;
  } finally {
    await rig.close();
  }

  // 2. Throughput with a 200 ms model, at several concurrency limits.
  const throughput: ResearchFigures['throughput'] = [];
  for (const concurrency of sizes.concurrencies) {
    rig = await startResearchRig(handler, {
      database,
      latencyMs: 200,
      env: { RESEARCH_CONCURRENCY: String(concurrency) },
    });
    try {
      const tasks = concurrency * 3;
      const ms = await runTasks(rig, tasks, true);
      const perTaskMs = modelCallsPerTask * 200 + overheadMsPerTask;
      throughput.push({
        concurrency,
        tasksPerSecond: (tasks / ms) * 1000,
        idealTasksPerSecond: (concurrency / perTaskMs) * 1000,
      });
    } finally {
      await rig.close();
    }
  }
  return {
    provider,
    overheadMsPerTask,
    modelCallsPerTask,
    throughput,
    promptTokensPerAcceptedContact: promptChars / 4 / accepted,
    completionTokensPerAcceptedContact: completionChars / 4 / accepted,
  };
}

export interface RealisticTaskFigures {
  /** From the /research command to the first person posted in the thread, and to the summary. */
  firstPersonMs: number | null;
  totalMs: number;
  accepted: number;
  promptTokensPerAcceptedContact: number;
  cachedPromptTokens: number;
  completionTokens: number;
  modelCalls: number;
  maxConcurrentPages: number;
  costUsd: number | null;
}

export interface RealisticResearchFigures {
  provider: DatabaseProvider;
  /** The first task after the app started: its threads and code start cold. */
  firstTask: RealisticTaskFigures;
  /** The next task on the same app, as a running deployment serves them. */
  steady: RealisticTaskFigures;
}

/**
 * Two tasks, one after the other, on one app, on the realistic web (12 pages of 30–80 KB, 10
 * people) with a model whose usage is counted from what it is sent, 150 ms per call and 2 ms per
 * output token, pages that take 200 ms to load, and Slack on: when does the first person show in
 * the thread, what does it cost. The first task is the app's first (cold threads and code); the
 * second is what a running deployment does.
 */
export async function benchRealisticResearch(
  provider: DatabaseProvider,
  postgresServerUrl?: string,
): Promise<RealisticResearchFigures> {
  const { startSlackRig, eventually } = await import('../test/support/slack-app.js');
  const { sendSigned, slashCommand } = await import('../test/support/fake-slack.js');
  const { REALISTIC_PAGES, REALISTIC_SEARCH_RESULTS, realisticResearcher } =
    await import('../test/support/realistic-research.js');
  const pages = Object.fromEntries(
    Object.entries(REALISTIC_PAGES).map(([path, page]) => [path, { ...page, delayMs: 200 }]),
  );
  const rig = await startSlackRig({
    handler: (r) => realisticResearcher(() => r().web.base),
    database: () => createScratchDatabase(provider, postgresServerUrl),
    latencyMs: 150,
    model: { realisticUsage: true, msPerCompletionToken: 2 },
    web: { pages, searchResults: REALISTIC_SEARCH_RESULTS },
    env: { RESEARCH_CONCURRENCY: '1', RESEARCH_MAX_CONTACTS: '10' },
    overrides: { slackDelivery: { pollMs: 50, retryMs: 200 } },
  });
  const oneTask = async (query: string): Promise<RealisticTaskFigures> => {
    const modelCallsBefore = rig.model.requests.length;
    rig.web.resetConcurrency();
    const started = performance.now();
    const startedAt = Date.now();
    await sendSigned(rig.t.url, slashCommand(rig.slack, '/research', query));
    const task = await eventually(async () => {
      const row = await rig.t.app.database.db.researchTask.findFirst({ where: { query } });
      return row?.slackDeliveredAt ? row : undefined;
    }, 120_000);
    const totalMs = performance.now() - started;
    if (task.status !== 'succeeded') throw new Error(`the realistic research task ${task.status}: ${task.error}`);
    const firstPerson = rig.slack
      .callsTo('chat.postMessage')
      .find(
        (c) =>
          c.args.thread_ts === task.slackThreadTs &&
          (c.args.blocks ?? []).some((b: { block_id?: string }) => b.block_id?.startsWith('person:')),
      );
    const accepted = task.contactsNew + task.contactsMerged;
    const usage = task as unknown as { cachedPromptTokens?: number; modelCalls?: number };
    return {
      firstPersonMs: firstPerson ? firstPerson.at - startedAt : null,
      totalMs,
      accepted,
      promptTokensPerAcceptedContact: task.promptTokens / Math.max(1, accepted),
      cachedPromptTokens: usage.cachedPromptTokens ?? 0,
      completionTokens: task.completionTokens,
      modelCalls: rig.model.requests.length - modelCallsBefore,
      maxConcurrentPages: rig.web.maxConcurrentPages,
      costUsd: task.costUsd,
    };
  };
  try {
    const query = 'Heads of Sales at fintechs in London';
    const firstTask = await oneTask(query);
    // The same research again on an empty CRM: the same work, on threads and code that have run.
    await rig.t.app.database.db.contact.deleteMany({});
    const steady = await oneTask(`${query} (again)`);
    return { provider, firstTask, steady };
  } finally {
    await rig.close();
  }
}

/**
 * `npm run bench`: every figure next to its baseline, measured in this one run.
 * Options (environment): BENCH_POSTGRES_URL (default the local server; "off" to skip PostgreSQL),
 * BENCH_CONTACTS (search corpus sizes, comma-separated, default 100000), BENCH_SECONDS (per
 * throughput run, default 5), BENCH_ONLY (some of search,import,import-files,get,research,realistic,slack,soak),
 * SOAK_SECONDS (research over hostile pages while the API is asked, default 60),
 * BENCH_IMPORT_ROWS (rows of the CSV/JSON file import, default 50000),
 * BENCH_SMOKE=1 (every bench at a small size, for CI: a check that they run, not figures).
 * throughput run, default 5), BENCH_ONLY (some of search,import,get,research,slack,verification).
 */
import os from 'node:os';
import pg from 'pg';

import type { DatabaseProvider } from '../src/db/database-url.js';
import { benchGetContact } from './get-contact.bench.js';
import { benchImport, benchImportFormats } from './import.bench.js';
import { benchRealisticResearch, benchResearch } from './research.bench.js';
import { benchSearch } from './search.bench.js';
import { benchSlackAck } from './slack-ack.bench.js';
import { benchSoak } from './soak.bench.js';
import { fmt } from './support/measure.js';
import { benchVerification } from './verification.bench.js';

// eslint-disable-next-line no-restricted-properties -- a benchmark runner, not the app
const env = process.env;
// Search corpus sizes, e.g. BENCH_CONTACTS=100000,1000000 (1M takes minutes to seed).
const searchSizes = (env.BENCH_CONTACTS ?? '100000').split(',').map(Number);
const only = env.BENCH_ONLY?.split(',');
const wanted = (name: string) => !only || only.includes(name);
const seconds = Number(env.BENCH_SECONDS ?? 5);
const postgresUrl = env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const smoke = env.BENCH_SMOKE === '1';
const sizes = smoke
  ? {
      importRows: 1_000,
      fileImportRows: 1_000,
      soakSeconds: 3,
      researchTasks: 2,
      concurrencies: [1, 4],
      ackRequests: 40,
      ackConcurrency: 10,
    }
  : {
      importRows: 10_000,
      fileImportRows: 50_000,
      soakSeconds: 60,
      researchTasks: 20,
      concurrencies: [1, 4, 16],
      ackRequests: 200,
      ackConcurrency: 20,
    };

async function postgresReachable(): Promise<boolean> {
  if (postgresUrl === 'off') return false;
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/**
 * The realistic research bench on the loop before people were handed in as found (commit f2b50ff, this machine,
 * 2026-12-01).
 */
const REALISTIC_BEFORE = {
  firstPersonMs: 9278,
  totalMs: 9336,
  promptTokensPerAcceptedContact: 9013,
  modelCalls: 5,
  maxConcurrentPages: 1,
  costUsd: 0.0384,
};

const providers: DatabaseProvider[] = ['sqlite', ...((await postgresReachable()) ? (['postgresql'] as const) : [])];
console.log(
  `PersonableCRM benchmarks — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
);
if (!providers.includes('postgresql')) console.log('(PostgreSQL not reachable: SQLite only)');

const table: string[][] = [['figure', 'database', 'PersonableCRM', 'baseline', 'ratio']];
for (const provider of providers) {
  for (const contacts of wanted('search') ? searchSizes : []) {
    const search = await benchSearch(provider, contacts, postgresUrl);
    table.push([
      `search p95, ${contacts.toLocaleString('en')} contacts (ms)`,
      provider,
      fmt(search.api.p95),
      `${fmt(search.raw.p95)} raw driver`,
      `${fmt(search.api.p95 / search.raw.p95, 2)}x`,
    ]);
    table.push([
      `search p50, ${contacts.toLocaleString('en')} contacts (ms)`,
      provider,
      fmt(search.api.p50),
      `${fmt(search.raw.p50)} raw driver`,
      `${fmt(search.api.p50 / search.raw.p50, 2)}x`,
    ]);
    // The one query that matches nothing (1 in 30 of the mix) scans everything: the p99 shows it.
    table.push([
      `search p99 / max, ${contacts.toLocaleString('en')} contacts (ms)`,
      provider,
      `${fmt(search.api.p99)} / ${fmt(search.api.max)}`,
      `${fmt(search.raw.p99)} / ${fmt(search.raw.max)} raw driver`,
      `${fmt(search.api.p99 / search.raw.p99, 2)}x`,
    ]);
  }
  if (wanted('import')) {
    const imported = await benchImport(provider, sizes.importRows, postgresUrl);
    table.push([
      `import ${sizes.importRows / 1000}k rows, duplicate handling (rows/s)`,
      provider,
      `${fmt(imported.api.rowsPerSecond, 0)} (${imported.api.created} new, ${imported.api.merged} merged)`,
      `${fmt(imported.raw.rowsPerSecond, 0)} raw inserts`,
      `${fmt(imported.api.rowsPerSecond / imported.raw.rowsPerSecond, 2)}x`,
    ]);
  }
  if (wanted('import') || wanted('import-files')) {
    const files = await benchImportFormats(
      provider,
      Number(env.BENCH_IMPORT_ROWS ?? sizes.fileImportRows),
      postgresUrl,
    );
    const n = files.rows.toLocaleString('en');
    table.push([
      `import ${n} rows as CSV, one streamed upload (rows/s; peak RSS MB)`,
      provider,
      `${fmt(files.csv.rowsPerSecond, 0)}; ${fmt(files.csv.peakRssMb, 0)} (idle ${fmt(files.csv.idleRssMb, 0)}, ${fmt(files.csv.megabytes, 1)} MB file)`,
      `JSON in ${files.json.requests} requests: ${fmt(files.json.rowsPerSecond, 0)}; ${fmt(files.json.peakRssMb, 0)} (idle ${fmt(files.json.idleRssMb, 0)})`,
      `${fmt(files.csv.rowsPerSecond / files.json.rowsPerSecond, 2)}x`,
    ]);
  }
  if (wanted('get')) {
    const get = await benchGetContact(provider, seconds, postgresUrl);
    table.push([
      `GET /api/contacts/:id (req/s)`,
      provider,
      fmt(get.api, 0),
      `${fmt(get.bareExpress, 0)} bare Express`,
      `${fmt(get.api / get.bareExpress, 2)}x`,
    ]);
    table.push([
      `  … vs raw driver in bare Express`,
      provider,
      fmt(get.api, 0),
      `${fmt(get.rawDriverExpress, 0)} raw driver`,
      `${fmt(get.api / get.rawDriverExpress, 2)}x`,
    ]);
  }
  if (wanted('research')) {
    const research = await benchResearch(provider, postgresUrl, {
      tasks: sizes.researchTasks,
      concurrencies: sizes.concurrencies,
    });
    table.push([
      `research task, instant model + local web (ms)`,
      provider,
      fmt(research.overheadMsPerTask),
      `${fmt(research.modelCallsPerTask, 0)} model calls, 4 pages`,
      '',
    ]);
    for (const t of research.throughput) {
      table.push([
        `research tasks/s, 200 ms model, concurrency ${t.concurrency}`,
        provider,
        fmt(t.tasksPerSecond, 2),
        `${fmt(t.idealTasksPerSecond, 2)} if nothing but the model took time`,
        `${fmt(t.tasksPerSecond / t.idealTasksPerSecond, 2)}x`,
      ]);
    }
    table.push([
      `≈ tokens per accepted contact (chars/4)`,
      provider,
      `${fmt(research.promptTokensPerAcceptedContact, 0)} in + ${fmt(research.completionTokensPerAcceptedContact, 0)} out`,
      'fixture scenario: 6 submitted, 4 accepted',
      '',
    ]);
  }
  if (wanted('realistic')) {
    // 12 pages of 30–80 KB naming 10 people; baselines: the one-submission loop this replaced, measured the same way.
    const { firstTask, steady: r } = await benchRealisticResearch(provider, postgresUrl);
    const before = REALISTIC_BEFORE;
    const firstOfTotal = (t: typeof r) =>
      `${t.firstPersonMs === null ? 'none' : fmt(t.firstPersonMs, 0)} / ${fmt(t.totalMs, 0)} (${t.firstPersonMs === null ? '–' : fmt((100 * t.firstPersonMs) / t.totalMs, 0)}%)`;
    table.push([
      `realistic research: first person in Slack / total (ms), a running app (goal: 40%)`,
      provider,
      firstOfTotal(r),
      `${before.firstPersonMs} / ${before.totalMs} (99%) one submission at the end`,
      r.firstPersonMs === null ? '' : `${fmt(r.firstPersonMs / before.firstPersonMs, 2)}x`,
    ]);
    table.push([
      `  the same, the first task after the app started (cold threads and code)`,
      provider,
      firstOfTotal(firstTask),
      '',
      '',
    ]);
    table.push([
      `realistic research: prompt tokens per accepted contact (goal: ≤ 12k)`,
      provider,
      `${fmt(r.promptTokensPerAcceptedContact, 0)} (${r.accepted} accepted, ${fmt(r.cachedPromptTokens, 0)} cached in all)`,
      `${before.promptTokensPerAcceptedContact} one submission at the end`,
      `${fmt(r.promptTokensPerAcceptedContact / before.promptTokensPerAcceptedContact, 2)}x`,
    ]);
    table.push([
      `realistic research: model calls / most pages read at once / cost`,
      provider,
      `${r.modelCalls} / ${r.maxConcurrentPages} / $${r.costUsd?.toFixed(4) ?? '?'}`,
      `${before.modelCalls} / ${before.maxConcurrentPages} / $${before.costUsd}`,
      '',
    ]);
  }
}

if (wanted('soak')) {
  for (const provider of providers) {
    const soak = await benchSoak(provider, Number(env.SOAK_SECONDS ?? sizes.soakSeconds), postgresUrl);
    table.push([
      `API p50 / p99 / max (ms) during ${soak.seconds} s of research over hostile pages (${soak.tasksFinished} tasks)`,
      provider,
      `${fmt(soak.api.p50)} / ${fmt(soak.api.p99)} / ${fmt(soak.api.max)} (${soak.api.requests} requests, ${soak.api.failed} not 200)`,
      `${fmt(soak.idle.p50)} / ${fmt(soak.idle.p99)} / ${fmt(soak.idle.max)} idle`,
      `p99 ${fmt(soak.api.p99 / soak.idle.p99, 2)}x`,
    ]);
  }
}

if (wanted('slack')) {
  const ack = await benchSlackAck(sizes.ackRequests, sizes.ackConcurrency);
  table.push([
    'app RSS (MB), idle / right after the Slack burst',
    'sqlite',
    `${fmt(ack.rssIdleMb, 0)} / ${fmt(ack.rssLoadedMb, 0)}`,
    '',
    '',
  ]);
  table.push([
    `Slack /research ack p50 / p99 (ms), ${ack.requests} signed at concurrency ${ack.concurrency}, engine busy`,
    'sqlite',
    `${fmt(ack.p50)} / ${fmt(ack.p99)} (max ${fmt(ack.max)}, ${ack.non200} not 200)`,
    "3000 Slack's limit",
    `${fmt(ack.p99 / 3000, 3)}x`,
  ]);
  table.push([
    '  the same burst against bare Express (signature check, empty 200) in its own process: p50 / p99 (ms)',
    'sqlite',
    `${fmt(ack.bare.p50)} / ${fmt(ack.bare.p99)} (max ${fmt(ack.bare.max)})`,
    '',
    '',
  ]);
  table.push([
    '  the same acks inside the app (headers parsed → ack sent), p50 / p99 (ms)',
    'sqlite',
    `${fmt(ack.inApp.p50)} / ${fmt(ack.inApp.p99)} (max ${fmt(ack.inApp.max)})`,
    '100 issue 11',
    `${fmt(ack.inApp.p99 / 100, 2)}x`,
  ]);
  table.push([
    "  the app's event-loop delay during the burst, p99 / max (ms): the longest a request waited to be read",
    'sqlite',
    `${fmt(ack.appLoop.p99)} / ${fmt(ack.appLoop.max)}`,
    '100 issue 11',
    `${fmt(ack.appLoop.max / 100, 2)}x`,
  ]);
  table.push([
    "  the app's CPU time per ack during the burst (ms, all threads; follow-ups deferred to after it)",
    'sqlite',
    fmt(ack.appCpuMsPerAck, 2),
    '',
    '',
  ]);
}

if (wanted('verification')) table.push(...(await benchVerification(seconds)));

const widths = table[0]!.map((_, col) => Math.max(...table.map((row) => row[col]!.length)));
for (const [i, row] of table.entries()) {
  console.log(`| ${row.map((cell, col) => cell.padEnd(widths[col]!)).join(' | ')} |`);
  if (i === 0) console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
}

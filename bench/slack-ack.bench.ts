import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { startAppProcess, untilHealthy } from '../test/support/app-process.js';
import { startFakeOpenAI } from '../test/support/fake-openai.js';
import {
  sendSigned,
  SLACK_BOT_TOKEN,
  SLACK_SIGNING_SECRET,
  slashCommand,
  startFakeSlack,
} from '../test/support/fake-slack.js';
import { startFixtureWeb } from '../test/support/fixture-web.js';
import { freePort } from '../test/support/free-port.js';
import { createScratchDatabase } from '../test/support/scratch-database.js';
import { sendSignedFromThread } from './support/ack-load.js';
import { spread } from './support/measure.js';

export interface AckFigures {
  requests: number;
  concurrency: number;
  p50: number;
  p99: number;
  max: number;
  non200: number;
  /**
   * The same acks timed inside the app (headers parsed → response sent): what the bench's and the machine's load do not
   * add to.
   */
  inApp: { p50: number; p99: number; max: number };
  /** The app's event-loop delay during the burst (ms): the longest any request could wait to be read. */
  appLoop: { p99: number; max: number };
  /** CPU time (all of the app's threads) from the burst's first request to its last ack, per ack (ms). */
  appCpuMsPerAck: number;
  /** The same burst against bare Express that checks the signature and answers 200 (its own process). */
  bare: { p50: number; p99: number; max: number };
  /** Resident memory of the app process (MB): idle after warm-up, and right after the burst. */
  rssIdleMb: number;
  rssLoadedMb: number;
}

/** A process's resident set size in MB, from /proc (Linux). */
function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) / 1024;
}

/** The same signed bodies, at the same concurrency, against the bare baseline in a process of its own. */
async function benchBareAck(bodies: string[], concurrency: number): Promise<AckFigures['bare']> {
  const port = await freePort();
  const script = fileURLToPath(new URL('./support/bare-ack-server.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, String(port), SLACK_SIGNING_SECRET], {
    stdio: 'ignore',
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    const url = `http://127.0.0.1:${port}`;
    await untilHealthy(url, () => child.exitCode === null, 300);
    await sendSignedFromThread({ url, secret: SLACK_SIGNING_SECRET, bodies: bodies.slice(0, 50), concurrency });
    const { samples, non200 } = await sendSignedFromThread({ url, secret: SLACK_SIGNING_SECRET, bodies, concurrency });
    if (non200 > 0) throw new Error(`the bare ack server answered ${non200} requests with an error`);
    return spread(samples);
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

/**
 * 200 signed `/research` commands, 20 at a time, against the app in its own process (as deployed)
 * while its research engine is busy (the model never answers, so tasks pile up): how fast Slack
 * gets its ack. Slack, the model and the load come from this process.
 */
export async function benchSlackAck(requests = 200, concurrency = 20): Promise<AckFigures> {
  const slack = await startFakeSlack();
  const model = await startFakeOpenAI(() => ({ hang: true }));
  const web = await startFixtureWeb({});
  const database = await createScratchDatabase('sqlite');
  const timesDir = mkdtempSync(path.join(os.tmpdir(), 'bench-acks-'));
  const timesFile = path.join(timesDir, 'acks.json');
  const preload = fileURLToPath(new URL('./support/app-ack-timer.ts', import.meta.url));
  // Payloads made here (the fake Slack issues their trigger IDs and response URLs), sent and
  // timed from a thread of their own.
  const bodies = Array.from({ length: requests }, (_, i) =>
    slashCommand(slack, '/research', `Heads of Sales, burst ${i}`),
  );
  // The floor first, before the app runs: the same sender and machine against bare Express.
  const bare = await benchBareAck(bodies, concurrency);
  const { child, url, exited } = await startAppProcess(
    database.url,
    {
      NODE_ENV: 'production',
      SLACK_BOT_TOKEN,
      SLACK_SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      OPENAI_API_KEY: 'sk-bench',
      OPENAI_BASE_URL: model.baseUrl,
      SEARXNG_URL: web.base,
      RESEARCH_CONCURRENCY: '4',
      BENCH_ACK_TIMES_FILE: timesFile,
    },
    { preload: [preload] },
  );
  let result: Omit<AckFigures, 'inApp' | 'appLoop' | 'appCpuMsPerAck'> | undefined;
  try {
    for (let i = 0; i < 50; i += 1) await sendSigned(url, slashCommand(slack, '/research', `warm-up ${i}`));
    await new Promise((r) => setTimeout(r, 1_000));
    const rssIdleMb = rssMb(child.pid!);
    const { samples, non200 } = await sendSignedFromThread({ url, secret: SLACK_SIGNING_SECRET, bodies, concurrency });
    const rssLoadedMb = rssMb(child.pid!);
    result = {
      bare,
      requests,
      concurrency,
      ...spread(samples),
      non200,
      rssIdleMb,
      rssLoadedMb,
    };
  } finally {
    // SIGTERM: the app stops cleanly and its ack times are written on exit (SIGKILL if it hangs).
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(killer);
    await slack.close();
    await model.close();
    await web.close();
    await database.drop();
  }
  // The burst's acks are the last `requests` Slack requests the app answered (after the warm-up).
  let inApp = { p50: Number.NaN, p99: Number.NaN, max: Number.NaN };
  let appLoop = { p99: Number.NaN, max: Number.NaN };
  let appCpuMsPerAck = Number.NaN;
  try {
    const written = JSON.parse(readFileSync(timesFile, 'utf8')) as {
      times: number[];
      loop: { p99: number; max: number };
      cpuMsPerAnswer: number;
    };
    inApp = spread(written.times.slice(-requests));
    appLoop = written.loop;
    appCpuMsPerAck = written.cpuMsPerAnswer;
  } catch {
    // The app did not exit cleanly: no in-app figures.
  }
  rmSync(timesDir, { recursive: true, force: true });
  return { ...result, inApp, appLoop, appCpuMsPerAck };
}

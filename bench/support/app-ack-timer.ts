/**
 * Loaded into the app's process by the Slack ack bench (`node --import`): how long the app itself
 * takes to answer each Slack request — from its headers being parsed to its response being sent —
 * which the machine's load and the bench's own event loop do not add to. Written as JSON to the
 * file named by BENCH_ACK_TIMES_FILE when the process exits, with the event loop's delay during the
 * last burst (from the first request after a pause of 500 ms to the last answer): how long any
 * request could have waited for the app before its headers were even read. Bench code, not the app's.
 */
import { subscribe } from 'node:diagnostics_channel';
import { writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';

// eslint-disable-next-line no-restricted-properties -- bench instrumentation, not the app
const file = process.env.BENCH_ACK_TIMES_FILE;
const started = new WeakMap<ServerResponse, number>();
const times: number[] = [];
const loop = monitorEventLoopDelay({ resolution: 5 });
loop.enable();
let lastRequestAt = 0;
let burstLoop = { p99: Number.NaN, max: Number.NaN };
// CPU time (user + system, µs) the process spent from the burst's first request to its last answer.
let burstCpuFrom = process.cpuUsage();
let burstCpuMs = Number.NaN;
let burstAnswers = 0;

// https://nodejs.org/api/diagnostics_channel.html#http
subscribe('http.server.request.start', (message) => {
  const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
  if (!request.url?.startsWith('/slack/events')) return;
  const now = performance.now();
  if (now - lastRequestAt > 500) {
    loop.reset();
    burstCpuFrom = process.cpuUsage();
    burstAnswers = 0;
  }
  lastRequestAt = now;
  started.set(response, now);
});
subscribe('http.server.response.finish', (message) => {
  const { response } = message as { response: ServerResponse };
  const at = started.get(response);
  if (at === undefined) return;
  times.push(performance.now() - at);
  burstLoop = { p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 };
  const cpu = process.cpuUsage(burstCpuFrom);
  burstCpuMs = (cpu.user + cpu.system) / 1000;
  burstAnswers += 1;
});
if (file)
  process.once('exit', () =>
    writeFileSync(file, JSON.stringify({ times, loop: burstLoop, cpuMsPerAnswer: burstCpuMs / burstAnswers })),
  );

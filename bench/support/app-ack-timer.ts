/**
 * Loaded into the app's process by the Slack ack bench (`node --import`): how long the app itself
 * takes to answer each Slack request — from its headers being parsed to its response being sent —
 * which the machine's load and the bench's own event loop do not add to. Written as JSON to the
 * file named by BENCH_ACK_TIMES_FILE when the process exits. Bench code, not the app's.
 */
import { subscribe } from 'node:diagnostics_channel';
import { writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';

// eslint-disable-next-line no-restricted-properties -- bench instrumentation, not the app
const file = process.env.BENCH_ACK_TIMES_FILE;
const started = new WeakMap<ServerResponse, number>();
const times: number[] = [];

// https://nodejs.org/api/diagnostics_channel.html#http
subscribe('http.server.request.start', (message) => {
  const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
  if (request.url?.startsWith('/slack/events')) started.set(response, performance.now());
});
subscribe('http.server.response.finish', (message) => {
  const { response } = message as { response: ServerResponse };
  const at = started.get(response);
  if (at !== undefined) times.push(performance.now() - at);
});
if (file) process.once('exit', () => writeFileSync(file, JSON.stringify(times)));

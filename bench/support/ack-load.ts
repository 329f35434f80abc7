import { Worker } from 'node:worker_threads';

/**
 * Sends signed Slack requests from a thread of its own, `concurrency` at a time, and times each
 * one: the bench's main thread also plays Slack's Web API for the app's follow-up calls, and
 * timing the acks on that busy event loop would add its delays to the app's. It uses node:http with
 * keep-alive connections, `concurrency` of them (lighter than fetch: on a 2-core machine the sender's
 * CPU is taken from the app it measures). Plain JavaScript (the thread needs no TypeScript): Slack's signature is `v0=` HMAC-SHA256 of `v0:{timestamp}:{body}`
 * (https://docs.slack.dev/authentication/verifying-requests-from-slack).
 */
const CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHmac } = require('node:crypto');
const http = require('node:http');
const { url, secret, bodies, concurrency } = workerData;
const target = new URL(url + '/slack/events');
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const samples = [];
let non200 = 0;
let next = 0;
function post(body, headers) {
  return new Promise((resolve, reject) => {
    const req = http.request(target, { method: 'POST', agent, headers }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode));
      res.once('error', reject);
    });
    req.once('error', reject);
    req.end(body);
  });
}
async function one() {
  while (next < bodies.length) {
    const body = bodies[next++];
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = 'v0=' + createHmac('sha256', secret).update('v0:' + timestamp + ':' + body).digest('hex');
    const headers = {
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': Buffer.byteLength(body),
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signature,
    };
    const started = performance.now();
    const status = await post(body, headers);
    samples.push(performance.now() - started);
    if (status !== 200) non200 += 1;
  }
}
Promise.all(Array.from({ length: concurrency }, one)).then(
  () => { agent.destroy(); parentPort.postMessage({ samples, non200 }); },
  (error) => parentPort.postMessage({ error: String(error) }),
);
`;

export function sendSignedFromThread(input: {
  url: string;
  secret: string;
  bodies: string[];
  concurrency: number;
}): Promise<{ samples: number[]; non200: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(CODE, { eval: true, workerData: input });
    worker.once('message', (message: { samples: number[]; non200: number } | { error: string }) => {
      void worker.terminate();
      if ('error' in message) reject(new Error(message.error));
      else resolve(message);
    });
    worker.once('error', reject);
  });
}

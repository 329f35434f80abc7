/**
 * Attack: a client that never finishes sending a request body to /slack/events keeps the app
 * "busy" (RequestsInFlight counts it from its headers), so every follow-up waits the full
 * maxDeferMs (2 s) behind it. The request is not even signed: anyone on the internet can do it.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { sendSigned, slashCommand } from '../../support/fake-slack.js';
import { eventually, startSlackRig, type SlackTestRig } from '../../support/slack-app.js';

let rig: SlackTestRig;

beforeAll(async () => {
  rig = await startSlackRig({ handler: () => () => ({ hang: true }), env: { RESEARCH_USER_HOURLY_LIMIT: '0' } });
});
afterAll(async () => {
  await rig?.close();
});

let n = 0;
/** Sends `/research <query>` and measures ack → the task's announcement in the channel (a follow-up). */
async function followUpDelay(): Promise<number> {
  n += 1;
  const query = `loris probe number ${n}`;
  const res = await sendSigned(rig.t.url, slashCommand(rig.slack, '/research', query));
  expect(res.status).toBe(200);
  const ackedAt = Date.now();
  const call = await eventually(
    () => rig.slack.callsTo('chat.postMessage').find((c) => JSON.stringify(c.args).includes(query)),
    10_000,
  );
  return call.at - ackedAt;
}

/**
 * The quickest of three follow-ups: one can be late because this shared machine was busy for a moment,
 * while a follow-up held behind a stalled request waits the full 2 s every time.
 */
async function quickestFollowUp(): Promise<number> {
  return Math.min(await followUpDelay(), await followUpDelay(), await followUpDelay());
}

/** Sends the headers of an unsigned POST and a few bytes of its body, then nothing more. */
async function slowLoris(url: string): Promise<net.Socket> {
  const { hostname, port } = new URL(url);
  const socket = net.connect(Number(port), hostname);
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  socket.write(
    'POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n' +
      'X-Slack-Request-Timestamp: 1\r\nX-Slack-Signature: v0=00\r\nContent-Length: 100000\r\n\r\npayload=',
  );
  socket.on('error', () => undefined);
  return socket;
}

describe('attack: slow-loris on /slack/events', () => {
  it('one unsigned, never-finished request does not delay every follow-up by 2 s', async () => {
    const baseline = await quickestFollowUp();
    expect(baseline).toBeLessThan(500);
    const socket = await slowLoris(rig.t.url);
    try {
      await new Promise((r) => setTimeout(r, 100));
      const delays = [await followUpDelay(), await followUpDelay(), await followUpDelay()];
      // Follow-ups should not wait behind a request that is not Slack's (unsigned, stalled).
      console.log({ baseline, delays });
      expect(Math.min(...delays)).toBeLessThan(500);
    } finally {
      socket.destroy();
    }
  });

  it('a stalled request that the client aborts is no longer counted (follow-ups are prompt again)', async () => {
    const socket = await slowLoris(rig.t.url);
    await new Promise((r) => setTimeout(r, 100));
    socket.destroy();
    await new Promise((r) => setTimeout(r, 100));
    expect(await quickestFollowUp()).toBeLessThan(500);
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { sendSigned, slashCommand } from '../../support/fake-slack.js';
import { eventually, startSlackRig, type SlackTestRig } from '../../support/slack-app.js';

/**
 * Delivery when Slack refuses for good: no retries forever, the requester hears of it, new tasks never wait behind
 * stuck ones.
 */
let rig: SlackTestRig;
const ALICE = 'U0ALICE001';
beforeAll(async () => {
  rig = await startSlackRig();
});
afterAll(async () => {
  await rig.close();
});
afterEach(() => {
  rig.slack.clearFailures();
  // Failures here are arranged by the tests (failWhen), never refusals of what the app built.
  expect(rig.slack.rejections).toEqual([]);
});

async function researchIn(channel: string, query: string) {
  await sendSigned(rig.t.url, slashCommand(rig.slack, '/research', query, { channel_id: channel }));
  return eventually(async () => {
    const task = await rig.t.app.database.db.researchTask.findFirst({ where: { query } });
    return task?.slackDeliveredAt ? task : undefined;
  }, 20_000);
}
/** A message that shows people: found while the research runs, or the results at its end. */
const isPeopleMessage = (text: string) => /^(Results|Found|Also found)\b/.test(text);
const postsTo = (channel: string) => rig.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);

describe('permanent Slack errors', () => {
  it("a channel that stopped taking messages: the results go to the requester's DM, once", async () => {
    // The channel is gone for good: every message showing people is refused there.
    rig.slack.failWhile(
      'chat.postMessage',
      (args) => args.channel === 'C0GONE0001' && isPeopleMessage(String(args.text)),
      { error: 'channel_not_found' },
    );
    const task = await researchIn('C0GONE0001', 'Gone channel research');
    expect(task.slackChannelId).toBe('D0ALICE001');
    expect(task.slackDeliveryError).toBeNull();
    const dm = rig.slack.messagesIn(ALICE);
    expect(dm.some((m) => String(m.text).includes('this research is here'))).toBe(true);
    expect(dm.some((m) => isPeopleMessage(String(m.text)))).toBe(true);
    const tries = postsTo('C0GONE0001').length;
    await new Promise((r) => setTimeout(r, 800));
    expect(postsTo('C0GONE0001').length).toBe(tries);
  });

  it.each(['invalid_blocks', 'msg_blocks_too_long', 'is_archived'])(
    '%s: no retry every 30 s forever, and the requester is told where the results are',
    async (code) => {
      const query = `Refused research ${code}`;
      const channel = `C0REF${code.length}${code.slice(0, 3).toUpperCase()}`;
      // Every results message of this task is refused, in the channel and in the DM alike.
      rig.slack.failWhile(
        'chat.postMessage',
        (args) =>
          isPeopleMessage(String(args.text)) &&
          (args.channel === channel || args.channel === ALICE || args.channel === 'D0ALICE001'),
        { error: code },
      );
      const task = await researchIn(channel, query);
      expect(task.slackDeliveryError).toBe(`gave up: ${code}`);
      const told = rig.slack
        .messagesIn(ALICE)
        .find(
          (m) =>
            String(m.text).includes('I could not post the results of your research') && String(m.text).includes(query),
        );
      expect(told?.text).toContain(`GET /api/research/tasks/${task.id}`);
      const attempts = rig.slack
        .callsTo('chat.postMessage')
        .filter((c) => isPeopleMessage(String(c.args.text)) && c.error === code).length;
      await new Promise((r) => setTimeout(r, 800));
      expect(
        rig.slack.callsTo('chat.postMessage').filter((c) => isPeopleMessage(String(c.args.text)) && c.error === code)
          .length,
      ).toBe(attempts);
    },
  );
});

describe('stuck deliveries', () => {
  it('25 tasks whose channel keeps failing do not keep a new task waiting', async () => {
    const { db } = rig.t.app.database;
    rig.slack.failWhile('chat.postMessage', (args) => args.channel === 'C0STUCK001', { error: 'internal_error' });
    for (let i = 0; i < 25; i += 1) {
      await db.researchTask.create({
        data: {
          query: `stuck ${i}`,
          requestedBy: 'U0STUCK001',
          slackChannelId: 'C0STUCK001',
          slackThreadTs: '1700000000.000100',
          status: 'failed',
          error: 'x',
          finishedAt: new Date(),
          options: { maxContacts: 1, company: null, location: null },
        },
      });
    }
    // Delivery is busy failing them (each retried 200 ms after its failure in this rig).
    await eventually(() => postsTo('C0STUCK001').length >= 3, 20_000);
    const started = Date.now();
    const task = await researchIn('C0FRESH001', 'Fresh research behind stuck ones');
    expect(task.slackDeliveryError).toBeNull();
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(await db.researchTask.count({ where: { slackChannelId: 'C0STUCK001', slackDeliveredAt: null } })).toBe(25);
  });
});

import { describe, expect, it } from 'vitest';

import { sendSigned, SLACK_SIGNING_SECRET, slackSignature, slashCommand } from '../../support/fake-slack.js';
import { eventually, startSlackRig } from '../../support/slack-app.js';

const announcements = (rig: Awaited<ReturnType<typeof startSlackRig>>) =>
  rig.slack
    .callsTo('chat.postMessage')
    .filter((c) => !c.args.thread_ts && String(c.args.text).startsWith('Research requested'));

describe('Slack replay protection', () => {
  it('handles one signed request once, refuses future timestamps, answers event retries once', async () => {
    const rig = await startSlackRig({ handler: () => () => ({ hang: true }) });
    try {
      const body = slashCommand(rig.slack, '/research', 'replayed research query');
      const timestamp = Math.floor(Date.now() / 1000);
      const sent = await Promise.all([1, 2, 3].map(() => sendSigned(rig.t.url, body, { timestamp })));
      expect(sent.map((s) => s.status)).toEqual([200, 200, 200]);
      await eventually(() => announcements(rig).length === 1);
      await new Promise((r) => setTimeout(r, 500));
      expect(await rig.t.app.database.db.researchTask.count()).toBe(1);
      expect(announcements(rig)).toHaveLength(1);

      // The same body signed a second later is a new request from Slack's point of view (a user
      // typing the same command twice): it is handled.
      expect((await sendSigned(rig.t.url, body, { timestamp: timestamp + 1 })).status).toBe(200);
      await eventually(async () => (await rig.t.app.database.db.researchTask.count()) === 2);

      // A day ahead, or six minutes ahead, is refused; four minutes ahead is Slack's tolerance.
      for (const ahead of [86_400, 360]) {
        const future = await sendSigned(rig.t.url, slashCommand(rig.slack, '/research', `from the future ${ahead}`), {
          timestamp: timestamp + ahead,
        });
        expect(future.status).toBe(401);
      }
      expect(
        (
          await sendSigned(rig.t.url, slashCommand(rig.slack, '/research', 'slightly ahead clock'), {
            timestamp: timestamp + 240,
          })
        ).status,
      ).toBe(200);
      await eventually(async () => (await rig.t.app.database.db.researchTask.count()) === 3);
      // A bad signature is Bolt's 401, and leaves nothing behind.
      const seenBefore = await rig.t.app.database.db.slackRequestSeen.count();
      expect((await sendSigned(rig.t.url, body, { timestamp, signature: 'v0=' + '0'.repeat(64) })).status).toBe(401);
      expect(await rig.t.app.database.db.slackRequestSeen.count()).toBe(seenBefore);
      // On PostgreSQL (several copies) the requests seen are in the database.
      if (rig.t.app.database.provider === 'postgresql') expect(seenBefore).toBeGreaterThanOrEqual(3);

      // An Events API delivery and its retries (new timestamp and signature, same event_id): once.
      const event = JSON.stringify({
        token: 'x',
        team_id: 'T0TEST',
        api_app_id: 'A0TEST',
        type: 'event_callback',
        event_id: 'Ev0RETRY01',
        event_time: timestamp,
        event: { type: 'app_mention', user: 'U0ALICE001', text: 'hi', ts: '1.2', channel: 'C0RESEARCH' },
      });
      for (const [i, retry] of [undefined, '1', '2'].entries()) {
        const ts = timestamp + i;
        const res = await fetch(`${rig.t.url}/slack/events`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-slack-request-timestamp': String(ts),
            'x-slack-signature': slackSignature(event, ts, SLACK_SIGNING_SECRET),
            ...(retry ? { 'x-slack-retry-num': retry, 'x-slack-retry-reason': 'http_timeout' } : {}),
          },
          body: event,
        });
        expect(res.status).toBe(200);
      }
      if (rig.t.app.database.provider === 'postgresql')
        expect(await rig.t.app.database.db.slackRequestSeen.count({ where: { key: 'event:Ev0RETRY01' } })).toBe(1);
    } finally {
      await rig.close();
    }
  });
});

describe('Slack replay protection across copies of the app', () => {
  it('drops, on a second copy sharing the PostgreSQL database, a request the first already handled', async () => {
    const rig = await startSlackRig({ handler: () => () => ({ hang: true }) });
    try {
      if (rig.t.app.database.provider !== 'postgresql') return; // SQLite runs one copy; its store is in memory
      const { startTestApp } = await import('../../support/test-app.js');
      const { SLACK_BOT_TOKEN } = await import('../../support/fake-slack.js');
      // A second copy: same database and Slack app, research not configured (so it would say so if it handled the
      // command).
      const second = await startTestApp({
        database: async () => ({ ...rig.t.database, drop: async () => undefined }),
        env: { SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_API_URL: rig.slack.apiUrl },
      });
      try {
        const body = slashCommand(rig.slack, '/research', 'one request two copies');
        const timestamp = Math.floor(Date.now() / 1000);
        expect((await sendSigned(rig.t.url, body, { timestamp })).status).toBe(200);
        const replayed = await sendSigned(second.url, body, { timestamp });
        expect(replayed.status).toBe(200);
        expect(replayed.text).toBe('');
        // The same command freshly signed reaches the second copy, which answers it.
        const fresh = await sendSigned(second.url, body, { timestamp: timestamp + 1 });
        expect(fresh.json).toMatchObject({
          response_type: 'ephemeral',
          text: expect.stringContaining('research is not configured'),
        });
      } finally {
        await second.close();
      }
    } finally {
      await rig.close();
    }
  });
});

import { describe, expect, it } from 'vitest';

import { messageAction, sendSigned, slashCommand } from '../../support/fake-slack.js';
import { eventually, startSlackRig } from '../../support/slack-app.js';

describe('a burst of Slack requests', () => {
  it(
    "acks 1000 signed commands and interactions within Slack's 3 s, and loses none",
    { timeout: 180_000 },
    async () => {
      const rig = await startSlackRig({
        handler: () => () => ({ hang: true }),
        env: { RESEARCH_USER_HOURLY_LIMIT: '0', RESEARCH_CONCURRENCY: '2' },
      });
      try {
        const contact = await rig.t.app.services.contacts.create({ fullName: 'Burst Target' });
        // Built when sent, as Slack does: a trigger_id is fresh when its request arrives.
        const requests = Array.from(
          { length: 1000 },
          (_, i) => () =>
            i % 2 === 0
              ? slashCommand(rig.slack, '/research', `burst query number ${i}`, {
                  user_id: `U0BURST${String(i % 7).padStart(3, '0')}`,
                })
              : messageAction(rig.slack, {
                  userId: 'U0BURST001',
                  channelId: 'C0RESEARCH',
                  message: { ts: '1.1', text: 'x', blocks: [] },
                  action: { type: 'button', action_id: 'contact_view', value: contact.contact.id },
                }),
        );
        const latencies: number[] = [];
        let next = 0;
        await Promise.all(
          Array.from({ length: 20 }, async () => {
            while (next < requests.length) {
              const body = requests[next++]!();
              const res = await sendSigned(rig.t.url, body);
              expect(res.status).toBe(200);
              latencies.push(res.ms);
            }
          }),
        );
        expect(latencies).toHaveLength(1000);
        expect(Math.max(...latencies)).toBeLessThan(3_000);
        // Nothing lost: every command became a task announced in the channel, every View opened a modal.
        await eventually(
          async () =>
            (await rig.t.app.database.db.researchTask.count({ where: { slackProgressTs: { not: null } } })) === 500,
          120_000,
        );
        expect(await rig.t.app.database.db.researchTask.count()).toBe(500);
        await eventually(() => rig.slack.callsTo('views.open').filter((c) => c.ok).length === 500, 60_000);
        const announced = new Set(
          rig.slack
            .callsTo('chat.postMessage')
            .map((c) => JSON.stringify(c.args.text))
            .filter((t) => t.includes('burst query number')),
        );
        expect(announced.size).toBe(500);
      } finally {
        await rig.close();
      }
    },
  );
});

import { describe, expect, it } from 'vitest';

import { sendSigned, slashCommand } from '../../support/fake-slack.js';
import { eventually, startSlackRig } from '../../support/slack-app.js';
import { startTestApp } from '../../support/test-app.js';

describe('rate limits', () => {
  it('limits admin API requests per token with 429, Retry-After and the error shape', async () => {
    const t = await startTestApp({ env: { ADMIN_API_RATE_LIMIT: '5' } });
    try {
      for (let i = 0; i < 5; i += 1) expect((await t.api('GET', '/api/contacts')).status).toBe(200);
      const limited = await t.api('GET', '/api/contacts');
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(limited.body.error).toMatchObject({ code: 'rate_limited' });
      // Health checks are not limited; a wrong token is refused before it is counted.
      expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
      expect(
        (await t.api('GET', '/api/contacts', undefined, { authorization: 'Bearer not-the-token-not-the-token' }))
          .status,
      ).toBe(401);
    } finally {
      await t.close();
    }
  });

  it('limits research per Slack user per hour, counted in the database, with a friendly word', async () => {
    const rig = await startSlackRig({
      handler: () => () => ({ hang: true }),
      env: { RESEARCH_USER_HOURLY_LIMIT: '2' },
    });
    try {
      // The refused request posts nothing in the channel: announcements come after the task is accepted.
      const announcements = () =>
        rig.slack
          .callsTo('chat.postMessage')
          .filter((c) => !c.args.thread_ts && String(c.args.text).startsWith('Research requested'))
          .map((c) => String(c.args.text));
      // One after another, as a person types them (requests that arrive at once are the next test's).
      for (const [i, q] of ['first search here', 'second search here'].entries()) {
        await sendSigned(rig.t.url, slashCommand(rig.slack, '/research', q));
        await eventually(() => announcements().length === i + 1);
      }
      await sendSigned(rig.t.url, slashCommand(rig.slack, '/research', 'third search here'));
      const refusal = await eventually(() =>
        rig.slack.responses.find((r) => String(r.body.text).includes('research tasks in the last hour')),
      );
      expect(refusal.body).toMatchObject({
        response_type: 'ephemeral',
        text: expect.stringMatching(
          /^You have started 2 research tasks in the last hour, the most allowed; you can start another in (60|59) minutes$/,
        ),
      });
      expect(await rig.t.app.database.db.researchTask.count()).toBe(2);
      expect(announcements()).toEqual([
        expect.stringContaining('first search here'),
        expect.stringContaining('second search here'),
      ]);
      // Another person, and the admin API, are not held back by it.
      await sendSigned(rig.t.url, slashCommand(rig.slack, '/research', 'someone else asks', { user_id: 'U0BOB00001' }));
      await eventually(async () => (await rig.t.app.database.db.researchTask.count()) === 3);
      expect((await rig.t.api('POST', '/api/research', { query: 'from a script' })).status).toBe(202);
    } finally {
      await rig.close();
    }
  });

  it('lets one person start no more than the hourly limit, even when the requests arrive at once', async () => {
    const rig = await startSlackRig({
      handler: () => () => ({ hang: true }),
      env: { RESEARCH_USER_HOURLY_LIMIT: '2' },
    });
    try {
      const research = rig.t.app.services.research;
      const outcomes = await Promise.allSettled(
        Array.from({ length: 6 }, (_, i) =>
          research.start({ query: `at once ${i}`, maxContacts: 5 }, { requestedBy: 'U0ALICE001' }),
        ),
      );
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(2);
      const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(refused.map((o) => (o.reason as { code?: string }).code)).toEqual(Array(4).fill('rate_limited'));
      expect(await rig.t.app.database.db.researchTask.count({ where: { requestedBy: 'U0ALICE001' } })).toBe(2);
    } finally {
      await rig.close();
    }
  });
});

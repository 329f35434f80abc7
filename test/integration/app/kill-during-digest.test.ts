import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openDatabase } from '../../../src/db/database.js';
import { startAppProcess } from '../../support/app-process.js';
import { SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, startFakeSlack, type FakeSlack } from '../../support/fake-slack.js';
import { eventually, startSlackRig } from '../../support/slack-app.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';

const CHANNEL = 'C0KILLDIG1';
let database: TestDatabase;
let slack: FakeSlack;
beforeAll(async () => {
  database = await createTestDatabase();
  slack = await startFakeSlack();
});
afterAll(async () => {
  await slack.close();
  await database.drop();
});

describe('a process killed while posting a digest', () => {
  it(
    'is resumed by the next start at the part it did not post, without repeating one',
    { timeout: 120_000 },
    async () => {
      // A daily digest due ten minutes ago: the current period for the rest of the day.
      const due = new Date(Date.now() - 10 * 60_000);
      const env = {
        DIGEST_CHANNEL: CHANNEL,
        DIGEST_CRON: `${due.getUTCMinutes()} ${due.getUTCHours()} * * *`,
        DIGEST_TIMEZONE: 'UTC',
      };
      const db = await openDatabase(database.target, { logger: pino({ level: 'silent' }) });
      const intake = (await import('../../../src/crm/contacts/contact-intake.js')).ContactIntake;
      await new intake({ db: db.db, clock: () => new Date(), logger: pino({ level: 'silent' }) }).intake(
        Array.from({ length: 120 }, (_, i) => ({ fullName: `Overdue Person ${i}`, nextFollowUpAt: '2026-01-05' })),
      );
      slack.failWhen(
        'chat.postMessage',
        (args) => args.channel === CHANNEL && String(args.text).includes('(part 2 of'),
        { hang: true },
      );
      const { child, exited } = await startAppProcess(database.url, {
        SLACK_BOT_TOKEN,
        SLACK_SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        ...env,
      });
      try {
        await eventually(
          () => slack.calls.some((c) => c.args.channel === CHANNEL && String(c.args.text).includes('(part 2 of')),
          60_000,
        );
        child.kill('SIGKILL');
        await exited;
        const interrupted = await db.db.digest.findFirstOrThrow({ where: { channelId: CHANNEL } });
        expect(interrupted).toMatchObject({ status: 'posting', postedParts: 1 });
        // The next start, once the dead poster's claim has run out.
        const later = () => new Date(Date.now() + 3 * 60_000);
        const rig = await startSlackRig({
          env,
          database: () => Promise.resolve({ ...database, drop: async () => undefined }),
          overrides: { clock: later, digestScheduler: { cron: false } },
        });
        try {
          await eventually(
            async () => (await db.db.digest.findFirstOrThrow({ where: { channelId: CHANNEL } })).status === 'posted',
            30_000,
          );
          const texts = [...slack.calls, ...rig.slack.calls]
            .filter((c) => c.method === 'chat.postMessage' && c.args.channel === CHANNEL && c.ok)
            .map((c) => String(c.args.text).match(/part (\d+) of (\d+)/)![1]);
          const total = Number(
            String(rig.slack.calls.find((c) => c.args.channel === CHANNEL)!.args.text).match(/of (\d+)/)![1],
          );
          expect(texts.map(Number)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
        } finally {
          await rig.close();
        }
      } finally {
        child.kill('SIGKILL');
        await db.close();
      }
    },
  );
});

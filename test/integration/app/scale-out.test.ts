import type { ChildProcess } from 'node:child_process';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { openDatabase, type Database } from '../../../src/db/database.js';
import { startAppProcess } from '../../support/app-process.js';
import { scriptedResearcher, startFakeOpenAI, type FakeOpenAI } from '../../support/fake-openai.js';
import {
  sendSigned,
  SLACK_BOT_TOKEN,
  SLACK_SIGNING_SECRET,
  slashCommand,
  startFakeSlack,
  type FakeSlack,
} from '../../support/fake-slack.js';
import { startFixtureWeb, type FixtureWeb } from '../../support/fixture-web.js';
import { fixtureSubmission, RESEARCH_PAGES, RESEARCH_SEARCH_RESULTS } from '../../support/research-fixtures.js';
import { eventually } from '../../support/slack-app.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';

const DIGEST_CHANNEL = 'C0SCALE001';
let database: TestDatabase;
let slack: FakeSlack;
let model: FakeOpenAI;
let web: FixtureWeb;
let db: Database;
const children: ChildProcess[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  slack = await startFakeSlack();
  web = await startFixtureWeb(RESEARCH_PAGES, RESEARCH_SEARCH_RESULTS);
  model = await startFakeOpenAI(
    scriptedResearcher({
      pages: () => [`${web.base}/ledgerly/team`],
      submit: () => fixtureSubmission(web.base).slice(0, 1),
    }),
    { latencyMs: 20 },
  );
  db = await openDatabase(database.target, { logger: pino({ level: 'silent' }) });
});
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await db?.close();
  await Promise.all([slack?.close(), model?.close(), web?.close()]);
  await database?.drop();
});

async function startCopy(): Promise<string> {
  const copy = await startAppProcess(database.url, {
    SLACK_BOT_TOKEN,
    SLACK_SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    OPENAI_API_KEY: 'sk-test',
    OPENAI_BASE_URL: model.baseUrl,
    SEARXNG_URL: web.base,
    RESEARCH_ALLOW_PRIVATE_URLS: 'true',
    RESEARCH_USER_HOURLY_LIMIT: '0',
    DIGEST_CHANNEL,
    DIGEST_CRON: '* * * * *',
  });
  children.push(copy.child);
  return copy.url;
}

describe('two copies of the app on one database', () => {
  it.runIf(inject('databaseProvider') === 'postgresql')(
    'work each research task once, deliver each result once, post each digest once',
    { timeout: 180_000 },
    async () => {
      const [a, b] = [await startCopy(), await startCopy()];
      for (let i = 0; i < 12; i += 1) {
        const res = await sendSigned(i % 2 ? a : b, slashCommand(slack, '/research', `scale-out query ${i}`));
        expect(res.status).toBe(200);
      }
      await eventually(
        async () => (await db.db.researchTask.count({ where: { slackDeliveredAt: { not: null } } })) === 12,
        120_000,
      );
      const tasks = await db.db.researchTask.findMany();
      expect(tasks).toHaveLength(12);
      expect(tasks.every((t) => t.status === 'succeeded' && t.attempts === 1)).toBe(true);
      for (const task of tasks) {
        // Each person shown once in the thread (people are posted as found, by whichever copy claims the task).
        const shown = slack
          .callsTo('chat.postMessage')
          .filter((c) => c.args.thread_ts === task.slackThreadTs && c.ok)
          .flatMap((c) =>
            ((c.args.blocks ?? []) as { block_id?: string }[]).flatMap((b) =>
              b.block_id?.startsWith('person:') ? [b.block_id] : [],
            ),
          );
        expect(shown.length, task.query).toBe(task.contactsNew + task.contactsMerged);
        expect(new Set(shown).size, task.query).toBe(shown.length);
      }
      // Every minute is a digest period here; both copies ran it at start and on each tick.
      await eventually(
        async () => (await db.db.digest.count({ where: { status: { in: ['posted', 'empty'] } } })) >= 1,
        70_000,
      );
      // A digest being posted at this moment has its message sent before its row says so: compare at a moment
      // when no digest is being posted (the rows the same before and after the messages are read, none 'posting').
      const rows = async () =>
        JSON.stringify(
          await db.db.digest.findMany({
            where: { channelId: DIGEST_CHANNEL },
            select: { id: true, status: true },
            orderBy: { id: 'asc' },
          }),
        );
      const settled = await eventually(async () => {
        const before = await rows();
        const sent = slack.callsTo('chat.postMessage').filter((c) => c.args.channel === DIGEST_CHANNEL);
        if ((await rows()) !== before || sent.some((c) => c.ok === undefined)) return undefined;
        const periods = JSON.parse(before) as { status: string }[];
        if (periods.some((p) => p.status === 'posting')) return undefined;
        return { periods, posted: sent.filter((c) => c.ok) };
      }, 30_000);
      expect(settled.posted.length).toBe(settled.periods.filter((p) => p.status === 'posted').length);
    },
  );
});

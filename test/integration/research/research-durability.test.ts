import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openDatabase, type Database } from '../../../src/db/database.js';
import { eventually } from '../../support/eventually.js';
import { scriptedResearcher } from '../../support/fake-openai.js';
import { startResearchRig, type ResearchTestRig } from '../../support/research-app.js';
import { fixtureSubmission } from '../../support/research-fixtures.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';

/** `eventually` with this file's longer default wait. */
const until = (check: () => Promise<boolean>, timeoutMs = 20_000) => eventually(check, timeoutMs);

let shared: TestDatabase;
let db: Database;
beforeAll(async () => {
  shared = await createTestDatabase();
  db = await openDatabase(shared.target, { logger: pino({ level: 'silent' }) });
});
afterAll(async () => {
  await db.close();
  await shared.drop();
});

/** Rigs on the shared database (dropped once, at the end). */
const onShared = () => Promise.resolve({ ...shared, drop: async () => undefined });
const succeeding = (rig: () => ResearchTestRig) =>
  scriptedResearcher({
    pages: () => [`${rig().web.base}/ledgerly/team`],
    submit: () => fixtureSubmission(rig().web.base).slice(0, 1),
  });

describe('durable research tasks', () => {
  it('takes up a task whose worker died, and fails one that died too often', async () => {
    const past = new Date(Date.now() - 60_000);
    const orphan = await db.db.researchTask.create({
      data: {
        query: 'orphaned by a crash',
        status: 'running',
        workerId: 'worker-dead',
        leaseExpiresAt: past,
        attempts: 1,
        startedAt: past,
      },
    });
    const doomed = await db.db.researchTask.create({
      data: {
        query: 'crashed twice already',
        status: 'running',
        workerId: 'worker-dead',
        leaseExpiresAt: past,
        attempts: 2,
        startedAt: past,
      },
    });
    let rig: ResearchTestRig;
    rig = await startResearchRig(
      succeeding(() => rig),
      { database: onShared },
    );
    try {
      await until(
        async () => (await db.db.researchTask.findUniqueOrThrow({ where: { id: orphan.id } })).status === 'succeeded',
      );
      expect(await db.db.researchTask.findUniqueOrThrow({ where: { id: orphan.id } })).toMatchObject({
        attempts: 2,
        contactsNew: 1,
        workerId: null,
      });
      expect(await db.db.researchTask.findUniqueOrThrow({ where: { id: doomed.id } })).toMatchObject({
        status: 'failed',
        error: 'the app stopped while researching, 2 times; not trying again',
      });
    } finally {
      await rig.close();
    }
  });

  it('puts its running tasks back in the queue when it stops, for the next start', async () => {
    const rig = await startResearchRig(() => ({ hang: true }), { database: onShared });
    let id = '';
    try {
      id = (await rig.t.api('POST', '/api/research', { query: 'interrupted by a restart' })).body.id;
      await until(async () => rig.model.requests.length > 0);
    } finally {
      await rig.close();
    }
    expect(await db.db.researchTask.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: 'queued',
      attempts: 0,
      workerId: null,
    });
    let next: ResearchTestRig;
    next = await startResearchRig(
      succeeding(() => next),
      { database: onShared },
    );
    try {
      await until(async () => (await db.db.researchTask.findUniqueOrThrow({ where: { id } })).status === 'succeeded');
    } finally {
      await next.close();
    }
  });

  it('recovers a task from a process killed mid-research', async () => {
    let rig: ResearchTestRig;
    rig = await startResearchRig(() => ({ hang: true }), { database: onShared });
    // The app under test runs in its own process, on the rig's fake model and fixture web.
    await rig.t.app.stop();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        PATH: process.env.PATH ?? '',
        DATABASE_URL: shared.url,
        DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'crm-kill-')),
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        OPENAI_API_KEY: 'sk-test',
        OPENAI_BASE_URL: rig.model.baseUrl,
        SEARXNG_URL: rig.web.base,
        RESEARCH_ALLOW_PRIVATE_URLS: 'true',
      },
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      const task = await db.db.researchTask.create({ data: { query: 'killed with SIGKILL' } });
      await until(async () =>
        rig.model.requests.some((r) => JSON.stringify(r.messages).includes('killed with SIGKILL')),
      );
      child.kill('SIGKILL');
      await exited;
      expect(await db.db.researchTask.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({
        status: 'running',
        attempts: 1,
      });
      // A new start, once the dead worker's lease has run out (the clock moved a minute on).
      rig.model.setHandler(succeeding(() => rig));
      const later = () => new Date(Date.now() + 60_000);
      const { startTestApp } = await import('../../support/test-app.js');
      const restarted = await startTestApp({
        database: onShared,
        clock: later,
        env: {
          OPENAI_API_KEY: 'sk-test',
          OPENAI_BASE_URL: rig.model.baseUrl,
          SEARXNG_URL: rig.web.base,
          RESEARCH_ALLOW_PRIVATE_URLS: 'true',
        },
      });
      try {
        await until(
          async () => (await db.db.researchTask.findUniqueOrThrow({ where: { id: task.id } })).status === 'succeeded',
        );
        // One person, stored once: new, or merged into the same person an earlier test on this database stored.
        const done = await db.db.researchTask.findUniqueOrThrow({ where: { id: task.id } });
        expect(done.attempts).toBe(2);
        expect(done.contactsNew + done.contactsMerged).toBe(1);
      } finally {
        await restarted.close();
      }
    } finally {
      child.kill('SIGKILL');
      await rig.close();
    }
  });

  it('never lets two copies of the app work the same task', async () => {
    let a: ResearchTestRig;
    let b: ResearchTestRig;
    const handler = (rig: () => ResearchTestRig) => succeeding(rig);
    a = await startResearchRig(
      handler(() => a),
      { database: onShared, latencyMs: 30, env: { RESEARCH_CONCURRENCY: '2' } },
    );
    b = await startResearchRig(
      handler(() => b),
      { database: onShared, latencyMs: 30, env: { RESEARCH_CONCURRENCY: '2' } },
    );
    try {
      const ids: string[] = [];
      for (let i = 0; i < 8; i += 1)
        ids.push((await (i % 2 ? a : b).t.api('POST', '/api/research', { query: `parallel task ${i}` })).body.id);
      await until(
        async () =>
          (await db.db.researchTask.count({ where: { id: { in: ids }, status: 'succeeded' } })) === ids.length,
        60_000,
      );
      const tasks = await db.db.researchTask.findMany({ where: { id: { in: ids } } });
      expect(tasks.every((t) => t.attempts === 1)).toBe(true);
      // Each task's conversation with the model started exactly once.
      const starts = [...a.model.requests, ...b.model.requests]
        .filter((r) => r.messages.length === 2)
        .map((r) => r.messages[1]!.content);
      for (let i = 0; i < 8; i += 1)
        expect(
          starts.filter((s) => s?.includes(`parallel task ${i}\n`)),
          `task ${i}`,
        ).toHaveLength(1);
      expect(a.model.requests.length).toBeGreaterThan(0);
      expect(b.model.requests.length).toBeGreaterThan(0);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

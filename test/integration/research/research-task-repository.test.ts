import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openDatabase, type Database } from '../../../src/db/database.js';
import type { ResearchOutcome } from '../../../src/research/research-runner.js';
import { ResearchTaskRepository } from '../../../src/research/research-task.repository.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';

const LEASE_MS = 30_000;
let database: TestDatabase;
let opened: Database;
let now = new Date('2026-12-01T10:00:00Z');
const clock = () => now;
let tasks: ResearchTaskRepository;

beforeAll(async () => {
  database = await createTestDatabase();
  opened = await openDatabase(database.target, { logger: pino({ level: 'silent' }) });
  tasks = new ResearchTaskRepository({ db: opened.db, clock, leaseMs: LEASE_MS });
});
afterAll(async () => {
  await opened.close();
  await database.drop();
});

const row = (id: string) => opened.db.researchTask.findUniqueOrThrow({ where: { id } });
const outcome: ResearchOutcome = {
  model: 'm',
  usage: { promptTokens: 10, cachedPromptTokens: 0, completionTokens: 5, modelCalls: 1, searchCalls: 2 },
  costUsd: 0.001,
  searchCostUsd: 0,
  found: 2,
  created: 1,
  merged: 1,
  rejected: 0,
  status: 'succeeded',
  note: null,
  rejections: { people: [], facts: [] },
};

describe("the research worker's state changes", () => {
  it('give a queued task to one of two workers that claim it at once, with a lease', async () => {
    const task = await opened.db.researchTask.create({ data: { query: 'claimed twice' } });
    const [a, b] = await Promise.all([tasks.claim(task, 'worker-a'), tasks.claim(task, 'worker-b')]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    const holder = a ? 'worker-a' : 'worker-b';
    expect(await row(task.id)).toMatchObject({
      status: 'running',
      workerId: holder,
      attempts: 1,
      leaseExpiresAt: new Date(now.getTime() + LEASE_MS),
      startedAt: now,
    });
    expect(await tasks.isHeld(task.id, holder)).toBe(true);
    expect(await tasks.isHeld(task.id, 'someone-else')).toBe(false);
  });

  it('record the outcome and let go of the lease, only for the holder', async () => {
    const task = await opened.db.researchTask.create({ data: { query: 'finished' } });
    await tasks.claim(task, 'worker-a');
    expect(await tasks.finish(task.id, 'worker-b', outcome)).toBe(false);
    expect(await tasks.finish(task.id, 'worker-a', outcome)).toBe(true);
    expect(await row(task.id)).toMatchObject({
      status: 'succeeded',
      progress: 100,
      progressMessage: 'Found 2 people',
      workerId: null,
      leaseExpiresAt: null,
      contactsNew: 1,
      contactsMerged: 1,
      searchCalls: 2,
      finishedAt: now,
    });
    expect(await tasks.renew(task.id, 'worker-a')).toBe(false);
  });

  it('put an abandoned task back in the queue, or fail it, once its lease has run out', async () => {
    const requeued = await opened.db.researchTask.create({ data: { query: 'abandoned once' } });
    const failed = await opened.db.researchTask.create({ data: { query: 'abandoned again' } });
    await tasks.claim(requeued, 'dead-worker');
    await tasks.claim(failed, 'dead-worker');
    expect((await tasks.abandoned(now)).map((t) => t.id)).not.toContain(requeued.id);
    const later = new Date(now.getTime() + LEASE_MS + 1);
    expect((await tasks.abandoned(later)).map((t) => t.id)).toEqual(expect.arrayContaining([requeued.id, failed.id]));
    expect(await tasks.requeueAbandoned(requeued.id, later)).toBe(true);
    expect(await tasks.failAbandoned(failed.id, later, 'died too often')).toBe(true);
    expect(await tasks.failAbandoned(failed.id, later, 'twice')).toBe(false);
    expect(await row(requeued.id)).toMatchObject({ status: 'queued', workerId: null, leaseExpiresAt: null });
    expect(await row(failed.id)).toMatchObject({
      status: 'failed',
      error: 'died too often',
      leaseExpiresAt: null,
      finishedAt: later,
    });
  });

  it('put a task back without counting the start when the app stops, and settle a cancelled one', async () => {
    const stopped = await opened.db.researchTask.create({ data: { query: 'stopped' } });
    await tasks.claim(stopped, 'worker-a');
    await tasks.requeue(stopped.id, 'worker-a');
    expect(await row(stopped.id)).toMatchObject({
      status: 'queued',
      attempts: 0,
      workerId: null,
      leaseExpiresAt: null,
    });

    const cancelled = await opened.db.researchTask.create({ data: { query: 'cancelled' } });
    await tasks.claim(cancelled, 'worker-a');
    expect(await tasks.settleCancelled(cancelled.id, outcome)).toBe(false);
    await opened.db.researchTask.update({ where: { id: cancelled.id }, data: { status: 'cancelled' } });
    expect(await tasks.fail(cancelled.id, 'worker-a', 'too late', undefined)).toBe(false);
    expect(await tasks.settleCancelled(cancelled.id, outcome)).toBe(true);
    expect(await row(cancelled.id)).toMatchObject({
      status: 'cancelled',
      workerId: null,
      leaseExpiresAt: null,
      contactsNew: 1,
    });
  });
});

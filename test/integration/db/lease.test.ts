import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { openDatabase, type Database, type Prisma } from '../../../src/db/database.js';
import { Lease } from '../../../src/db/lease.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';

/** The lease on Digest rows, as the digest keeps it: free when there is none or it has run out (inclusive). */
const LEASE_MS = 60_000;
let database: TestDatabase;
let opened: Database;
let now: Date;
const clock = () => now;
const lease = () =>
  new Lease<Prisma.DigestWhereInput, Prisma.DigestUncheckedUpdateManyInput>({
    updateMany: (args) => opened.db.digest.updateMany(args),
    set: (until) => ({ leaseUntil: until }),
    free: (at) => ({ OR: [{ leaseUntil: null }, { leaseUntil: { lte: at } }] }),
    ms: LEASE_MS,
    clock,
  });

beforeAll(async () => {
  database = await createTestDatabase();
  opened = await openDatabase(database.target, { logger: pino({ level: 'silent' }) });
});
afterAll(async () => {
  await opened.close();
  await database.drop();
});

let rowId: string;
beforeEach(async () => {
  now = new Date('2026-12-01T09:00:00Z');
  const row = await opened.db.digest.create({
    data: {
      channelId: `C${Math.random().toString(36).slice(2, 10).toUpperCase()}`,
      periodStart: now,
      windowStart: now,
    },
  });
  rowId = row.id;
});

const free = (l: Lease<Prisma.DigestWhereInput, Prisma.DigestUncheckedUpdateManyInput>, holder: string) =>
  l.claim({ id: rowId, ...l.free() }, { claimedBy: holder });
const row = () => opened.db.digest.findUniqueOrThrow({ where: { id: rowId } });

describe('a lease (compare-and-set on a time column)', () => {
  it('goes to exactly one of many claimers that race for a free row', async () => {
    const claimers = Array.from({ length: 8 }, (_, i) => ({ name: `copy-${i}`, lease: lease() }));
    const won = await Promise.all(claimers.map((c) => free(c.lease, c.name)));
    expect(won.filter(Boolean)).toHaveLength(1);
    const winner = claimers[won.indexOf(true)]!.name;
    expect(await row()).toMatchObject({ claimedBy: winner, leaseUntil: new Date(now.getTime() + LEASE_MS) });
  });

  it('is not taken from its holder before it runs out, and is free again once it has', async () => {
    expect(await free(lease(), 'first')).toBe(true);
    now = new Date(now.getTime() + LEASE_MS - 1);
    expect(await free(lease(), 'second')).toBe(false);
    now = new Date(now.getTime() + 1);
    expect(await free(lease(), 'second')).toBe(true);
    expect((await row()).claimedBy).toBe('second');
  });

  it('renews from the clock and tells its holder when it was lost', async () => {
    const mine = lease();
    expect(await free(mine, 'me')).toBe(true);
    now = new Date(now.getTime() + 10_000);
    expect(await mine.renew({ id: rowId, claimedBy: 'me' }, { postedParts: 2 })).toBe(true);
    expect(await row()).toMatchObject({ postedParts: 2, leaseUntil: new Date(now.getTime() + LEASE_MS) });

    now = new Date(now.getTime() + LEASE_MS + 1);
    expect(await free(lease(), 'other')).toBe(true);
    expect(await mine.renew({ id: rowId, claimedBy: 'me' })).toBe(false);
    expect(await mine.release({ id: rowId, claimedBy: 'me' }, { error: 'late' })).toBe(0);
    expect(await row()).toMatchObject({ claimedBy: 'other', error: null });
  });

  it('is released at once, or held back until a retry time', async () => {
    const mine = lease();
    expect(await free(mine, 'me')).toBe(true);
    const retryAt = new Date(now.getTime() + 5_000);
    expect(await mine.release({ id: rowId }, { error: 'Slack said no' }, retryAt)).toBe(1);
    expect(await row()).toMatchObject({ leaseUntil: retryAt, error: 'Slack said no' });
    expect(await free(lease(), 'retry too early')).toBe(false);
    now = retryAt;
    expect(await free(lease(), 'retry')).toBe(true);

    expect(await lease().release({ id: rowId }, { claimedBy: null })).toBe(1);
    expect(await row()).toMatchObject({ leaseUntil: null, claimedBy: null });
    expect(await free(lease(), 'next')).toBe(true);
  });
});

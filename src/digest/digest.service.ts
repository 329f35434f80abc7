import { randomUUID } from 'node:crypto';

import type { DigestConfig } from '../config/config.js';
import { NOT_TRASHED } from '../crm/contacts/trash.js';
import { isUniqueViolation } from '../db/database-errors.js';
import type { Db, Prisma } from '../db/database.js';
import { Lease } from '../db/lease.js';
import type { Logger } from '../logging/logger.js';
import { digestItemCount, isEmptyDigest, type DigestData, type DigestPublisher } from './digest-data.js';
import { digestPeriod } from './digest-schedule.js';

export type DigestOutcome = 'posted' | 'empty' | 'already-posted' | 'in-progress' | 'failed' | 'off';

const LEASE_MS = 2 * 60_000;
const MAX_LISTED = 1_000;

/**
 * The scheduled digest: what is new since the last one posted to the channel, and whose follow-up
 * is due. Posted once per (channel, period): the Digest row with that unique pair is inserted
 * before anything is posted, so a second copy of the app, a restart or a retry finds it and either
 * leaves it or — when its claim ran out mid-post — resumes at the next unposted part.
 */
export class DigestService {
  private readonly instanceId = `digest-${randomUUID()}`;
  private readonly lease: Lease<Prisma.DigestWhereInput, Prisma.DigestUncheckedUpdateManyInput>;

  constructor(
    private readonly deps: {
      db: Db;
      config: DigestConfig;
      publisher: DigestPublisher | undefined;
      clock: () => Date;
      logger: Logger;
    },
  ) {
    this.lease = new Lease({
      updateMany: (args) => deps.db.digest.updateMany(args),
      set: (until) => ({ leaseUntil: until }),
      free: (now) => ({ OR: [{ leaseUntil: null }, { leaseUntil: { lte: now } }] }),
      ms: LEASE_MS,
      clock: deps.clock,
    });
  }

  /** Why no digest is posted here, or undefined. */
  get offReason(): string | undefined {
    if (!this.deps.config.channelId) return 'DIGEST_CHANNEL is not set';
    if (!this.deps.publisher) return 'Slack is off';
    return undefined;
  }

  /** The digest the current period would post, without posting or recording anything. */
  async preview(channelId = this.deps.config.channelId ?? 'preview'): Promise<DigestData> {
    const now = this.deps.clock();
    const period = digestPeriod(this.deps.config.cron, this.deps.config.timezone, now);
    const from = await this.windowStart(channelId, period.start, period.previous);
    return this.collect(channelId, from, now, period.start);
  }

  /**
   * Posts the digest of the current period unless it was posted already (scheduled runs, start-up catch-up, retries).
   */
  async runDue(): Promise<DigestOutcome> {
    const channelId = this.deps.config.channelId;
    if (this.offReason || !channelId) return 'off';
    const now = this.deps.clock();
    const period = digestPeriod(this.deps.config.cron, this.deps.config.timezone, now);
    // A "run now" since this period's time already covered it.
    const latest = await this.latestFinished(channelId);
    if (latest && latest.periodStart > period.start) return 'already-posted';
    const claim = await this.claim(channelId, period.start, period.previous, now);
    if (claim === 'already-posted' || claim === 'in-progress') return claim;
    const log = this.deps.logger.child({ digest: claim.id, period: period.start.toISOString() });
    try {
      const data = await this.collect(channelId, claim.windowStart, period.start, period.start);
      if (isEmptyDigest(data) && !this.deps.config.postEmpty) {
        await this.finish(claim.id, 'empty');
        log.info('nothing new: digest not posted');
        return 'empty';
      }
      await this.deps.publisher!.publish(data, claim.postedParts, async (parts) => {
        await this.lease.renew({ id: claim.id }, { postedParts: parts });
      });
      await this.finish(claim.id, 'posted');
      log.info({ items: digestItemCount(data) }, 'digest posted');
      return 'posted';
    } catch (error) {
      log.warn({ err: error }, 'digest not posted yet; it will be retried');
      // Free the claim so the next run (a retry timer, the next start, another copy) resumes it.
      await this.lease
        .release(
          { id: claim.id },
          { error: error instanceof Error ? error.message.slice(0, 500) : String(error) },
          this.deps.clock(),
        )
        .catch(() => undefined);
      return 'failed';
    }
  }

  /**
   * "Run now": what is new since the last digest posted (or found empty) in the channel, up to
   * now — contacts, finished research, and follow-ups that came due in that time. Once: of runs
   * that start from the same point, the first one recorded posts and the others answer
   * in-progress / already-posted; a run with nothing new posts nothing. The next digest (scheduled
   * or run now) starts where this one ended.
   */
  async runNow(): Promise<DigestOutcome> {
    const channelId = this.deps.config.channelId;
    if (this.offReason || !channelId) return 'off';
    const now = this.deps.clock();
    const period = digestPeriod(this.deps.config.cron, this.deps.config.timezone, now);
    const from = (await this.latestFinished(channelId))?.periodStart ?? period.previous;
    const leaseUntil = this.lease.until(now);
    let mine;
    try {
      // periodStart is where this digest's window ends: the next one starts there.
      mine = await this.deps.db.digest.create({
        data: { channelId, periodStart: now, windowStart: from, claimedBy: this.instanceId, leaseUntil, attempts: 1 },
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // A run at this very instant: in progress, or finished — and then nothing is new since.
      const same = await this.deps.db.digest.findUnique({
        where: { channelId_periodStart: { channelId, periodStart: now } },
        select: { status: true },
      });
      return same?.status === 'posting' ? 'in-progress' : 'empty';
    }
    const rivals = await this.deps.db.digest.findMany({
      where: { channelId, windowStart: from, id: { not: mine.id } },
      select: { id: true, status: true },
    });
    const earlier = rivals.filter((r) => r.id < mine.id);
    if (earlier.length > 0) {
      await this.deps.db.digest.delete({ where: { id: mine.id } });
      return earlier.some((r) => r.status === 'posting') ? 'in-progress' : 'already-posted';
    }
    const log = this.deps.logger.child({ digest: mine.id, runNow: true });
    try {
      const data = await this.collect(channelId, from, now, now, { followUpsFrom: from });
      if (isEmptyDigest(data)) {
        await this.finish(mine.id, 'empty');
        return 'empty';
      }
      await this.deps.publisher!.publish(data, 0, async (parts) => {
        await this.lease.renew({ id: mine.id }, { postedParts: parts });
      });
      await this.finish(mine.id, 'posted');
      log.info({ items: digestItemCount(data) }, 'digest posted on demand');
      return 'posted';
    } catch (error) {
      log.warn({ err: error }, 'digest run now failed');
      // Nothing posted yet: forget the run, so the next one starts from the same point again.
      const row = await this.deps.db.digest.findUnique({ where: { id: mine.id } }).catch(() => null);
      if (row && row.postedParts === 0)
        await this.deps.db.digest.delete({ where: { id: mine.id } }).catch(() => undefined);
      else
        await this.lease
          .release(
            { id: mine.id },
            {
              status: 'posted',
              postedAt: this.deps.clock(),
              error: error instanceof Error ? error.message.slice(0, 500) : String(error),
            },
          )
          .catch(() => undefined);
      return 'failed';
    }
  }

  /** The newest digest of the channel that was posted or found empty (periodStart is where its window ended). */
  private async latestFinished(channelId: string) {
    return this.deps.db.digest.findFirst({
      where: { channelId, status: { in: ['posted', 'empty'] } },
      orderBy: { periodStart: 'desc' },
      select: { periodStart: true },
    });
  }

  private async finish(id: string, status: 'posted' | 'empty'): Promise<void> {
    await this.lease.release({ id }, { status, postedAt: this.deps.clock(), claimedBy: null, error: null });
  }

  /** Inserts the (channel, period) row, or takes over one whose claim ran out before it was posted. */
  private async claim(channelId: string, periodStart: Date, previous: Date, now: Date) {
    const leaseUntil = this.lease.until(now);
    try {
      const windowStart = await this.windowStart(channelId, periodStart, previous);
      return await this.deps.db.digest.create({
        data: { channelId, periodStart, windowStart, claimedBy: this.instanceId, leaseUntil, attempts: 1 },
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const existing = await this.deps.db.digest.findUniqueOrThrow({
      where: { channelId_periodStart: { channelId, periodStart } },
    });
    if (existing.status !== 'posting') return 'already-posted' as const;
    const claimed = await this.lease.claim(
      { id: existing.id, status: 'posting', ...this.lease.free(now) },
      { claimedBy: this.instanceId, attempts: { increment: 1 } },
      now,
    );
    return claimed ? existing : ('in-progress' as const);
  }

  /** A digest covers the time since the previous one in this channel (or one period, for the first). */
  private async windowStart(channelId: string, periodStart: Date, previous: Date): Promise<Date> {
    const last = await this.deps.db.digest.findFirst({
      where: { channelId, status: { in: ['posted', 'empty'] }, periodStart: { lt: periodStart } },
      orderBy: { periodStart: 'desc' },
      select: { periodStart: true },
    });
    return last?.periodStart ?? previous;
  }

  private async collect(
    channelId: string,
    from: Date,
    to: Date,
    periodStart: Date,
    options: { followUpsFrom?: Date } = {},
  ): Promise<DigestData> {
    const { db } = this.deps;
    const created = await db.contact.findMany({
      where: { createdAt: { gte: from, lt: to }, ...NOT_TRASHED },
      orderBy: { id: 'asc' },
      take: MAX_LISTED,
      select: {
        id: true,
        fullName: true,
        title: true,
        company: true,
        researchLinks: {
          where: { outcome: 'new' },
          take: 1,
          select: { task: { select: { id: true, query: true, requestedBy: true } } },
        },
      },
    });
    const groups = new Map<string, DigestData['newContacts'][number]>();
    for (const c of created) {
      const task = c.researchLinks[0]?.task ?? null;
      const key = task?.id ?? '';
      const group = groups.get(key) ?? {
        research: task && { taskId: task.id, query: task.query, requestedBy: task.requestedBy },
        contacts: [],
      };
      group.contacts.push({ id: c.id, fullName: c.fullName, title: c.title, company: c.company });
      groups.set(key, group);
    }
    const tasks = await db.researchTask.findMany({
      where: { finishedAt: { gte: from, lt: to }, status: { in: ['succeeded', 'failed'] } },
      orderBy: { finishedAt: 'asc' },
      take: MAX_LISTED,
    });
    const due = await db.contact.findMany({
      where: {
        nextFollowUpAt: { lte: to, ...(options.followUpsFrom ? { gt: options.followUpsFrom } : {}) },
        ...NOT_TRASHED,
      },
      orderBy: [{ ownerId: 'asc' }, { nextFollowUpAt: 'asc' }],
      take: MAX_LISTED,
      select: { id: true, fullName: true, company: true, ownerId: true, nextFollowUpAt: true },
    });
    const owners = new Map<string | null, DigestData['followUps'][number]>();
    const startOfPeriodDay = new Date(periodStart.getTime() - 24 * 3600_000);
    for (const c of due) {
      const group = owners.get(c.ownerId) ?? { ownerId: c.ownerId, contacts: [] };
      group.contacts.push({
        id: c.id,
        fullName: c.fullName,
        company: c.company,
        dueAt: c.nextFollowUpAt!.toISOString(),
        overdue: c.nextFollowUpAt! < startOfPeriodDay,
      });
      owners.set(c.ownerId, group);
    }
    return {
      channelId,
      period: { start: periodStart.toISOString(), timezone: this.deps.config.timezone },
      window: { from: from.toISOString(), to: to.toISOString() },
      newContacts: [...groups.values()].sort((a, b) => Number(a.research === null) - Number(b.research === null)),
      research: {
        succeeded: tasks
          .filter((t) => t.status === 'succeeded')
          .map((t) => ({
            id: t.id,
            query: t.query,
            requestedBy: t.requestedBy,
            new: t.contactsNew,
            merged: t.contactsMerged,
          })),
        failed: tasks
          .filter((t) => t.status === 'failed')
          .map((t) => ({ id: t.id, query: t.query, requestedBy: t.requestedBy, error: t.error })),
      },
      followUps: [...owners.values()],
    };
  }
}

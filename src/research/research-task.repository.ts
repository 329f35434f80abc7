import type { Db, Prisma, ResearchTask } from '../db/database.js';
import { Lease } from '../db/lease.js';
import type { ResearchOutcome, ResearchTally } from './research-runner.js';

/**
 * The research worker's state changes on ResearchTask rows, each guarded by the task's lease:
 * claim a queued task, renew the lease, record progress, and finish, fail or put back a task this
 * worker holds (`workerId` says which worker that is). Writes that find the lease lost (the task
 * was cancelled, or another copy took it over) change nothing and say so.
 */
export class ResearchTaskRepository {
  private readonly lease: Lease<Prisma.ResearchTaskWhereInput, Prisma.ResearchTaskUncheckedUpdateManyInput>;

  constructor(private readonly deps: { db: Db; clock: () => Date; leaseMs: number }) {
    this.lease = new Lease({
      updateMany: (args) => deps.db.researchTask.updateMany(args),
      set: (until) => ({ leaseExpiresAt: until }),
      free: (now) => ({ leaseExpiresAt: { lt: now } }),
      ms: deps.leaseMs,
      clock: deps.clock,
    });
  }

  /** The oldest queued tasks, to claim in turn. */
  queued(take: number): Promise<ResearchTask[]> {
    return this.deps.db.researchTask.findMany({ where: { status: 'queued' }, orderBy: { createdAt: 'asc' }, take });
  }

  /**
   * Compare-and-set from queued to running under `workerId`: the task as claimed, or undefined when another worker got
   * it.
   */
  async claim(candidate: ResearchTask, workerId: string): Promise<ResearchTask | undefined> {
    const now = this.deps.clock();
    const claimed = await this.lease.claim(
      { id: candidate.id, status: 'queued' },
      {
        status: 'running',
        workerId,
        startedAt: candidate.startedAt ?? now,
        attempts: { increment: 1 },
        progress: 0,
        progressMessage: 'Starting',
        error: null,
      },
      now,
    );
    return claimed ? { ...candidate, status: 'running', attempts: candidate.attempts + 1 } : undefined;
  }

  /** Running tasks whose worker stopped renewing the lease. */
  abandoned(now: Date): Promise<{ id: string; attempts: number }[]> {
    return this.deps.db.researchTask.findMany({
      where: { status: 'running', ...this.lease.free(now) },
      select: { id: true, attempts: true },
    });
  }

  /** An abandoned task back to the queue; false when it was not abandoned any more. */
  async requeueAbandoned(taskId: string, now: Date): Promise<boolean> {
    const data = {
      status: 'queued',
      workerId: null,
      progressMessage: 'Waiting to start again after an interruption',
    } as const;
    return (await this.lease.release(this.abandonedOne(taskId, now), data)) > 0;
  }

  /** An abandoned task failed with `error`; false when it was not abandoned any more. */
  async failAbandoned(taskId: string, now: Date, error: string): Promise<boolean> {
    return (
      (await this.lease.release(this.abandonedOne(taskId, now), {
        status: 'failed',
        error,
        finishedAt: now,
        workerId: null,
      })) > 0
    );
  }

  /** Extends the lease; false when the task is no longer this worker's (cancelled, or taken over). */
  renew(taskId: string, workerId: string): Promise<boolean> {
    return this.lease.renew(held(taskId, workerId));
  }

  async isHeld(taskId: string, workerId: string): Promise<boolean> {
    return (await this.deps.db.researchTask.count({ where: held(taskId, workerId) })) === 1;
  }

  async recordProgress(taskId: string, workerId: string, progress: number, message: string): Promise<void> {
    await this.deps.db.researchTask.updateMany({
      where: held(taskId, workerId),
      data: { progress, progressMessage: message.slice(0, 500) },
    });
  }

  /** What the run has stored and spent so far. */
  async recordTally(taskId: string, workerId: string, tally: ResearchTally): Promise<void> {
    await this.deps.db.researchTask.updateMany({ where: held(taskId, workerId), data: tallyData(tally) });
  }

  /**
   * The run ended (succeeded, or failed with a note): its outcome recorded and the lease let go. False when the lease
   * was lost.
   */
  async finish(taskId: string, workerId: string, outcome: ResearchOutcome): Promise<boolean> {
    const people = outcome.created + outcome.merged;
    const count = await this.lease.release(held(taskId, workerId), {
      ...tallyData(outcome),
      status: outcome.status,
      progress: 100,
      progressMessage:
        `Found ${people} ${people === 1 ? 'person' : 'people'}${outcome.note ? `; ${outcome.note}` : ''}`.slice(0, 500),
      error: outcome.status === 'failed' ? outcome.note?.slice(0, 1000) : null,
      ...(outcome.changes ? { changes: outcome.changes as unknown as Prisma.InputJsonValue } : {}),
      verificationRejections: outcome.rejections,
      finishedAt: this.deps.clock(),
      workerId: null,
    });
    return count > 0;
  }

  /** The run threw: failed with `message` (and what it spent). False when the lease was lost. */
  async fail(taskId: string, workerId: string, message: string, tally: ResearchTally | undefined): Promise<boolean> {
    const spent = tally ? tallyData(tally) : {};
    const count = await this.lease.release(held(taskId, workerId), {
      ...spent,
      status: 'failed',
      error: message.slice(0, 1000),
      finishedAt: this.deps.clock(),
      workerId: null,
    });
    return count > 0;
  }

  /**
   * A task that was cancelled while it ran: what it spent recorded and the lease let go. False when it was not
   * cancelled.
   */
  async settleCancelled(taskId: string, tally: ResearchTally | undefined): Promise<boolean> {
    const spent = tally ? tallyData(tally) : {};
    return (
      (await this.lease.release(
        { id: taskId, status: 'cancelled' },
        { ...spent, finishedAt: this.deps.clock(), workerId: null },
      )) > 0
    );
  }

  /** The app is stopping: the task back to the queue, its start not counted. */
  async requeue(taskId: string, workerId: string): Promise<void> {
    await this.lease.release(held(taskId, workerId), {
      status: 'queued',
      workerId: null,
      attempts: { decrement: 1 },
      progressMessage: 'Waiting: the app restarted',
    });
  }

  private abandonedOne(taskId: string, now: Date): Prisma.ResearchTaskWhereInput {
    return { id: taskId, status: 'running', ...this.lease.free(now) };
  }
}

/** The task, while `workerId` holds it. */
function held(taskId: string, workerId: string): Prisma.ResearchTaskWhereInput {
  return { id: taskId, status: 'running', workerId };
}

/** The task columns for what a run has stored and spent. */
function tallyData(tally: ResearchTally) {
  return {
    model: tally.model,
    promptTokens: tally.usage.promptTokens,
    cachedPromptTokens: tally.usage.cachedPromptTokens,
    completionTokens: tally.usage.completionTokens,
    modelCalls: tally.usage.modelCalls,
    searchCalls: tally.usage.searchCalls,
    costUsd: tally.costUsd,
    searchCostUsd: tally.searchCostUsd,
    contactsFound: tally.found,
    contactsNew: tally.created,
    contactsMerged: tally.merged,
    contactsRejected: tally.rejected,
  };
}

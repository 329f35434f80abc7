import { randomUUID } from 'node:crypto';
import type { Db, Prisma, ResearchTask } from '../db/database.js';
import type { Logger } from '../logging/logger.js';
import type { ResearchProgress, ResearchStage } from './agent/research-progress.js';
import type { ResearchEvents } from './research-events.js';
import { ResearchFailure } from './research-runner.js';
import type { ResearchRunner, ResearchTally } from './research-runner.js';
import { briefOf } from './research-task.views.js';

export interface ResearchWorkerOptions {
  db: Db;
  runner: ResearchRunner;
  events: ResearchEvents;
  logger: Logger;
  clock: () => Date;
  concurrency: number;
  /** Per-task deadline. */
  timeoutMs: number;
  /** How long a claim holds without renewal; a crashed worker's task is free again after it. */
  leaseMs?: number;
  /** How often to look for queued tasks other copies of the app created. */
  pollMs?: number;
  /** Starts per task before it is failed instead of retried. */
  maxAttempts?: number;
}

const STAGE_PROGRESS: Record<ResearchStage, number> = { thinking: 10, searching: 20, reading: 40, verifying: 80, saving: 90 };

/**
 * Works ResearchTask rows: claims queued ones (a compare-and-set on the status, so two copies of
 * the app never work the same task), holds the claim with a renewed lease, runs at most
 * `concurrency` at once, and puts back or fails tasks whose worker died. Stopping puts its own
 * running tasks back in the queue for the next start.
 */
export class ResearchWorker {
  readonly workerId = `worker-${randomUUID()}`;
  private readonly running = new Map<string, AbortController>();
  private stopped = true;
  private timer: NodeJS.Timeout | undefined;
  private pumping: Promise<void> | undefined;
  private repump = false;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly maxAttempts: number;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly o: ResearchWorkerOptions) {
    this.leaseMs = o.leaseMs ?? 30_000;
    this.pollMs = o.pollMs ?? 2_000;
    this.maxAttempts = o.maxAttempts ?? 2;
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.recoverAbandoned();
    this.schedule(0);
  }

  /** A task was queued: look now rather than at the next poll. */
  notify(): void {
    if (!this.stopped) this.schedule(0);
  }

  /** Stops a task this process is running (cancellation); other copies notice through their lease renewal. */
  abortLocal(taskId: string, reason: string): void {
    this.running.get(taskId)?.abort(reason);
  }

  get activeCount(): number {
    return this.running.size;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.pumping;
    for (const controller of this.running.values()) controller.abort(SHUTDOWN);
    await Promise.allSettled([...this.inFlight]);
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.pump(), delayMs);
    this.timer.unref();
  }

  /** Claims tasks while there is room; runs again if notified meanwhile. */
  private async pump(): Promise<void> {
    if (this.pumping) {
      this.repump = true;
      return;
    }
    this.pumping = (async () => {
      do {
        this.repump = false;
        try {
          await this.recoverAbandoned();
          while (!this.stopped && this.running.size < this.o.concurrency) {
            const task = await this.claimNext();
            if (!task) break;
            this.launch(task);
          }
        } catch (error) {
          this.o.logger.error({ err: error }, 'research worker could not poll the queue');
        }
      } while (this.repump && !this.stopped);
    })();
    await this.pumping;
    this.pumping = undefined;
    if (!this.stopped) this.schedule(this.pollMs);
  }

  private async claimNext(): Promise<ResearchTask | undefined> {
    const candidates = await this.o.db.researchTask.findMany({ where: { status: 'queued' }, orderBy: { createdAt: 'asc' }, take: 5 });
    for (const candidate of candidates) {
      const now = this.o.clock();
      const { count } = await this.o.db.researchTask.updateMany({
        where: { id: candidate.id, status: 'queued' },
        data: { status: 'running', workerId: this.workerId, leaseExpiresAt: new Date(now.getTime() + this.leaseMs), startedAt: candidate.startedAt ?? now, attempts: { increment: 1 }, progress: 0, progressMessage: 'Starting', error: null },
      });
      if (count === 1) return { ...candidate, status: 'running', attempts: candidate.attempts + 1 };
    }
    return undefined;
  }

  /** Tasks whose worker stopped renewing its lease: back to the queue, or failed after too many starts. */
  private async recoverAbandoned(): Promise<void> {
    const now = this.o.clock();
    const stale = await this.o.db.researchTask.findMany({ where: { status: 'running', leaseExpiresAt: { lt: now } }, select: { id: true, attempts: true } });
    for (const task of stale) {
      const where = { id: task.id, status: 'running' as const, leaseExpiresAt: { lt: now } };
      if (task.attempts >= this.maxAttempts) {
        const error = `the app stopped while researching, ${task.attempts} times; not trying again`;
        const { count } = await this.o.db.researchTask.updateMany({ where, data: { status: 'failed', error, finishedAt: now, workerId: null, leaseExpiresAt: null } });
        if (count) this.o.events.emit({ type: 'finished', taskId: task.id, status: 'failed', error });
      } else {
        await this.o.db.researchTask.updateMany({ where, data: { status: 'queued', workerId: null, leaseExpiresAt: null, progressMessage: 'Waiting to start again after an interruption' } });
      }
    }
  }

  private launch(task: ResearchTask): void {
    const controller = new AbortController();
    this.running.set(task.id, controller);
    const run = this.work(task, controller).finally(() => {
      this.running.delete(task.id);
      this.inFlight.delete(run);
      this.notify();
    });
    this.inFlight.add(run);
  }

  private mine(taskId: string) {
    return { id: taskId, status: 'running' as const, workerId: this.workerId };
  }

  private async work(task: ResearchTask, controller: AbortController): Promise<void> {
    const { db, events, logger } = this.o;
    const log = logger.child({ taskId: task.id });
    const signal = AbortSignal.any([controller.signal, AbortSignal.timeout(this.o.timeoutMs)]);
    const renew = setInterval(() => {
      db.researchTask
        .updateMany({ where: this.mine(task.id), data: { leaseExpiresAt: new Date(this.o.clock().getTime() + this.leaseMs) } })
        .then(({ count }) => {
          if (count === 0) controller.abort('the task was cancelled');
        })
        .catch((error: unknown) => log.warn({ err: error }, 'could not renew the research lease'));
    }, Math.max(50, Math.floor(this.leaseMs / 3)));
    renew.unref();

    let lastWrite = 0;
    const progress = (event: ResearchProgress) => {
      const percent = STAGE_PROGRESS[event.stage];
      events.emit({ type: 'progress', taskId: task.id, stage: event.stage, message: event.message, progress: percent });
      const now = Date.now();
      if (now - lastWrite < 1_000 && event.stage !== 'verifying' && event.stage !== 'saving') return;
      lastWrite = now;
      void db.researchTask.updateMany({ where: this.mine(task.id), data: { progress: percent, progressMessage: event.message.slice(0, 500) } }).catch(() => undefined);
    };

    log.info('research started');
    try {
      const outcome = await this.o.runner.run({ id: task.id, brief: briefOf(task) }, signal, {
        progress,
        stillOurs: async () => (await db.researchTask.count({ where: this.mine(task.id) })) === 1,
        // Each hand-in is stored at once: counts and spending on the row, and the thread told.
        stored: async (tally) => {
          await db.researchTask.updateMany({ where: this.mine(task.id), data: tallyData(tally) });
          events.emit({ type: 'contacts', taskId: task.id });
        },
      });
      const people = outcome.created + outcome.merged;
      const { count } = await db.researchTask.updateMany({
        where: this.mine(task.id),
        data: {
          ...tallyData(outcome),
          status: outcome.status,
          progress: 100,
          progressMessage: `Found ${people} ${people === 1 ? 'person' : 'people'}${outcome.note ? `; ${outcome.note}` : ''}`.slice(0, 500),
          error: outcome.status === 'failed' ? outcome.note?.slice(0, 1000) : null,
          ...(outcome.changes ? { changes: outcome.changes as unknown as Prisma.InputJsonValue } : {}),
          verificationRejections: outcome.rejections,
          finishedAt: this.o.clock(),
          workerId: null,
          leaseExpiresAt: null,
        },
      });
      if (count) events.emit({ type: 'finished', taskId: task.id, status: outcome.status, error: outcome.status === 'failed' ? outcome.note : null });
      log.info({ created: outcome.created, merged: outcome.merged, rejected: outcome.rejected, tokens: outcome.usage, status: outcome.status, note: outcome.note }, 'research ended');
    } catch (error) {
      await this.settleFailure(task, error, controller.signal.reason, log);
    } finally {
      clearInterval(renew);
    }
  }

  private async settleFailure(task: ResearchTask, error: unknown, abortReason: unknown, log: Logger): Promise<void> {
    const { db, events } = this.o;
    // What a failed task spent (and stored) is recorded too.
    const tally = error instanceof ResearchFailure ? error.tally : undefined;
    const spent = tally ? tallyData(tally) : {};
    if (abortReason === SHUTDOWN) {
      // Not the task's fault: back to the queue for the next start (or another copy of the app).
      await db.researchTask.updateMany({ where: this.mine(task.id), data: { status: 'queued', workerId: null, leaseExpiresAt: null, attempts: { decrement: 1 }, progressMessage: 'Waiting: the app restarted' } });
      log.info('research put back in the queue for the next start');
      return;
    }
    const cancelled = await db.researchTask.updateMany({ where: { id: task.id, status: 'cancelled' }, data: { ...spent, finishedAt: this.o.clock(), workerId: null, leaseExpiresAt: null } });
    if (cancelled.count) {
      log.info('research cancelled');
      return;
    }
    const message = error instanceof ResearchFailure ? error.message : 'the research failed unexpectedly; it has been logged';
    if (!(error instanceof ResearchFailure)) log.error({ err: error }, 'research failed unexpectedly');
    else log.warn({ reason: message }, 'research failed');
    const { count } = await db.researchTask.updateMany({
      where: this.mine(task.id),
      data: { ...spent, status: 'failed', error: message.slice(0, 1000), finishedAt: this.o.clock(), workerId: null, leaseExpiresAt: null },
    });
    if (count) events.emit({ type: 'finished', taskId: task.id, status: 'failed', error: message });
  }
}

const SHUTDOWN = 'the app is shutting down';

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

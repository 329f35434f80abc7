import { randomUUID } from 'node:crypto';

import type { Db, ResearchTask } from '../db/database.js';
import type { Logger } from '../logging/logger.js';
import type { ResearchProgress, ResearchStage } from './agent/research-progress.js';
import type { ResearchEvents } from './research-events.js';
import { ResearchFailure, type ResearchRunner } from './research-runner.js';
import { ResearchTaskRepository } from './research-task.repository.js';
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

const STAGE_PROGRESS: Record<ResearchStage, number> = {
  thinking: 10,
  searching: 20,
  reading: 40,
  verifying: 80,
  saving: 90,
};

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

  private readonly tasks: ResearchTaskRepository;

  constructor(private readonly deps: ResearchWorkerOptions) {
    this.leaseMs = deps.leaseMs ?? 30_000;
    this.pollMs = deps.pollMs ?? 2_000;
    this.maxAttempts = deps.maxAttempts ?? 2;
    this.tasks = new ResearchTaskRepository({ db: deps.db, clock: deps.clock, leaseMs: this.leaseMs });
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
          while (!this.stopped && this.running.size < this.deps.concurrency) {
            const task = await this.claimNext();
            if (!task) break;
            this.launch(task);
          }
        } catch (error) {
          this.deps.logger.error({ err: error }, 'research worker could not poll the queue');
        }
      } while (this.repump && !this.stopped);
    })();
    await this.pumping;
    this.pumping = undefined;
    if (!this.stopped) this.schedule(this.pollMs);
  }

  private async claimNext(): Promise<ResearchTask | undefined> {
    for (const candidate of await this.tasks.queued(5)) {
      const task = await this.tasks.claim(candidate, this.workerId);
      if (task) return task;
    }
    return undefined;
  }

  /** Tasks whose worker stopped renewing its lease: back to the queue, or failed after too many starts. */
  private async recoverAbandoned(): Promise<void> {
    const now = this.deps.clock();
    for (const task of await this.tasks.abandoned(now)) {
      if (task.attempts >= this.maxAttempts) {
        const error = `the app stopped while researching, ${task.attempts} times; not trying again`;
        if (await this.tasks.failAbandoned(task.id, now, error))
          this.deps.events.emit({ type: 'finished', taskId: task.id, status: 'failed', error });
      } else {
        await this.tasks.requeueAbandoned(task.id, now);
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

  private async work(task: ResearchTask, controller: AbortController): Promise<void> {
    const { events, logger } = this.deps;
    const log = logger.child({ taskId: task.id });
    const signal = AbortSignal.any([controller.signal, AbortSignal.timeout(this.deps.timeoutMs)]);
    const renew = setInterval(
      () => {
        this.tasks
          .renew(task.id, this.workerId)
          .then((held) => {
            if (!held) controller.abort('the task was cancelled');
          })
          .catch((error: unknown) => log.warn({ err: error }, 'could not renew the research lease'));
      },
      Math.max(50, Math.floor(this.leaseMs / 3)),
    );
    renew.unref();

    let lastWrite = 0;
    const progress = (event: ResearchProgress) => {
      const percent = STAGE_PROGRESS[event.stage];
      events.emit({ type: 'progress', taskId: task.id, stage: event.stage, message: event.message, progress: percent });
      const now = Date.now();
      if (now - lastWrite < 1_000 && event.stage !== 'verifying' && event.stage !== 'saving') return;
      lastWrite = now;
      void this.tasks.recordProgress(task.id, this.workerId, percent, event.message).catch(() => undefined);
    };

    log.info('research started');
    try {
      const outcome = await this.deps.runner.run({ id: task.id, brief: briefOf(task) }, signal, {
        progress,
        stillOurs: () => this.tasks.isHeld(task.id, this.workerId),
        // Each hand-in is stored at once: counts and spending on the row, and the thread told.
        stored: async (tally) => {
          await this.tasks.recordTally(task.id, this.workerId, tally);
          events.emit({ type: 'contacts', taskId: task.id });
        },
      });
      if (await this.tasks.finish(task.id, this.workerId, outcome)) {
        events.emit({
          type: 'finished',
          taskId: task.id,
          status: outcome.status,
          error: outcome.status === 'failed' ? outcome.note : null,
        });
      }
      log.info(
        {
          created: outcome.created,
          merged: outcome.merged,
          rejected: outcome.rejected,
          tokens: outcome.usage,
          status: outcome.status,
          note: outcome.note,
        },
        'research ended',
      );
    } catch (error) {
      await this.settleFailure(task, error, controller.signal.reason, log);
    } finally {
      clearInterval(renew);
    }
  }

  private async settleFailure(task: ResearchTask, error: unknown, abortReason: unknown, log: Logger): Promise<void> {
    // What a failed task spent (and stored) is recorded too.
    const tally = error instanceof ResearchFailure ? error.tally : undefined;
    if (abortReason === SHUTDOWN) {
      // Not the task's fault: back to the queue for the next start (or another copy of the app).
      await this.tasks.requeue(task.id, this.workerId);
      log.info('research put back in the queue for the next start');
      return;
    }
    if (await this.tasks.settleCancelled(task.id, tally)) {
      log.info('research cancelled');
      return;
    }
    const message =
      error instanceof ResearchFailure ? error.message : 'the research failed unexpectedly; it has been logged';
    if (!(error instanceof ResearchFailure)) log.error({ err: error }, 'research failed unexpectedly');
    else log.warn({ reason: message }, 'research failed');
    if (await this.tasks.fail(task.id, this.workerId, message, tally))
      this.deps.events.emit({ type: 'finished', taskId: task.id, status: 'failed', error: message });
  }
}

const SHUTDOWN = 'the app is shutting down';

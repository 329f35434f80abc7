import cron, { type ScheduledTask } from 'node-cron';

import type { Logger } from '../logging/logger.js';
import type { SourceRecheckService } from '../research/source-recheck.service.js';

/** Runs the stale-source re-check on its cron (node-cron), like the digest scheduler; one run at a time. */
export class SourceRecheckScheduler {
  private task: ScheduledTask | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly deps: { recheck: SourceRecheckService; cron: string; timezone: string; logger: Logger },
  ) {}

  start(): void {
    this.task = cron.schedule(this.deps.cron, () => void this.run(), {
      timezone: this.deps.timezone,
      name: 'source-recheck',
      noOverlap: true,
    });
    this.deps.logger.info({ cron: this.deps.cron }, 'stale source re-check scheduled');
  }

  run(): Promise<void> {
    this.running ??= this.deps.recheck
      .run()
      .then((outcome) => this.deps.logger.info(outcome, 'stale sources re-checked'))
      .catch((error: unknown) => this.deps.logger.error({ err: error }, 'stale source re-check failed'))
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  async stop(): Promise<void> {
    await this.task?.stop();
    await this.running;
  }
}

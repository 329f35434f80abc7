import cron, { type ScheduledTask } from 'node-cron';

import type { DigestConfig } from '../config/config.js';
import type { DigestService } from '../digest/digest.service.js';
import type { Logger } from '../logging/logger.js';

/**
 * Runs the digest on DIGEST_CRON in DIGEST_TIMEZONE (node-cron), once at start (a digest missed
 * while the app was down goes out now, if its period has not passed), and again after a failed
 * post. Whether a run posts is the digest service's decision, so extra runs are harmless.
 */
export class DigestScheduler {
  private task: ScheduledTask | undefined;
  private retry: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly deps: {
      digests: DigestService;
      config: DigestConfig;
      logger: Logger;
      cron?: boolean;
      retryMs?: number;
    },
  ) {}

  start(): void {
    if (this.deps.cron !== false) {
      this.task = cron.schedule(this.deps.config.cron, () => this.run(), {
        timezone: this.deps.config.timezone,
        name: 'digest',
        noOverlap: true,
      });
      this.deps.logger.info(
        { cron: this.deps.config.cron, timezone: this.deps.config.timezone, channel: this.deps.config.channelId },
        'digest scheduled',
      );
    }
    void this.run(); // run() logs its own failures and never rejects
  }

  /** Runs now unless a run is under way; resolves when it ends. */
  run(): Promise<void> {
    this.running ??= this.deps.digests
      .runDue()
      .then((outcome) => {
        clearTimeout(this.retry);
        if (!this.stopped && (outcome === 'failed' || outcome === 'in-progress')) {
          this.retry = setTimeout(() => void this.run(), this.deps.retryMs ?? 60_000);
          this.retry.unref();
        }
      })
      .catch((error: unknown) => this.deps.logger.error({ err: error }, 'digest run failed'))
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.task?.stop();
    clearTimeout(this.retry);
    await this.running;
  }
}

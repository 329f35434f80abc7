import type { WebClient } from '@slack/web-api';

import type { HomeSummaryService } from '../home/home-summary.service.js';
import type { Logger } from '../logging/logger.js';
import type { ResearchEvents } from '../research/research-events.js';
import { appHomeView } from './blocks/app-home.builder.js';

/**
 * Publishes each person's App Home: when they open it, and when their data changes (a follow-up
 * done or snoozed, a confirmed change, their research finishing). Refreshes for one person are
 * coalesced: at most one publish in flight per person, plus one queued.
 */
export class AppHomePublisher {
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly deps: { client: WebClient; summaries: HomeSummaryService; events: ResearchEvents; logger: Logger },
  ) {}

  start(): void {
    this.unsubscribe = this.deps.events.subscribe((event) => {
      if (event.type !== 'finished') return;
      void this.deps.summaries
        .taskRequester(event.taskId)
        .then((userId) => (userId ? this.refresh(userId) : undefined))
        .catch((error: unknown) => this.deps.logger.warn({ err: error }, 'App Home not refreshed'));
    });
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    await Promise.allSettled([...this.inFlight.values()]);
  }

  /** Publishes `userId`'s Home now (or right after the publish in flight). Never throws. */
  refresh(userId: string): Promise<void> {
    const running = this.inFlight.get(userId);
    if (running) {
      this.again.add(userId);
      return running;
    }
    const job = this.publish(userId).finally(() => {
      this.inFlight.delete(userId);
      if (this.again.delete(userId)) void this.refresh(userId);
    });
    this.inFlight.set(userId, job);
    return job;
  }

  private async publish(userId: string): Promise<void> {
    try {
      const summary = await this.deps.summaries.summary(userId);
      await this.deps.client.views.publish({ user_id: userId, view: appHomeView(userId, summary) });
    } catch (error) {
      this.deps.logger.warn({ err: error, userId }, 'App Home not published');
    }
  }
}

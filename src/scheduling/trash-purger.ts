import type { ContactService } from '../crm/contacts/contact.service.js';
import type { Logger } from '../logging/logger.js';

/** Empties the trash of what is older than TRASH_RETENTION_DAYS: at start, then every hour. */
export class TrashPurger {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly deps: { contacts: ContactService; logger: Logger; everyMs?: number }) {}

  start(): void {
    const run = () => {
      this.running = this.deps.contacts
        .purgeTrash()
        .then((count) => {
          if (count > 0) this.deps.logger.info({ count }, `purged ${count} contact(s) from the trash`);
        })
        .catch((error: unknown) => this.deps.logger.warn({ err: error }, 'trash purge failed; will try again'));
    };
    run();
    this.timer = setInterval(run, this.deps.everyMs ?? 3_600_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}

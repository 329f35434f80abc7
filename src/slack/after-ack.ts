/**
 * Work a listener does after it has acknowledged Slack (posting, starting research), run at most
 * `limit` at a time, and only while no Slack request is waiting for its ack (up to `maxDelayMs`):
 * under a burst, acks come first and the follow-up work runs in the gaps and right after.
 * (Opening a modal is not put here: its trigger_id expires 3 s after the interaction.)
 */
export class AfterAckQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly limit: number,
    private readonly options: { isBusy?: () => boolean; maxDelayMs?: number; checkEveryMs?: number } = {},
  ) {}

  /** Runs `job` when a slot is free; the promise settles with the job. */
  run<T>(job: () => Promise<T>): Promise<T> {
    const queuedAt = Date.now();
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        this.running += 1;
        const attempt = () => {
          if (this.options.isBusy?.() && Date.now() - queuedAt < (this.options.maxDelayMs ?? 1_000)) {
            setTimeout(attempt, this.options.checkEveryMs ?? 10);
            return;
          }
          job()
            .then(resolve, reject)
            .finally(() => {
              this.running -= 1;
              this.waiting.shift()?.();
            });
        };
        attempt();
      };
      if (this.running < this.limit) setImmediate(start);
      else this.waiting.push(start);
    });
  }

  get pending(): number {
    return this.waiting.length + this.running;
  }

  /** Resolves once nothing is queued or running, or after `timeoutMs` (then with false). */
  async drain(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.pending > 0) {
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return true;
  }
}

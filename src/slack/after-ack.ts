/**
 * Work a listener does after it has acknowledged Slack (posting, opening modals, starting research),
 * run at most `limit` at a time. Under a burst, new requests are then parsed and acknowledged
 * between jobs instead of waiting behind every earlier request's follow-up work.
 */
export class AfterAckQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  /** Runs `job` when a slot is free; the promise settles with the job. */
  run<T>(job: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        this.running += 1;
        job()
          .then(resolve, reject)
          .finally(() => {
            this.running -= 1;
            this.waiting.shift()?.();
          });
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

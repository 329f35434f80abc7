/** What the queue yields to: Slack requests being read or answered (see RequestsInFlight). */
export interface RequestPressure {
  readonly busy: boolean;
  onIdle(listener: () => void): void;
}

export interface AfterAckOptions {
  /** Jobs running at once. */
  limit: number;
  /**
   * While this is busy, queued jobs wait (acks come first), each for at most `maxDeferMs`; a job
   * that has waited that long starts anyway, so follow-ups keep moving under sustained load.
   */
  yieldTo?: RequestPressure;
  /**
   * Default 2 s. A job may wait that long, so it must not need a trigger_id (valid 3 s from the
   * click): open modals in the listener, before queueing.
   */
  maxDeferMs?: number;
}

interface Waiting {
  start: () => void;
  queuedAt: number;
}

/**
 * Work a listener does after it has acknowledged Slack (posting, opening modals, starting research),
 * run at most `limit` at a time. Under a burst, new requests are read and acknowledged first: a
 * queued job starts when no Slack request is in flight, or once it has waited `maxDeferMs`. Slack
 * sees its acks within milliseconds; the follow-ups start a moment later, in the order they came.
 */
export class AfterAckQueue {
  private running = 0;
  private readonly waiting: Waiting[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly limit: number;
  private readonly yieldTo: RequestPressure | undefined;
  private readonly maxDeferMs: number;

  constructor(options: AfterAckOptions) {
    this.limit = options.limit;
    this.yieldTo = options.yieldTo;
    this.maxDeferMs = options.maxDeferMs ?? 2000;
    this.yieldTo?.onIdle(() => this.pump());
  }

  /** Runs `job` when a slot is free and Slack's requests allow; the promise settles with the job. */
  run<T>(job: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        this.running += 1;
        job()
          .then(resolve, reject)
          .finally(() => {
            this.running -= 1;
            this.pump();
          });
      };
      this.waiting.push({ start, queuedAt: performance.now() });
      setImmediate(() => this.pump());
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

  private pump(): void {
    while (this.running < this.limit && this.waiting.length > 0) {
      const waited = performance.now() - this.waiting[0]!.queuedAt;
      if (this.yieldTo?.busy && waited < this.maxDeferMs) {
        this.wakeIn(this.maxDeferMs - waited);
        return;
      }
      this.waiting.shift()!.start();
    }
  }

  /** One timer for the oldest job's deadline; idle moments and finished jobs pump sooner. */
  private wakeIn(ms: number): void {
    if (this.timer) return;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.pump();
      },
      Math.max(1, Math.ceil(ms)),
    );
    this.timer.unref();
  }
}

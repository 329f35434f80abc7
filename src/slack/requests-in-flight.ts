import type { RequestHandler } from 'express';

/** How long after the last Slack request the app counts as quiet: a burst's requests come closer. */
const QUIET_MS = 10;

/**
 * Whether Slack requests are being read or answered (HTTP mode): busy while any is in flight and for
 * a moment after the last one, with a signal once that moment has passed. The follow-up queue waits
 * for quiet before starting deferred work, so that a burst of commands is acknowledged first and
 * followed up after.
 */
export class RequestsInFlight {
  private count = 0;
  private lastChangeAt = 0;
  private quietTimer: NodeJS.Timeout | undefined;
  private readonly idleListeners: (() => void)[] = [];

  constructor(private readonly quietMs = QUIET_MS) {}

  get busy(): boolean {
    return this.count > 0 || performance.now() - this.lastChangeAt < this.quietMs;
  }

  onIdle(listener: () => void): void {
    this.idleListeners.push(listener);
  }

  /** Counts a request from its body being read (mount it after the body parser) until its response is sent or its socket closes. */
  middleware(): RequestHandler {
    return (_req, res, next) => {
      this.count += 1;
      this.lastChangeAt = performance.now();
      let done = false;
      const finished = () => {
        if (done) return;
        done = true;
        this.count -= 1;
        this.lastChangeAt = performance.now();
        if (this.count === 0) this.signalWhenQuiet();
      };
      res.once('finish', finished);
      res.once('close', finished);
      next();
    };
  }

  private signalWhenQuiet(): void {
    if (this.quietTimer) return;
    this.quietTimer = setTimeout(() => {
      this.quietTimer = undefined;
      if (this.count > 0) return;
      const left = this.quietMs - (performance.now() - this.lastChangeAt);
      if (left > 0) {
        this.signalWhenQuiet();
        return;
      }
      for (const listener of this.idleListeners) listener();
    }, this.quietMs);
    this.quietTimer.unref();
  }
}

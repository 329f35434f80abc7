import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import express, { type Request, type Response } from 'express';
import { describe, expect, it, vi } from 'vitest';

import { AfterAckQueue, type RequestPressure } from '../../../src/slack/after-ack.js';
import { RequestsInFlight } from '../../../src/slack/requests-in-flight.js';
import { eventually } from '../../support/eventually.js';

/** Pressure the test turns on and off by hand. */
function manualPressure(): RequestPressure & { set(busy: boolean): void } {
  let busy = false;
  const listeners: (() => void)[] = [];
  return {
    get busy() {
      return busy;
    },
    onIdle: (listener) => listeners.push(listener),
    set(value) {
      busy = value;
      if (!value) for (const listener of listeners) listener();
    },
  };
}

const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));

describe('AfterAckQueue', () => {
  it('starts jobs at once, at most `limit` at a time, when nothing presses', async () => {
    const queue = new AfterAckQueue({ limit: 2 });
    let running = 0;
    let most = 0;
    const job = async () => {
      running += 1;
      most = Math.max(most, running);
      await tick();
      running -= 1;
    };
    await Promise.all(Array.from({ length: 6 }, () => queue.run(job)));
    expect(most).toBe(2);
    expect(queue.pending).toBe(0);
  });

  it('holds follow-ups while Slack requests are in flight and runs them, in order, once it is quiet', async () => {
    const pressure = manualPressure();
    const queue = new AfterAckQueue({ limit: 4, yieldTo: pressure, maxDeferMs: 10_000 });
    pressure.set(true);
    const ran: number[] = [];
    const done = [1, 2, 3].map((n) => queue.run(async () => ran.push(n)));
    await tick(30);
    expect(ran).toEqual([]);
    expect(queue.pending).toBe(3);
    pressure.set(false);
    await Promise.all(done);
    expect(ran).toEqual([1, 2, 3]);
  });

  it('starts a job that has waited maxDeferMs even while requests keep coming', async () => {
    // A fake clock: the job must start exactly at its deadline, which a loaded machine's late
    // timers cannot blur (a real-time upper bound could).
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'performance'] });
    try {
      const pressure = manualPressure();
      const queue = new AfterAckQueue({ limit: 4, yieldTo: pressure, maxDeferMs: 40 });
      pressure.set(true);
      const started = performance.now();
      let ranAt: number | undefined;
      const done = queue.run(async () => {
        ranAt = performance.now();
      });
      await vi.advanceTimersByTimeAsync(39);
      expect(ranAt).toBeUndefined();
      expect(queue.pending).toBe(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(ranAt).toBe(started + 40);
      await done;
      expect(pressure.busy).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('settles with what the job returned or threw', async () => {
    const queue = new AfterAckQueue({ limit: 1, yieldTo: manualPressure() });
    await expect(queue.run(async () => 42)).resolves.toBe(42);
    await expect(queue.run(() => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(queue.pending).toBe(0);
  });
});

describe('RequestsInFlight', () => {
  it('is busy while a request is answered and for a quiet moment after, then signals idle', async () => {
    const quietMs = 20;
    const inFlight = new RequestsInFlight(quietMs);
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    // Read at the moment the response is sent (no wall-clock guess about when the client sees it).
    let answered: { busy: boolean; idleYet: boolean } | undefined;
    let idleAt = 0;
    const idle = new Promise<void>((resolve) =>
      inFlight.onIdle(() => {
        idleAt = performance.now();
        resolve();
      }),
    );
    // Resolved when the request has reached the handler (after the middleware counted it): waiting
    // for that instead of a fixed sleep, as a loaded machine may take longer to deliver it.
    let arrived: () => void = () => undefined;
    const reached = new Promise<void>((resolve) => (arrived = resolve));
    // Taken by a 'finish' listener that runs before the middleware's: no later than the moment the
    // quiet period starts from, so the bound below needs no allowance for time between listeners.
    let finishedAt = 0;
    const app = express();
    const beforeCounting: express.RequestHandler = (_req, res, next) => {
      res.once('finish', () => (finishedAt = performance.now()));
      next();
    };
    app.post('/slack/events', beforeCounting, inFlight.middleware(), (_req, res) => {
      res.once('finish', () => (answered = { busy: inFlight.busy, idleYet: idleAt > 0 }));
      arrived();
      void held.then(() => res.status(200).end());
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      expect(inFlight.busy).toBe(false);
      const answer = fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST' });
      await reached;
      // Busy from being counted, not from the quiet moment: still busy after more than quietMs.
      await tick(quietMs * 2);
      expect(inFlight.busy).toBe(true);
      expect(idleAt).toBe(0);
      release();
      expect((await answer).status).toBe(200);
      expect(answered).toMatchObject({ busy: true, idleYet: false });
      await idle;
      expect(inFlight.busy).toBe(false);
      // Idle is signalled no sooner than the quiet moment after the last response.
      expect(finishedAt).toBeGreaterThan(0);
      expect(idleAt - finishedAt).toBeGreaterThanOrEqual(quietMs);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('signals idle exactly quietMs after the last response, and a request in the quiet moment puts it off', async () => {
    // The middleware on bare emitters and a fake clock: the quiet moment is measured exactly, which
    // the HTTP test above cannot do on a busy machine (its event loop may be late by any amount).
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      const quietMs = 20;
      const inFlight = new RequestsInFlight(quietMs);
      let idles = 0;
      inFlight.onIdle(() => (idles += 1));
      const middleware = inFlight.middleware();
      const request = () => {
        const res = new EventEmitter();
        middleware({} as Request, res as unknown as Response, () => undefined);
        return res;
      };
      const first = request();
      expect(inFlight.busy).toBe(true);
      await vi.advanceTimersByTimeAsync(100);
      expect(inFlight.busy).toBe(true); // in flight: busy however long it takes
      first.emit('finish');
      first.emit('close'); // counted once
      await vi.advanceTimersByTimeAsync(quietMs - 1);
      expect(inFlight.busy).toBe(true);
      expect(idles).toBe(0);
      const second = request(); // during the quiet moment
      await vi.advanceTimersByTimeAsync(5);
      second.emit('close'); // its client went away
      await vi.advanceTimersByTimeAsync(quietMs - 1);
      expect(idles).toBe(0); // quietMs after the second, not the first
      await vi.advanceTimersByTimeAsync(1);
      expect(idles).toBe(1);
      expect(inFlight.busy).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('counts a request whose client went away as finished', async () => {
    const inFlight = new RequestsInFlight(5);
    let arrived: () => void = () => undefined;
    const reached = new Promise<void>((resolve) => (arrived = resolve));
    const app = express();
    app.post('/slack/events', inFlight.middleware(), () => {
      // Never answers: the client gives up.
      arrived();
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const aborted = new AbortController();
      const answer = fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', signal: aborted.signal }).catch(
        () => 'aborted',
      );
      await reached; // not a fixed sleep: a loaded machine may take longer to deliver the request
      await tick(20); // past the 5 ms quiet moment: busy because the request is counted
      expect(inFlight.busy).toBe(true);
      aborted.abort();
      expect(await answer).toBe('aborted');
      // The server sees the socket close a moment later (later still on a busy machine); a request
      // that was never counted as finished would keep it busy past any wait.
      await eventually(() => !inFlight.busy, 5_000, 'the aborted request to be counted as finished');
      expect(inFlight.busy).toBe(false);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

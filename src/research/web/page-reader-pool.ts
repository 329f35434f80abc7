import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

import type { PageStore } from '../agent/page-store.js';
import type { SubmittedContact } from '../agent/tools/submit-contacts.tool.js';
import type { VerificationOptions, VerificationReport } from '../verification/contact-verifier.js';
import type { PageForEventLoop } from './page-for-event-loop.js';
import type { WorkerJob } from './page-reader.worker.js';

/** A job without its id (Omit over each member of the union). */
type JobMessage = WorkerJob extends infer J ? (J extends unknown ? Omit<J, 'id'> : never) : never;

/**
 * A page read: trimmed for the event loop, with the whole page serialized for the verifier (see
 * page-for-event-loop.ts).
 */
export type ReadOutcome = ({ ok: true } & PageForEventLoop) | { ok: false; error: string };

export interface ReadOptions {
  signal?: AbortSignal;
  /** The charset of `body` when it is bytes (default utf-8). */
  charset?: string;
  /** How much unit text the event loop's copy of the page keeps (what the model can be shown; default 12,000). */
  unitChars?: number;
}

/** Reading and verifying pages, bounded in time: what the agent and the runner use. */
export interface PageReading {
  /** `body` as bytes in a buffer of their own is moved to the reading thread (the caller's copy is emptied). */
  read(url: string, body: string | Uint8Array, contentType: string, options?: ReadOptions): Promise<ReadOutcome>;
  verify(
    submitted: SubmittedContact[],
    store: PageStore,
    maxContacts: number,
    options?: VerificationOptions,
  ): Promise<VerificationReport>;
  /** Which of `quotes` the page still shows (see page-shows.ts); `body` as bytes is moved, as for `read`. */
  shows(
    url: string,
    body: string | Uint8Array,
    contentType: string,
    quotes: string[],
    options?: Omit<ReadOptions, 'unitChars'>,
  ): Promise<{ ok: true; shows: boolean[] } | { ok: false; error: string }>;
  /** Starts a reading thread now if none is there, so the first page does not wait for one. */
  warm?(): void;
  close(): Promise<void>;
}

/** Bytes that own their buffer are moved to the thread, not copied (a 3 MB copy costs the event loop). */
function movable(body: string | Uint8Array): ArrayBuffer[] {
  return typeof body !== 'string' &&
    body.byteOffset === 0 &&
    body.byteLength === body.buffer.byteLength &&
    body.buffer instanceof ArrayBuffer
    ? [body.buffer]
    : [];
}

export interface PageReaderPoolOptions {
  /** Threads at most (default: one less than the cores, between 1 and 2). */
  size?: number;
  /** Per page read; past it the thread is ended and the page is "could not be read". */
  readTimeoutMs?: number;
  /** Per verification of a submission. */
  verifyTimeoutMs?: number;
  /** Heap limit of each thread, in MB. */
  maxHeapMb?: number;
}

interface Job {
  message: JobMessage;
  timeoutMs: number;
  resolve: (value: { ok: true; result: unknown } | { ok: false; error: string }) => void;
  signal?: AbortSignal;
  /** Buffers moved to the thread with the message. */
  transfer: ArrayBuffer[];
}

interface Slot {
  worker: Worker;
  /** The thread has loaded its code: the time limit of a job starts only then. */
  ready: boolean;
  busy?: { id: number; job: Job; timer: NodeJS.Timeout; onAbort?: () => void };
}

/**
 * How to start the thread: the compiled worker in production; in development and tests (running
 * TypeScript) a bootstrap that registers tsx in the thread first.
 */
function startWorker(options: ConstructorParameters<typeof Worker>[1]): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./page-reader.worker.js', here), options);
  const tsx = pathToFileURL(
    createRequire(here)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const entry = new URL('./page-reader.worker.ts', here).href;
  return new Worker(
    `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`,
    { ...options, eval: true },
  );
}

/**
 * A small pool of worker threads for reading pages and verifying contacts. Each job has a time
 * limit: a thread still busy at the limit is terminated (which stops even a tight loop) and
 * replaced, and the job answers with an error. The event loop never runs page code.
 */
export class PageReaderPool implements PageReading {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  private readonly size: number;
  private readonly readTimeoutMs: number;
  private readonly verifyTimeoutMs: number;
  private readonly maxHeapMb: number;

  constructor(options: PageReaderPoolOptions = {}) {
    this.size = Math.max(1, options.size ?? Math.min(2, Math.max(1, availableParallelism() - 1)));
    this.readTimeoutMs = options.readTimeoutMs ?? 10_000;
    this.verifyTimeoutMs = options.verifyTimeoutMs ?? 30_000;
    this.maxHeapMb = options.maxHeapMb ?? 512;
  }

  async read(
    url: string,
    body: string | Uint8Array,
    contentType: string,
    options: ReadOptions = {},
  ): Promise<ReadOutcome> {
    const message: JobMessage = {
      kind: 'read',
      url,
      body,
      charset: options.charset ?? 'utf-8',
      contentType,
      unitChars: options.unitChars ?? 12_000,
    };
    const outcome = await this.run(message, this.readTimeoutMs, options.signal, movable(body));
    return outcome.ok ? { ok: true, ...(outcome.result as PageForEventLoop) } : { ok: false, error: outcome.error };
  }

  async shows(
    url: string,
    body: string | Uint8Array,
    contentType: string,
    quotes: string[],
    options: Omit<ReadOptions, 'unitChars'> = {},
  ): Promise<{ ok: true; shows: boolean[] } | { ok: false; error: string }> {
    const outcome = await this.run(
      { kind: 'shows', url, body, charset: options.charset ?? 'utf-8', contentType, quotes },
      this.readTimeoutMs,
      options.signal,
      movable(body),
    );
    return outcome.ok ? { ok: true, shows: outcome.result as boolean[] } : { ok: false, error: outcome.error };
  }

  async verify(
    submitted: SubmittedContact[],
    store: PageStore,
    maxContacts: number,
    options: VerificationOptions = {},
  ): Promise<VerificationReport> {
    // A page read in a thread goes as its shared serialized form (no copy); only pages read on the event loop are
    // cloned.
    const pages = store
      .entries()
      .map(({ requested, page, whole }) => (whole ? { requested, whole } : { requested, page }));
    const outcome = await this.run({ kind: 'verify', submitted, pages, maxContacts, options }, this.verifyTimeoutMs);
    if (!outcome.ok) throw new Error(`the contacts could not be checked: ${outcome.error}`);
    return outcome.result as VerificationReport;
  }

  warm(): void {
    if (!this.closed && this.slots.length === 0) this.spawn();
  }

  private run(
    message: JobMessage,
    timeoutMs: number,
    signal?: AbortSignal,
    transfer: ArrayBuffer[] = [],
  ): Promise<{ ok: true; result: unknown } | { ok: false; error: string }> {
    if (this.closed) return Promise.resolve({ ok: false, error: 'the page reader is shut down' });
    if (signal?.aborted) return Promise.resolve({ ok: false, error: 'stopped' });
    return new Promise((resolve) => {
      this.queue.push({ message, timeoutMs, resolve, signal, transfer });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const slot = this.slots.find((s) => s.ready && !s.busy);
      if (!slot && this.slots.length < this.size && !this.slots.some((s) => !s.ready)) this.spawn();
      if (!slot) return;
      const job = this.queue.shift()!;
      if (job.signal?.aborted) {
        job.resolve({ ok: false, error: 'stopped' });
        continue;
      }
      const id = this.nextId++;
      const timer = setTimeout(
        () => this.fail(slot, `took longer than ${Math.round(job.timeoutMs / 1000)} s to read`),
        job.timeoutMs,
      );
      timer.unref();
      const onAbort = () => this.fail(slot, 'stopped');
      job.signal?.addEventListener('abort', onAbort, { once: true });
      slot.busy = { id, job, timer, onAbort };
      slot.worker.postMessage({ ...job.message, id }, job.transfer);
    }
  }

  private spawn(): Slot {
    const worker = startWorker({ resourceLimits: { maxOldGenerationSizeMb: this.maxHeapMb, stackSizeMb: 8 } });
    worker.unref();
    const slot: Slot = { worker, ready: false };
    worker.on('message', (reply: { ready?: boolean; id: number; ok: boolean; result?: unknown; error?: string }) => {
      if (reply.ready) {
        slot.ready = true;
        this.dispatch();
        return;
      }
      if (!slot.busy || slot.busy.id !== reply.id) return;
      const { job } = slot.busy;
      this.release(slot);
      job.resolve(reply.ok ? { ok: true, result: reply.result } : { ok: false, error: reply.error ?? 'failed' });
      this.dispatch();
    });
    const startup = setTimeout(() => this.fail(slot, 'the reading thread did not start'), 60_000);
    startup.unref();
    worker.once('message', () => clearTimeout(startup));
    worker.on('error', (error) =>
      this.fail(slot, error.message.includes('memory') ? 'used too much memory' : `failed (${error.message})`),
    );
    worker.on('exit', () => this.fail(slot, 'the reading thread stopped'));
    this.slots.push(slot);
    return slot;
  }

  private release(slot: Slot): void {
    if (!slot.busy) return;
    clearTimeout(slot.busy.timer);
    if (slot.busy.onAbort) slot.busy.job.signal?.removeEventListener('abort', slot.busy.onAbort);
    slot.busy = undefined;
  }

  /** Ends a thread (busy past its limit, crashed, or its job cancelled) and answers its job. */
  private fail(slot: Slot, error: string): void {
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    if (index < 0) return;
    const job = slot.busy?.job;
    this.release(slot);
    void slot.worker.terminate().catch(() => undefined);
    job?.resolve({ ok: false, error });
    // A thread that cannot even start will not start next time either: answer the waiting jobs.
    if (!slot.ready) for (const waiting of this.queue.splice(0)) waiting.resolve({ ok: false, error });
    if (!this.closed) this.dispatch();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.resolve({ ok: false, error: 'the page reader is shut down' });
    await Promise.all(
      this.slots.splice(0).map(async (slot) => {
        const job = slot.busy?.job;
        this.release(slot);
        job?.resolve({ ok: false, error: 'the page reader is shut down' });
        await slot.worker.terminate().catch(() => undefined);
      }),
    );
  }
}

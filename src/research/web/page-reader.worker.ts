/**
 * The page reading thread: reads pages and verifies submissions away from the event loop, so a
 * hostile page can slow only this thread (which the pool ends at its time limit). A page comes in
 * as bytes (moved, not copied) and goes back trimmed, with the whole page serialized alongside for
 * the verifier (see page-for-event-loop.ts).
 */
import { parentPort } from 'node:worker_threads';

import { PageStore } from '../agent/page-store.js';
import type { SubmittedContact } from '../agent/tools/submit-contacts.tool.js';
import { verifyContacts, type VerificationOptions } from '../verification/contact-verifier.js';
import { OpenedPages } from './opened-pages.js';
import { decodeBody } from './page-fetcher.js';
import { pageForEventLoop } from './page-for-event-loop.js';
import { readPage, type ReadPage } from './page-reader.js';
import { pageShows } from './page-shows.js';

export type WorkerJob =
  | {
      id: number;
      kind: 'read';
      url: string;
      body: string | Uint8Array;
      charset: string;
      contentType: string;
      unitChars: number;
    }
  | {
      id: number;
      kind: 'shows';
      url: string;
      body: string | Uint8Array;
      charset: string;
      contentType: string;
      quotes: string[];
    }
  | {
      id: number;
      kind: 'verify';
      submitted: SubmittedContact[];
      /** Each page as the event loop has it, or (read in a thread) serialized whole. */
      pages: { requested: string[]; page?: ReadPage; whole?: SharedArrayBuffer }[];
      maxContacts: number;
      options: VerificationOptions;
    };

const opened = new OpenedPages();

parentPort?.on('message', (job: WorkerJob) => {
  try {
    if (job.kind === 'read' || job.kind === 'shows') {
      const text = typeof job.body === 'string' ? job.body : decodeBody(job.body, job.charset);
      const page = readPage(job.url, text, job.contentType);
      parentPort!.postMessage({
        id: job.id,
        ok: true,
        result: job.kind === 'read' ? pageForEventLoop(page, job.unitChars) : pageShows(page, job.quotes),
      });
      return;
    }
    const store = new PageStore();
    for (const { requested, page, whole } of job.pages) {
      const full = whole ? opened.open(whole) : page;
      if (full) for (const url of requested) store.add(url, full);
    }
    parentPort!.postMessage({
      id: job.id,
      ok: true,
      result: verifyContacts(job.submitted, store, job.maxContacts, job.options),
    });
  } catch (error) {
    parentPort!.postMessage({ id: job.id, ok: false, error: error instanceof Error ? error.message : String(error) });
  }
});

parentPort?.postMessage({ ready: true });

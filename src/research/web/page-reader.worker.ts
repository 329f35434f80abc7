/**
 * The page reading thread: reads pages and verifies submissions away from the event loop, so a
 * hostile page can slow only this thread (which the pool ends at its time limit).
 */
import { parentPort } from 'node:worker_threads';
import { PageStore } from '../agent/page-store.js';
import type { SubmittedContact } from '../agent/tools/submit-contacts.tool.js';
import { verifyContacts } from '../verification/contact-verifier.js';
import type { VerificationOptions } from '../verification/contact-verifier.js';
import { readPage } from './page-reader.js';
import type { ReadPage } from './page-reader.js';

export type WorkerJob =
  | { id: number; kind: 'read'; url: string; body: string; contentType: string }
  | { id: number; kind: 'verify'; submitted: SubmittedContact[]; pages: { requested: string[]; page: ReadPage }[]; maxContacts: number; options: VerificationOptions };

parentPort?.on('message', (job: WorkerJob) => {
  try {
    if (job.kind === 'read') {
      parentPort!.postMessage({ id: job.id, ok: true, result: readPage(job.url, job.body, job.contentType) });
      return;
    }
    const store = new PageStore();
    for (const { requested, page } of job.pages) for (const url of requested) store.add(url, page);
    parentPort!.postMessage({ id: job.id, ok: true, result: verifyContacts(job.submitted, store, job.maxContacts, job.options) });
  } catch (error) {
    parentPort!.postMessage({ id: job.id, ok: false, error: error instanceof Error ? error.message : String(error) });
  }
});

parentPort?.postMessage({ ready: true });

import { createHash } from 'node:crypto';
import { deserialize } from 'node:v8';

import type { ReadPage } from './page-reader.js';

/**
 * Whole pages a verifying thread has opened, by the hash of their serialized bytes (the event loop
 * sends the same bytes each time; a hash costs a fiftieth of opening them). A task verifies each
 * hand-in against the same pages: opening every page again for each one cost more than the
 * verification itself, and its garbage a third of the thread's time. The most recently used
 * `limit` pages are kept.
 */
export class OpenedPages {
  private readonly pages = new Map<string, ReadPage>();

  constructor(private readonly limit = 32) {}

  open(whole: SharedArrayBuffer): ReadPage {
    const bytes = new Uint8Array(whole);
    const key = createHash('sha256').update(bytes).digest('base64');
    let page = this.pages.get(key);
    if (page) this.pages.delete(key);
    else page = deserialize(bytes) as ReadPage;
    this.pages.set(key, page);
    if (this.pages.size > this.limit) this.pages.delete(this.pages.keys().next().value!);
    return page;
  }

  get size(): number {
    return this.pages.size;
  }
}

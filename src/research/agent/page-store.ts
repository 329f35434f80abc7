import { randomBytes } from 'node:crypto';

import type { ReadPage } from '../web/page-reader.js';

/** The pages the agent read in one task: the only ground facts may stand on. */
export class PageStore {
  private readonly byUrl = new Map<string, ReadPage>();
  /**
   * Pages read in a worker thread: the whole page, serialized, for the verifier's thread (see page-for-event-loop.ts).
   */
  private readonly whole = new Map<ReadPage, SharedArrayBuffer>();
  /**
   * A per-task random word that marks where a page's text begins and ends in what the model
   * sees: a page cannot close its own frame without knowing it.
   */
  readonly boundary = randomBytes(9).toString('base64url');

  /**
   * `whole`: when `page` is the event loop's trimmed copy, the whole page serialized (v8) by the thread that read it.
   */
  add(requestedUrl: string, page: ReadPage, whole?: SharedArrayBuffer): void {
    if (whole) this.whole.set(page, whole);
    this.byUrl.set(normalizeUrl(requestedUrl), page);
    this.byUrl.set(normalizeUrl(page.url), page);
  }

  get(url: string): ReadPage | undefined {
    return this.byUrl.get(normalizeUrl(url));
  }

  has(url: string): boolean {
    return this.byUrl.has(normalizeUrl(url));
  }

  /** Each page once, with every URL it was asked for by. */
  entries(): { requested: string[]; page: ReadPage; whole?: SharedArrayBuffer }[] {
    const byPage = new Map<ReadPage, string[]>();
    for (const [url, page] of this.byUrl) byPage.set(page, [...(byPage.get(page) ?? []), url]);
    return [...byPage].map(([page, requested]) => ({
      requested,
      page,
      ...(this.whole.has(page) ? { whole: this.whole.get(page)! } : {}),
    }));
  }

  /** Each page once. */
  pages(): ReadPage[] {
    return [...new Set(this.byUrl.values())];
  }

  get size(): number {
    return this.pages().length;
  }
}

/** URLs that differ only by fragment, default port or a trailing slash name the same page. */
export function normalizeUrl(raw: string): string {
  try {
    const url = new URL(raw.trim());
    url.hash = '';
    if (url.pathname.length > 1) url.pathname = url.pathname.replace(/\/+$/, '');
    return url.toString();
  } catch {
    return raw.trim();
  }
}

import type { Db } from '../db/database.js';
import type { Logger } from '../logging/logger.js';
import type { PageFetcher } from './web/page-fetcher.js';
import type { PageReading } from './web/page-reader-pool.js';

export interface RecheckOutcome {
  pages: number;
  /** Sources whose page still shows the quote. */
  confirmed: number;
  /** Sources whose page no longer shows it (or is gone): flagged with `missingSince`. */
  flagged: number;
  /** Pages that could not be read for a reason that says nothing about the fact (timeout, 5xx): left alone. */
  unreachable: number;
}

/** At most this many pages per run, so that one run stays short. */
const PAGES_PER_RUN = 200;

/**
 * The stale-contact re-check (ENRICH_STALE_AFTER_DAYS): the pages behind sources older than that
 * are fetched again; a source whose quote the page still shows is confirmed (its date renewed), one
 * whose page no longer shows it — or answers 404/410 — is flagged (`missingSince`), so the fact
 * it backed is marked as no longer shown. A page that cannot be reached for other reasons (a time
 * out, a 5xx) changes nothing.
 */
export class SourceRecheckService {
  /**
   * `reader`: pages are read off the event loop, with its time limit (a page past it is left alone, as an unreachable
   * one).
   */
  constructor(
    private readonly deps: {
      db: Db;
      fetcher: PageFetcher;
      reader: PageReading;
      staleAfterDays: number;
      clock: () => Date;
      logger: Logger;
    },
  ) {}

  async run(): Promise<RecheckOutcome> {
    const now = this.deps.clock();
    const before = new Date(now.getTime() - this.deps.staleAfterDays * 86_400_000);
    const stale = await this.deps.db.researchSource.findMany({
      where: { fetchedAt: { lte: before }, OR: [{ missingSince: null }, { missingSince: { lte: before } }] },
      orderBy: { fetchedAt: 'asc' },
      select: { id: true, url: true, quote: true },
      take: PAGES_PER_RUN * 20,
    });
    const byUrl = new Map<string, { id: string; quote: string }[]>();
    for (const s of stale) {
      if (!byUrl.has(s.url) && byUrl.size >= PAGES_PER_RUN) continue;
      byUrl.set(s.url, [...(byUrl.get(s.url) ?? []), s]);
    }
    const outcome: RecheckOutcome = { pages: byUrl.size, confirmed: 0, flagged: 0, unreachable: 0 };
    for (const [url, sources] of byUrl) {
      const fetched = await this.deps.fetcher.fetch(url, AbortSignal.timeout(60_000));
      let shows: boolean[];
      if (fetched.ok) {
        const quotes = sources.map((s) => s.quote);
        const { url: pageUrl, bytes, charset, contentType } = fetched.page;
        const checked = await this.deps.reader.shows(pageUrl, bytes, contentType, quotes, { charset });
        if (!checked.ok) {
          outcome.unreachable += 1;
          continue;
        }
        shows = checked.shows;
      } else if (!/HTTP (404|410)\b/.test(fetched.error)) {
        outcome.unreachable += 1;
        continue;
      } else shows = sources.map(() => false);
      const shown = sources.filter((_, i) => shows[i]);
      const gone = sources.filter((s) => !shown.includes(s));
      if (shown.length > 0)
        await this.deps.db.researchSource.updateMany({
          where: { id: { in: shown.map((s) => s.id) } },
          data: { fetchedAt: now, missingSince: null },
        });
      if (gone.length > 0) {
        await this.deps.db.researchSource.updateMany({
          where: { id: { in: gone.map((s) => s.id) }, missingSince: null },
          data: { missingSince: now },
        });
        this.deps.logger.info({ url, sources: gone.length }, 'source page no longer shows its facts');
      }
      outcome.confirmed += shown.length;
      outcome.flagged += gone.length;
    }
    return outcome;
  }
}

import { z } from 'zod';

import {
  cleanResults,
  requestJson,
  SearchError,
  type SearchOptions,
  type SearchProvider,
  type SearchResult,
} from './search-provider.js';

const BraveResponse = z.object({
  web: z
    .object({
      results: z.array(
        z.object({ url: z.string(), title: z.string().catch(''), description: z.string().nullish().catch('') }),
      ),
    })
    .optional(),
});

/** Brave Search API (`GET /res/v1/web/search`, `X-Subscription-Token`). */
export class BraveSearch implements SearchProvider {
  readonly name = 'brave';
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
    private readonly timeoutMs: number,
  ) {}

  async search(query: string, options: SearchOptions): Promise<SearchResult[]> {
    const url = new URL(`${this.baseUrl}/res/v1/web/search`);
    url.searchParams.set('q', query);
    url.searchParams.set('count', String(Math.min(20, options.limit)));
    const body = await requestJson(url.toString(), {
      method: 'GET',
      timeoutMs: this.timeoutMs,
      signal: options.signal,
      provider: 'Brave Search',
      headers: { accept: 'application/json', 'x-subscription-token': this.apiKey },
    });
    const parsed = BraveResponse.safeParse(body);
    if (!parsed.success) throw new SearchError('Brave Search answered in an unexpected shape', false);
    return cleanResults(
      (parsed.data.web?.results ?? []).map((r) => ({
        url: r.url,
        title: r.title,
        snippet: (r.description ?? '').replace(/<[^>]+>/g, ''),
      })),
      options.limit,
    );
  }
}

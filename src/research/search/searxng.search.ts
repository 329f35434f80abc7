import { z } from 'zod';

import {
  cleanResults,
  requestJson,
  SearchError,
  type SearchOptions,
  type SearchProvider,
  type SearchResult,
} from './search-provider.js';

const SearxngResponse = z.object({
  results: z.array(z.object({ url: z.string(), title: z.string().catch(''), content: z.string().nullish().catch('') })),
});

/** A self-hosted SearXNG instance (its JSON API: `GET /search?q=…&format=json`). */
export class SearxngSearch implements SearchProvider {
  readonly name = 'searxng';
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs: number,
  ) {}

  async search(query: string, options: SearchOptions): Promise<SearchResult[]> {
    const url = new URL(`${this.baseUrl}/search`);
    url.searchParams.set('q', query);
    url.searchParams.set('format', 'json');
    const body = await requestJson(url.toString(), {
      method: 'GET',
      timeoutMs: this.timeoutMs,
      signal: options.signal,
      provider: 'SearXNG',
      headers: { accept: 'application/json' },
    });
    const parsed = SearxngResponse.safeParse(body);
    if (!parsed.success) throw new SearchError('SearXNG answered in an unexpected shape', false);
    return cleanResults(
      parsed.data.results.map((r) => ({ url: r.url, title: r.title, snippet: r.content ?? '' })),
      options.limit,
    );
  }
}

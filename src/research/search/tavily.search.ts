import { z } from 'zod';

import {
  cleanResults,
  requestJson,
  SearchError,
  type SearchOptions,
  type SearchProvider,
  type SearchResult,
} from './search-provider.js';

const TavilyResponse = z.object({
  results: z.array(z.object({ url: z.string(), title: z.string().catch(''), content: z.string().nullish().catch('') })),
});

/** Tavily (`POST /search`, bearer key). */
export class TavilySearch implements SearchProvider {
  readonly name = 'tavily';
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
    private readonly timeoutMs: number,
  ) {}

  async search(query: string, options: SearchOptions): Promise<SearchResult[]> {
    const body = await requestJson(`${this.baseUrl}/search`, {
      method: 'POST',
      timeoutMs: this.timeoutMs,
      signal: options.signal,
      provider: 'Tavily',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.apiKey}` },
      body: JSON.stringify({ query, max_results: Math.min(20, options.limit), search_depth: 'basic' }),
    });
    const parsed = TavilyResponse.safeParse(body);
    if (!parsed.success) throw new SearchError('Tavily answered in an unexpected shape', false);
    return cleanResults(
      parsed.data.results.map((r) => ({ url: r.url, title: r.title, snippet: r.content ?? '' })),
      options.limit,
    );
  }
}

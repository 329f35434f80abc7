import type OpenAI from 'openai';

import type { SearchConfig } from '../../config/config.js';
import type { ResearchUsage } from '../llm/usage.js';
import { BraveSearch } from './brave.search.js';
import { OpenAIWebSearch } from './openai-web.search.js';
import { SearxngSearch } from './searxng.search.js';
import { TavilySearch } from './tavily.search.js';

export interface SearchResult {
  url: string;
  title: string;
  snippet: string;
}

/** A web search backend. Implementations answer in this one shape and throw `SearchError`. */
export interface SearchProvider {
  readonly name: string;
  search(query: string, options: SearchOptions): Promise<SearchResult[]>;
}

export interface SearchOptions {
  limit: number;
  signal?: AbortSignal;
  /** Where a search that runs a model (OpenAI's hosted web search) adds the tokens it spent. */
  usage?: ResearchUsage;
}

export class SearchError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'SearchError';
  }
}

export function createSearchProvider(
  config: SearchConfig,
  options: { timeoutMs: number; openai?: () => OpenAI },
): SearchProvider {
  switch (config.provider) {
    case 'openai':
      if (!options.openai) throw new Error('SEARCH_PROVIDER=openai needs the OpenAI client');
      return new OpenAIWebSearch(options.openai(), config.model);
    case 'searxng':
      return new SearxngSearch(config.url, options.timeoutMs);
    case 'brave':
      return new BraveSearch(config.url, config.apiKey, options.timeoutMs);
    case 'tavily':
      return new TavilySearch(config.url, config.apiKey, options.timeoutMs);
  }
}

const RETRY_DELAYS_MS = [500, 1500];

/**
 * One HTTP call to a search API: JSON back, a time limit, and up to two retries with backoff on
 * 429 and 5xx (honouring Retry-After, capped at 5 s).
 */
export async function requestJson(
  url: string,
  init: RequestInit & { timeoutMs: number; signal?: AbortSignal; provider: string },
): Promise<unknown> {
  for (let attempt = 0; ; attempt += 1) {
    const deadline = AbortSignal.timeout(init.timeoutMs);
    let response: Response;
    try {
      response = await fetch(url, {
        ...init,
        signal: init.signal ? AbortSignal.any([init.signal, deadline]) : deadline,
      });
    } catch (error) {
      if (init.signal?.aborted) throw error;
      if (attempt < RETRY_DELAYS_MS.length) {
        await sleep(RETRY_DELAYS_MS[attempt]!, init.signal);
        continue;
      }
      throw new SearchError(`${init.provider} did not answer${deadline.aborted ? ' in time' : ''}`, true);
    }
    if (response.status === 429 || response.status >= 500) {
      await response.body?.cancel();
      if (attempt < RETRY_DELAYS_MS.length) {
        const retryAfter = Number(response.headers.get('retry-after'));
        await sleep(
          Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter * 1000, 5000) : RETRY_DELAYS_MS[attempt]!,
          init.signal,
        );
        continue;
      }
      throw new SearchError(`${init.provider} answered HTTP ${response.status}`, true);
    }
    if (!response.ok) {
      await response.body?.cancel();
      const hint =
        response.status === 403 && init.provider === 'SearXNG'
          ? ' (is "json" enabled in its search.formats?)'
          : response.status === 401
            ? ' (check the API key)'
            : '';
      throw new SearchError(`${init.provider} answered HTTP ${response.status}${hint}`, false);
    }
    try {
      return await response.json();
    } catch {
      throw new SearchError(`${init.provider} answered with something that is not JSON`, true);
    }
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- an aborted wait rejects with the signal's own reason, as fetch does
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

/** Keeps results with an http(s) URL, each URL once, up to `limit`. */
export function cleanResults(results: SearchResult[], limit: number): SearchResult[] {
  const seen = new Set<string>();
  return results
    .filter((r) => {
      if (!/^https?:\/\//i.test(r.url) || seen.has(r.url)) return false;
      seen.add(r.url);
      return true;
    })
    .slice(0, limit)
    .map((r) => ({ url: r.url, title: r.title.slice(0, 300), snippet: r.snippet.slice(0, 500) }));
}

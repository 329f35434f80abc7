import type OpenAI from 'openai';
import { z } from 'zod';

import { withCallSignal } from '../llm/call-signal.js';
import { addModelUsage } from '../llm/usage.js';
import {
  cleanResults,
  SearchError,
  type SearchOptions,
  type SearchProvider,
  type SearchResult,
} from './search-provider.js';

// Only what discovery needs from a Responses API answer: the web_search_call's sources and the
// url_citation annotations (https://platform.openai.com/docs/guides/tools-web-search). Everything
// else — the hosted model's prose above all — is dropped: it is never evidence.
const Source = z.object({ url: z.string() });
const Annotation = z.object({ type: z.string(), url: z.string().optional(), title: z.string().nullish() });
const Item = z.object({
  type: z.string(),
  action: z
    .object({ sources: z.array(Source).nullish().catch(null) })
    .nullish()
    .catch(null),
  content: z
    .array(z.object({ annotations: z.array(Annotation).nullish().catch(null) }))
    .nullish()
    .catch(null),
});
const Output = z.array(Item);

/**
 * SEARCH_PROVIDER=openai: OpenAI's hosted `web_search` tool on the Responses API, for discovery
 * only — it hands the agent URLs and titles to read with fetch_page. Needs nothing but the
 * OpenAI key. The SDK retries 429 and 5xx (honouring Retry-After) before an error reaches here.
 */
export class OpenAIWebSearch implements SearchProvider {
  readonly name = 'openai';
  constructor(
    private readonly openai: OpenAI,
    private readonly model: string,
  ) {}

  async search(query: string, options: SearchOptions): Promise<SearchResult[]> {
    let response: { output?: unknown; usage?: unknown };
    try {
      response = await withCallSignal(options.signal, (signal) =>
        this.openai.responses.create(
          {
            model: this.model,
            tools: [{ type: 'web_search' }],
            tool_choice: 'required',
            include: ['web_search_call.action.sources'],
            input: `Search the web for: ${query}\nList the pages you found; do not summarise them.`,
          },
          { signal },
        ),
      );
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw new SearchError(describe(error), retryableError(error));
    }
    if (options.usage) {
      addModelUsage(options.usage, response.usage as Parameters<typeof addModelUsage>[1]);
      options.usage.modelCalls -= 1; // a search, counted in searchCalls, not a turn of the agent
    }
    const parsed = Output.safeParse(response.output);
    if (!parsed.success) throw new SearchError('OpenAI web search answered in an unexpected shape', false);
    const titles = new Map<string, string>();
    const urls: string[] = [];
    for (const item of parsed.data) {
      if (item.type === 'web_search_call') for (const s of item.action?.sources ?? []) urls.push(s.url);
      if (item.type === 'message') {
        for (const part of item.content ?? []) {
          for (const a of part.annotations ?? []) {
            if (a.type !== 'url_citation' || !a.url) continue;
            urls.push(a.url);
            if (a.title) titles.set(a.url, a.title);
          }
        }
      }
    }
    return cleanResults(
      urls.map((url) => ({ url: stripTracking(url), title: titles.get(url) ?? hostOf(url), snippet: '' })),
      options.limit,
    );
  }
}

/** OpenAI adds `utm_source=openai` to cited links. */
function stripTracking(raw: string): string {
  try {
    const url = new URL(raw);
    url.searchParams.delete('utm_source');
    return url.toString();
  } catch {
    return raw;
  }
}

const hostOf = (raw: string) => {
  try {
    return new URL(raw).hostname;
  } catch {
    return raw;
  }
};

const statusOf = (error: unknown) => (error as { status?: unknown })?.status;

function retryableError(error: unknown): boolean {
  const status = statusOf(error);
  return typeof status !== 'number' || status === 429 || status >= 500;
}

function describe(error: unknown): string {
  const status = statusOf(error);
  if (status === 429) return 'OpenAI web search is rate-limiting us (HTTP 429), even after retries';
  if (status === 401 || status === 403) return `OpenAI web search refused the API key (HTTP ${status})`;
  if (status === 400 || status === 404)
    return `OpenAI web search is not available for this key or model (HTTP ${status}; check OPENAI_SEARCH_MODEL)`;
  if (typeof status === 'number') return `OpenAI web search failed (HTTP ${status})`;
  return 'OpenAI web search could not be reached';
}

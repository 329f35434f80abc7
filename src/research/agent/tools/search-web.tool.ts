import { z } from 'zod';

import { SearchError } from '../../search/search-provider.js';
import { defineTool } from './tool.js';

const args = z.object({
  query: z
    .string()
    .trim()
    .min(2)
    .max(300)
    .describe('What to search the web for, as you would type it into a search engine.'),
});

export const searchWebTool = defineTool({
  name: 'search_web',
  description:
    'Search the web. Returns result titles, URLs and snippets. Snippets are not sources: read a page with fetch_page before relying on it.',
  args,
  async run({ query }, context) {
    context.progress({ stage: 'searching', message: `Searching the web for “${query}”` });
    try {
      context.usage.searchCalls += 1;
      const results = await context.search.search(query, {
        limit: context.limits.searchResults,
        signal: context.signal,
        usage: context.usage,
      });
      if (results.length === 0) return `No results for "${query}". Try other words.`;
      return results.map((r, i) => `${i + 1}. ${r.title}\n   ${r.url}\n   ${r.snippet}`).join('\n');
    } catch (error) {
      if (error instanceof SearchError)
        return `Search failed: ${error.message}.${error.retryable ? ' You may try again.' : ''}`;
      throw error;
    }
  },
});

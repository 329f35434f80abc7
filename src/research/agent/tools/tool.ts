import { z } from 'zod';
import type { PageFetcher } from '../../web/page-fetcher.js';
import type { PageReading } from '../../web/page-reader-pool.js';
import type { SearchProvider } from '../../search/search-provider.js';
import type { PageStore } from '../page-store.js';
import type { ResearchProgress } from '../research-progress.js';

/** What a tool may use: given by the agent loop, nothing global. */
export interface ToolContext {
  search: SearchProvider;
  fetcher: PageFetcher;
  /** Reads pages off the event loop with a time limit (absent: read in this thread). */
  reader?: PageReading;
  pages: PageStore;
  signal: AbortSignal;
  progress: (event: ResearchProgress) => void;
  limits: { maxPages: number; maxPageChars: number; searchResults: number };
}

export interface AgentTool<Args> {
  name: string;
  description: string;
  args: z.ZodType<Args>;
  /** The result as text for the model. */
  run(args: Args, context: ToolContext): Promise<string>;
}

/** The OpenAI function-tool declaration, with the JSON schema made from the tool's zod schema. */
export function toolDeclaration(tool: AgentTool<unknown>) {
  const { $schema: _schema, ...parameters } = z.toJSONSchema(tool.args, { io: 'input' }) as Record<string, unknown>;
  return { type: 'function' as const, function: { name: tool.name, description: tool.description, parameters } };
}

import { z } from 'zod';

import type { ResearchUsage } from '../../llm/usage.js';
import type { SearchProvider } from '../../search/search-provider.js';
import type { PageFetcher } from '../../web/page-fetcher.js';
import type { PageReading } from '../../web/page-reader-pool.js';
import type { PageStore } from '../page-store.js';
import type { ResearchProgress } from '../research-progress.js';
import type { SubmittedContact } from './submit-contacts.tool.js';

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
  /** Counts searches (and the tokens a hosted search spends). */
  usage: ResearchUsage;
  /** Verifies and stores one submit_contacts call's people at once; the answer is for the model. */
  submit: (contacts: SubmittedContact[]) => Promise<string>;
}

/** The model's arguments checked: the tool ready to run on them, or what was wrong with them. */
export type PreparedCall<Args> =
  { ok: true; args: Args; run: (context: ToolContext) => Promise<string> } | { ok: false; problems: string[] };

/** A tool of the research agent, as the agent loop sees it (made by `defineTool`). */
export interface AgentTool<Args = unknown> {
  name: string;
  description: string;
  args: z.ZodType<Args>;
  /** A valid call of this tool ends the research (after the turn's other calls). */
  endsRun: boolean;
  /** Checks the model's arguments (JSON already parsed) against `args`. */
  prepare(raw: unknown): PreparedCall<Args>;
}

export interface ToolDefinition<Args> {
  name: string;
  description: string;
  /** The arguments' zod schema: `Args` is inferred from its output. */
  args: z.ZodType<Args>;
  endsRun?: boolean;
  /** The result as text for the model. */
  run: (args: Args, context: ToolContext) => Promise<string>;
}

/** A research tool whose arguments' type is the output of its zod schema. List it in `tools/index.ts`. */
export function defineTool<Args>(
  definition: ToolDefinition<Args>,
): AgentTool<Args> & Pick<ToolDefinition<Args>, 'run'> {
  const { name, description, args, endsRun = false, run } = definition;
  return {
    name,
    description,
    args,
    endsRun,
    run,
    prepare(raw) {
      const parsed = args.safeParse(raw);
      if (!parsed.success)
        return {
          ok: false,
          problems: parsed.error.issues.slice(0, 10).map((i) => `${i.path.join('.') || '(arguments)'}: ${i.message}`),
        };
      return { ok: true, args: parsed.data, run: (context) => run(parsed.data, context) };
    },
  };
}

/** Keywords strict mode does not take (https://platform.openai.com/docs/guides/structured-outputs#supported-schemas); zod checks them after. */
const NOT_STRICT = new Set(['minLength', 'maxLength', 'minItems', 'maxItems', 'format', 'pattern', 'default']);

/** Every object closed (`additionalProperties: false`); in strict mode, the unsupported keywords left out. */
function closeObjects(schema: unknown, strict: boolean): unknown {
  if (Array.isArray(schema)) return schema.map((s) => closeObjects(s, strict));
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (strict && NOT_STRICT.has(key)) continue;
    out[key] =
      key === 'properties' && value && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, closeObjects(v, strict)]),
          )
        : closeObjects(value, strict);
  }
  if (out.type === 'object') out.additionalProperties = false;
  return out;
}

/**
 * The OpenAI function-tool declaration, with the JSON schema made from the tool's zod schema:
 * closed objects always; `strict: true` where the server supports it (every field is required
 * there — optional facts are nullable, never missing).
 */
export function toolDeclaration(tool: AgentTool, options: { strict?: boolean } = {}) {
  const { $schema: _schema, ...parameters } = z.toJSONSchema(tool.args, { io: 'input' }) as Record<string, unknown>;
  const strict = options.strict ?? false;
  return {
    type: 'function' as const,
    function: {
      name: tool.name,
      description: tool.description,
      parameters: closeObjects(parameters, strict) as Record<string, unknown>,
      ...(strict ? { strict: true } : {}),
    },
  };
}

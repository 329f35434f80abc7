import type OpenAI from 'openai';
import type { ChatCompletionMessageParam, ChatCompletionMessageToolCall } from 'openai/resources/chat/completions';
import type { PageFetcher } from '../web/page-fetcher.js';
import type { PageReading } from '../web/page-reader-pool.js';
import type { SearchProvider } from '../search/search-provider.js';
import { PageStore } from './page-store.js';
import type { ResearchProgress } from './research-progress.js';
import { briefMessage, lastStepsWarning, NUDGE, systemPrompt } from './system-prompt.js';
import type { ResearchBrief } from './system-prompt.js';
import { fetchPageTool } from './tools/fetch-page.tool.js';
import { searchWebTool } from './tools/search-web.tool.js';
import { submitContactsTool } from './tools/submit-contacts.tool.js';
import type { SubmittedContact } from './tools/submit-contacts.tool.js';
import { toolDeclaration } from './tools/tool.js';
import type { AgentTool, ToolContext } from './tools/tool.js';

export interface AgentDependencies {
  openai: OpenAI;
  model: string;
  search: SearchProvider;
  fetcher: PageFetcher;
  reader?: PageReading;
  maxSteps: number;
  limits?: Partial<ToolContext['limits']>;
}

export interface AgentUsage {
  promptTokens: number;
  completionTokens: number;
  modelCalls: number;
}

export interface AgentResult {
  contacts: SubmittedContact[];
  pages: PageStore;
  usage: AgentUsage;
  steps: number;
}

/** The agent ended without a submission: the reason is for people to read. */
export class AgentStoppedError extends Error {
  constructor(
    message: string,
    readonly usage: AgentUsage,
  ) {
    super(message);
    this.name = 'AgentStoppedError';
  }
}

const TOOLS = [searchWebTool, fetchPageTool, submitContactsTool] as AgentTool<unknown>[];
const DECLARATIONS = TOOLS.map(toolDeclaration);
const MAX_NUDGES = 2;

/**
 * The research loop over Chat Completions with function tools — the one path every
 * OpenAI-compatible server supports. Stateless: the whole conversation goes with every turn.
 * Ends when the model calls submit_contacts, or with AgentStoppedError (step limit, a model that
 * will not use tools, cancellation).
 */
export async function runResearchAgent(
  deps: AgentDependencies,
  brief: ResearchBrief,
  options: { signal: AbortSignal; onProgress: (event: ResearchProgress) => void },
): Promise<AgentResult> {
  const pages = new PageStore();
  const usage: AgentUsage = { promptTokens: 0, completionTokens: 0, modelCalls: 0 };
  const context: ToolContext = {
    search: deps.search,
    fetcher: deps.fetcher,
    reader: deps.reader,
    pages,
    signal: options.signal,
    progress: options.onProgress,
    limits: { maxPages: 25, maxPageChars: 12_000, searchResults: 8, ...deps.limits },
  };
  const messages: ChatCompletionMessageParam[] = [
    { role: 'system', content: systemPrompt() },
    { role: 'user', content: briefMessage(brief) },
  ];
  let nudges = 0;

  for (let step = 1; step <= deps.maxSteps; step += 1) {
    if (options.signal.aborted) throw new AgentStoppedError(abortReason(options.signal), usage);
    if (step === deps.maxSteps - 1) messages.push({ role: 'user', content: lastStepsWarning(deps.maxSteps - step + 1) });
    options.onProgress({ stage: 'thinking', message: step === 1 ? 'Planning the search' : 'Deciding what to do next' });
    let completion: OpenAI.Chat.Completions.ChatCompletion;
    try {
      completion = await deps.openai.chat.completions.create({ model: deps.model, messages, tools: DECLARATIONS }, { signal: options.signal });
    } catch (error) {
      if (options.signal.aborted) throw new AgentStoppedError(abortReason(options.signal), usage);
      throw error;
    }
    usage.modelCalls += 1;
    usage.promptTokens += completion.usage?.prompt_tokens ?? 0;
    usage.completionTokens += completion.usage?.completion_tokens ?? 0;
    const message = completion.choices[0]?.message;
    if (!message) throw new AgentStoppedError('the model answered with no message', usage);
    const toolCalls = (message.tool_calls ?? []).filter((c): c is ChatCompletionMessageToolCall & { type: 'function' } => c.type === 'function');
    messages.push({ role: 'assistant', content: message.content ?? null, ...(toolCalls.length ? { tool_calls: toolCalls } : {}) });

    if (toolCalls.length === 0) {
      nudges += 1;
      if (nudges > MAX_NUDGES) throw new AgentStoppedError('the model kept answering in prose instead of using its tools', usage);
      messages.push({ role: 'user', content: NUDGE });
      continue;
    }
    for (const call of toolCalls) {
      const outcome = await runToolCall(call, context);
      if (outcome.submitted) return { contacts: outcome.submitted, pages, usage, steps: step };
      messages.push({ role: 'tool', tool_call_id: call.id, content: outcome.reply });
    }
  }
  throw new AgentStoppedError(`the agent reached its step limit (${deps.maxSteps}) without submitting contacts`, usage);
}

async function runToolCall(call: { id: string; function: { name: string; arguments: string } }, context: ToolContext): Promise<{ reply: string; submitted?: SubmittedContact[] }> {
  const tool = TOOLS.find((t) => t.name === call.function.name);
  if (!tool) return { reply: `There is no tool named "${call.function.name}". The tools are: ${TOOLS.map((t) => t.name).join(', ')}.` };
  let raw: unknown;
  try {
    raw = JSON.parse(call.function.arguments || '{}');
  } catch {
    return { reply: `The arguments of ${tool.name} were not valid JSON. Call it again with a JSON object.` };
  }
  const parsed = tool.args.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 10).map((i) => `${i.path.join('.') || '(arguments)'}: ${i.message}`);
    return { reply: `The arguments of ${tool.name} are not valid:\n${problems.join('\n')}\nCall it again with corrected arguments.` };
  }
  const reply = await tool.run(parsed.data, context);
  if (tool === submitContactsTool) return { reply, submitted: (parsed.data as { contacts: SubmittedContact[] }).contacts };
  return { reply };
}

function abortReason(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name === 'TimeoutError') return 'the research ran out of time';
  if (typeof reason === 'string') return reason;
  if (reason instanceof Error) return reason.message;
  return 'the research was stopped';
}

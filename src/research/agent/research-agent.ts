import type OpenAI from 'openai';
import type {
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';

import type { ModelServer } from '../llm/model-server.js';
import { checkPromptTruncation, PromptTruncatedError } from '../llm/prompt-truncation.js';
import { streamCompletion, type StreamedAnswer } from '../llm/streamed-completion.js';
import { addModelUsage, type ResearchUsage } from '../llm/usage.js';
import type { SearchProvider } from '../search/search-provider.js';
import type { PageFetcher } from '../web/page-fetcher.js';
import type { PageReading } from '../web/page-reader-pool.js';
import { EarlyHandIns } from './early-hand-ins.js';
import { pageDigest } from './page-digest.js';
import { normalizeUrl, PageStore } from './page-store.js';
import type { ResearchProgress } from './research-progress.js';
import { briefMessage, lastStepsWarning, NUDGE, systemPrompt, type ResearchBrief } from './system-prompt.js';
import { parseTextToolCalls } from './text-tool-calls.js';
import {
  fetchPageTool,
  RESEARCH_TOOL_NAMES,
  RESEARCH_TOOLS,
  researchToolNamed,
  submitContactsTool,
} from './tools/index.js';
import type { SubmittedContact } from './tools/submit-contacts.tool.js';
import { toolDeclaration, type ToolContext } from './tools/tool.js';

export interface AgentDependencies {
  openai: OpenAI;
  model: string;
  search: SearchProvider;
  fetcher: PageFetcher;
  reader?: PageReading;
  maxSteps: number;
  limits?: Partial<ToolContext['limits']>;
  /** What the model server supports (strict schemas, a forced tool_choice). Default: a generic server. */
  server?: ModelServer;
  /** Tool calls of one turn run at most this many at once. */
  toolConcurrency?: number;
  /** Characters of page text the model is given in one turn, shared by the pages read in it. */
  contextBudgetChars?: number;
  clock?: () => Date;
}

/** What one submit_contacts call came to, as the runner stored it. */
export interface SubmissionOutcome {
  /** The answer for the model: who was stored, who was refused and why. */
  reply: string;
  /** The task has as many verified people as were asked for. */
  enough: boolean;
}

/** How a run ended well: finish_research, a plain answer after handing people in, or enough people. */
export type AgentEnd = 'finished' | 'answered' | 'enough';

export interface AgentResult {
  pages: PageStore;
  steps: number;
  ended: AgentEnd;
}

export type AgentStopKind = 'step-limit' | 'deadline' | 'cancelled' | 'prose' | 'truncated' | 'no-message';

/** The agent stopped before it ended on its own: the reason is for people to read. */
export class AgentStoppedError extends Error {
  constructor(
    message: string,
    readonly kind: AgentStopKind,
  ) {
    super(message);
    this.name = 'AgentStoppedError';
  }
}

const MAX_NUDGES = 2;
const GENERIC_SERVER: ModelServer = { kind: 'other', strictTools: false, toolChoice: true };

type FunctionCall = { id: string; function: { name: string; arguments: string } };

/** A page body in the conversation: replaced by its digest once the model has answered after seeing it. */
interface LivePage {
  messageIndex: number;
  url: string;
  step: number;
}

/**
 * The research loop over Chat Completions with function tools — the one path every
 * OpenAI-compatible server supports. Each turn's tool calls run concurrently (bounded); people are
 * handed in with submit_contacts as they are found and stored at once by `submit`. Page bodies
 * leave the conversation for a short digest once the model has used them. Ends on
 * finish_research, a plain answer after people were handed in, or enough people; otherwise with
 * AgentStoppedError (step limit, deadline, cancellation, a truncated prompt, a model that will not
 * use tools). Usage is added to `usage` as it is spent, so it survives any ending.
 */
export async function runResearchAgent(
  deps: AgentDependencies,
  brief: ResearchBrief,
  options: {
    signal: AbortSignal;
    onProgress: (event: ResearchProgress) => void;
    usage: ResearchUsage;
    submit: (contacts: SubmittedContact[], pages: PageStore) => Promise<SubmissionOutcome>;
  },
): Promise<AgentResult> {
  const server = deps.server ?? GENERIC_SERVER;
  const declarations = RESEARCH_TOOLS.map((t) => toolDeclaration(t, { strict: server.strictTools }));
  const pages = new PageStore();
  const maxPageChars = deps.limits?.maxPageChars ?? 12_000;
  const budget = deps.contextBudgetChars ?? 40_000;
  const submittedFrom = new Map<string, string[]>();
  let submissions = 0;
  let enough = false;
  const context: ToolContext = {
    search: deps.search,
    fetcher: deps.fetcher,
    reader: deps.reader,
    pages,
    signal: options.signal,
    progress: options.onProgress,
    limits: { maxPages: 25, searchResults: 8, ...deps.limits, maxPageChars },
    usage: options.usage,
    submit: async (contacts) => {
      submissions += 1;
      for (const c of contacts)
        for (const s of c.sources)
          submittedFrom.set(normalizeUrl(s.url), [
            ...new Set([...(submittedFrom.get(normalizeUrl(s.url)) ?? []), c.fullName]),
          ]);
      const outcome = await options.submit(contacts, pages);
      if (outcome.enough) enough = true;
      return outcome.reply;
    },
  };
  const messages: ChatCompletionMessageParam[] = [
    { role: 'system', content: systemPrompt((deps.clock ?? (() => new Date()))()) },
    { role: 'user', content: briefMessage(brief) },
  ];
  const live: LivePage[] = [];
  const limit = deps.toolConcurrency ?? 4;
  let nudges = 0;

  for (let step = 1; step <= deps.maxSteps; step += 1) {
    if (options.signal.aborted) throw stopped(options.signal);
    // Pages the model has already answered after seeing: their digest from now on.
    for (let i = live.length - 1; i >= 0; i -= 1) {
      const entry = live[i]!;
      if (entry.step > step - 2) continue;
      const page = pages.get(entry.url);
      if (page)
        (messages[entry.messageIndex] as { content: string }).content = pageDigest(
          page,
          submittedFrom.get(normalizeUrl(page.url)) ?? submittedFrom.get(normalizeUrl(entry.url)),
        );
      live.splice(i, 1);
    }
    if (step === deps.maxSteps - 1)
      messages.push({ role: 'user', content: lastStepsWarning(deps.maxSteps - step + 1) });
    const forceSubmit = step === deps.maxSteps && deps.maxSteps > 1 && server.toolChoice;
    options.onProgress({ stage: 'thinking', message: step === 1 ? 'Planning the search' : 'Deciding what to do next' });
    const request: ChatCompletionCreateParamsNonStreaming = {
      model: deps.model,
      messages,
      tools: declarations,
      ...(forceSubmit ? { tool_choice: { type: 'function', function: { name: submitContactsTool.name } } } : {}),
    };
    // People are handed in while the model still writes the turn (the first one stored and shown
    // before the rest of the call is written); nothing of theirs is left running when the turn ends.
    const early = new EarlyHandIns(context.submit);
    let answer: StreamedAnswer;
    try {
      answer = await streamCompletion(deps.openai, request, {
        signal: options.signal,
        onArguments: (index, name, piece) => {
          if (name === submitContactsTool.name) early.push(index, piece);
        },
      });
    } catch (error) {
      const failure = await early.settle();
      if (failure !== undefined) throw failure;
      if (options.signal.aborted) throw stopped(options.signal);
      throw error;
    }
    addModelUsage(options.usage, answer.usage);
    try {
      checkPromptTruncation({ messages, tools: declarations }, answer.usage?.prompt_tokens);
    } catch (error) {
      const failure = await early.settle();
      if (failure !== undefined) throw failure;
      if (error instanceof PromptTruncatedError) throw new AgentStoppedError(error.message, 'truncated');
      throw error;
    }
    if (answer.empty) throw new AgentStoppedError('the model answered with no message', 'no-message');
    let calls: (FunctionCall & { index?: number })[] = answer.toolCalls;
    let content = answer.content;
    if (calls.length === 0) {
      // Tool calls written as text (small and local models): taken as real calls.
      calls = parseTextToolCalls(content, RESEARCH_TOOL_NAMES).map((c, i) => ({
        id: `text_call_${step}_${i}`,
        function: c,
      }));
      if (calls.length) content = null;
    }
    messages.push({
      role: 'assistant',
      content,
      ...(calls.length
        ? { tool_calls: calls.map((c) => ({ id: c.id, type: 'function' as const, function: c.function })) }
        : {}),
    });

    if (calls.length === 0) {
      if (submissions > 0) return { pages, steps: step, ended: 'answered' };
      nudges += 1;
      if (nudges > MAX_NUDGES)
        throw new AgentStoppedError('the model kept answering in prose instead of using its tools', 'prose');
      messages.push({ role: 'user', content: NUDGE });
      continue;
    }
    // Pages read in one turn share the turn's budget of page text.
    const reads = calls.filter((c) => c.function.name === fetchPageTool.name).length;
    context.limits.maxPageChars = Math.max(2_000, Math.min(maxPageChars, Math.floor(budget / Math.max(1, reads))));
    // People first: hand-ins are stored (and shown) before the turn's page reads compete for the CPU.
    const outcomes = new Array<Awaited<ReturnType<typeof runToolCall>>>(calls.length);
    const order = calls.map((call, i) => ({ call, i }));
    const isSubmit = (c: FunctionCall) => c.function.name === submitContactsTool.name;
    for (const { call, i } of order.filter((o) => isSubmit(o.call))) {
      outcomes[i] =
        call.index !== undefined && early.has(call.index)
          ? { reply: await early.finish(call.index, call.function.arguments), endsRun: submitContactsTool.endsRun }
          : await runToolCall(call, context, submittedFrom);
    }
    const failure = await early.settle();
    if (failure !== undefined) throw failure;
    const others = order.filter((o) => !isSubmit(o.call));
    // Enough people stored: the turn's other calls (more searches, more pages) are not needed.
    const results = enough
      ? others.map(() => ({ reply: 'Not run: the research already has all the people asked for.' }))
      : await mapLimit(others, limit, ({ call }) => runToolCall(call, context, submittedFrom));
    others.forEach(({ i }, k) => (outcomes[i] = results[k]!));
    let finished = false;
    for (const [i, call] of calls.entries()) {
      const outcome = outcomes[i]!;
      messages.push({ role: 'tool', tool_call_id: call.id, content: outcome.reply });
      if (outcome.readUrl) live.push({ messageIndex: messages.length - 1, url: outcome.readUrl, step });
      if (outcome.endsRun) finished = true;
    }
    if (enough) return { pages, steps: step, ended: 'enough' };
    if (finished) return { pages, steps: step, ended: 'finished' };
    if (options.signal.aborted) throw stopped(options.signal);
  }
  throw new AgentStoppedError(`the agent reached its step limit (${deps.maxSteps})`, 'step-limit');
}

/** One tool call run; `endsRun` when it was a valid call of a tool that ends the research. */
async function runToolCall(
  call: FunctionCall,
  context: ToolContext,
  submittedFrom: Map<string, string[]>,
): Promise<{ reply: string; endsRun?: boolean; readUrl?: string }> {
  const tool = researchToolNamed(call.function.name);
  if (!tool)
    return {
      reply: `There is no tool named "${call.function.name}". The tools are: ${RESEARCH_TOOL_NAMES.join(', ')}.`,
    };
  let raw: unknown;
  try {
    raw = JSON.parse(call.function.arguments || '{}');
  } catch {
    return { reply: `The arguments of ${tool.name} were not valid JSON. Call it again with a JSON object.` };
  }
  if (tool.name === fetchPageTool.name) {
    const prepared = fetchPageTool.prepare(raw);
    if (!prepared.ok) return invalid(tool.name, prepared.problems);
    // A page read before: its digest, not its text again.
    const url = prepared.args.url;
    const known = context.pages.get(url);
    if (known)
      return {
        reply: pageDigest(known, submittedFrom.get(normalizeUrl(known.url)) ?? submittedFrom.get(normalizeUrl(url))),
        endsRun: tool.endsRun,
      };
    const reply = await prepared.run(context);
    return { reply, endsRun: tool.endsRun, ...(context.pages.has(url) ? { readUrl: url } : {}) };
  }
  const prepared = tool.prepare(raw);
  if (!prepared.ok) return invalid(tool.name, prepared.problems);
  return { reply: await prepared.run(context), endsRun: tool.endsRun };
}

function invalid(toolName: string, problems: string[]): { reply: string } {
  return {
    reply: `The arguments of ${toolName} are not valid:\n${problems.join('\n')}\nCall it again with corrected arguments.`,
  };
}

/** `fn` over `items`, at most `limit` at once, results in the items' order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

function stopped(signal: AbortSignal): AgentStoppedError {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name === 'TimeoutError')
    return new AgentStoppedError('the research ran out of time', 'deadline');
  if (typeof reason === 'string') return new AgentStoppedError(reason, 'cancelled');
  if (reason instanceof Error) return new AgentStoppedError(reason.message, 'cancelled');
  return new AgentStoppedError('the research was stopped', 'cancelled');
}

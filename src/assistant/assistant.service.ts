import OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';

import { isUniqueViolation } from '../db/database-errors.js';
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import { estimateCostUsd } from '../research/llm/token-cost.js';
import type { PendingActions, Proposal } from './pending-actions.js';
import { assistantSystemPrompt } from './system-prompt.js';
import { ASSISTANT_TOOLS, toolByName } from './tools/index.js';
import { toolDeclaration, type Asker, type AssistantServices, type ReadContext } from './tools/tool.js';

/** One message put to the assistant. `eventKey` identifies it across Slack's retries and duplicate events. */
export interface Question extends Asker {
  eventKey: string;
  text: string;
}

export type FailureReason = 'not_configured' | 'rate_limited' | 'model_down' | 'model_refused' | 'too_many_steps';

export type AnswerResult =
  | {
      kind: 'answer';
      text: string;
      contacts: { id: string; fullName: string }[];
      proposals: Proposal[];
      costUsd: number | null;
    }
  | { kind: 'failure'; reason: FailureReason; text: string };

export interface AssistantLimits {
  /** Model calls per answer. */
  maxRounds: number;
  /** Earlier questions and answers of the thread given back to the model. */
  historyTurns: number;
  /** Changes one answer may propose. */
  maxProposals: number;
  /** Characters of a question passed on. */
  maxQuestionChars: number;
}

const DEFAULT_LIMITS: AssistantLimits = { maxRounds: 8, historyTurns: 8, maxProposals: 3, maxQuestionChars: 4_000 };
const DECLARATIONS = ASSISTANT_TOOLS.map(toolDeclaration);
const MAX_VIEW_BUTTONS = 5;

/**
 * The CRM you can talk to: a question in, an answer grounded in what the tools returned in this
 * turn, with any change it wants to make stored as a proposal for the asker to confirm. Knows
 * nothing of Slack; the transport posts what it returns.
 */
export class AssistantService {
  private readonly limits: AssistantLimits;

  constructor(
    private readonly deps: {
      db: Db;
      /** Absent when no model is configured. */
      openai: OpenAI | undefined;
      model: string;
      pricePerMillion: { input: number; output: number } | undefined;
      services: AssistantServices;
      pending: PendingActions;
      clock: () => Date;
      logger: Logger;
      limits?: Partial<AssistantLimits>;
    },
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...deps.limits };
  }

  /**
   * Claims a question before it is answered. Undefined when it was claimed already: Slack retried
   * the delivery (X-Slack-Retry-Num), or the same message arrived as two events, or another copy
   * of the app got it first.
   */
  async claim(question: Question): Promise<string | undefined> {
    try {
      const turn = await this.deps.db.assistantTurn.create({
        data: {
          eventKey: question.eventKey.slice(0, 200),
          userId: question.userId,
          channelId: question.channelId,
          threadTs: question.threadTs,
          question: question.text.slice(0, this.limits.maxQuestionChars),
        },
      });
      return turn.id;
    } catch (error) {
      if (isUniqueViolation(error)) return undefined;
      throw error;
    }
  }

  async answer(turnId: string, question: Question): Promise<AnswerResult> {
    const { openai } = this.deps;
    if (!openai) return this.fail(turnId, 'not_configured', 'no model configured');
    const usage = { promptTokens: 0, completionTokens: 0, modelCalls: 0 };
    const asker: Asker = { userId: question.userId, channelId: question.channelId, threadTs: question.threadTs };
    const context: ReadContext = { services: this.deps.services, asker, clock: this.deps.clock, seen: new Map() };
    const proposals: Proposal[] = [];
    const history = await this.history(turnId, question);
    const messages: ChatCompletionMessageParam[] = [
      { role: 'system', content: assistantSystemPrompt({ today: this.deps.clock(), userId: question.userId }) },
      ...history.messages,
      { role: 'user', content: question.text.slice(0, this.limits.maxQuestionChars) },
    ];
    let final: string | undefined;
    try {
      for (let round = 0; round < this.limits.maxRounds && final === undefined; round += 1) {
        // SQLite answers synchronously: let waiting requests (Slack's acks) in between steps.
        await yieldToIo();
        const completion = await openai.chat.completions.create({
          model: this.deps.model,
          messages,
          tools: DECLARATIONS,
        });
        usage.modelCalls += 1;
        usage.promptTokens += completion.usage?.prompt_tokens ?? 0;
        usage.completionTokens += completion.usage?.completion_tokens ?? 0;
        const message = completion.choices[0]?.message;
        const calls = (message?.tool_calls ?? []).filter((c) => c.type === 'function');
        if (!message || calls.length === 0) {
          final =
            message?.content?.trim() || (proposals.length > 0 ? 'Please confirm below.' : 'I have no answer to that.');
          break;
        }
        messages.push({ role: 'assistant', content: message.content ?? null, tool_calls: calls });
        for (const call of calls) {
          await yieldToIo();
          const content = await this.runTool(call.function.name, call.function.arguments, context, proposals);
          messages.push({ role: 'tool', tool_call_id: call.id, content });
        }
      }
    } catch (error) {
      const failure = modelFailure(error);
      if (!failure) throw error;
      this.deps.logger.warn({ err: error, turnId, reason: failure }, 'assistant model call failed');
      return this.fail(turnId, failure, error instanceof Error ? error.message : String(error), usage);
    }
    if (final === undefined) {
      if (proposals.length === 0)
        return this.fail(turnId, 'too_many_steps', `no answer after ${this.limits.maxRounds} model calls`, usage);
      final = 'Please confirm below.';
    }
    const costUsd = estimateCostUsd(this.deps.model, usage, this.deps.pricePerMillion);
    const lower = final.toLowerCase();
    const contacts = [...context.seen.entries()]
      .filter(([, name]) => lower.includes(name.toLowerCase()))
      .slice(0, MAX_VIEW_BUTTONS)
      .map(([id, fullName]) => ({ id, fullName }));
    await this.record(turnId, { answer: final.slice(0, 20_000), usage, costUsd, error: null });
    this.deps.logger.info(
      {
        turnId,
        model: this.deps.model,
        ...usage,
        costUsd,
        conversationCostUsd: costUsd === null ? null : history.costUsd + costUsd,
        proposals: proposals.map((p) => p.tool),
        limits: this.limits,
      },
      'assistant answered',
    );
    return { kind: 'answer', text: final, contacts, proposals, costUsd };
  }

  /** Earlier questions and answers in this thread (not the tool results: facts are looked up again). */
  private async history(
    turnId: string,
    question: Question,
  ): Promise<{ messages: ChatCompletionMessageParam[]; costUsd: number }> {
    const turns = await this.deps.db.assistantTurn.findMany({
      where: {
        channelId: question.channelId,
        threadTs: question.threadTs,
        id: { not: turnId },
        finishedAt: { not: null },
      },
      orderBy: { createdAt: 'desc' },
      take: 50,
      select: { question: true, answer: true, costUsd: true },
    });
    const answered = turns.filter((t) => t.answer !== null).slice(0, this.limits.historyTurns);
    return {
      messages: answered.reverse().flatMap((t) => [
        { role: 'user' as const, content: t.question },
        { role: 'assistant' as const, content: (t.answer ?? '').slice(0, 2_000) },
      ]),
      // What the conversation has cost so far (its last 50 answers), for the log.
      costUsd: turns.reduce((sum, t) => sum + (t.costUsd ?? 0), 0),
    };
  }

  /** Runs one tool call; every problem goes back to the model as text it can act on. */
  private async runTool(
    name: string,
    rawArguments: string,
    context: ReadContext,
    proposals: Proposal[],
  ): Promise<string> {
    const tool = toolByName(name);
    if (!tool) return `Error: there is no tool "${name}". Tools: ${ASSISTANT_TOOLS.map((t) => t.name).join(', ')}.`;
    let raw: unknown;
    try {
      raw = JSON.parse(rawArguments || '{}');
    } catch {
      return 'Error: the arguments are not valid JSON.';
    }
    const parsed = tool.args.safeParse(raw);
    if (!parsed.success)
      return `Error: invalid arguments: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(arguments)'}: ${i.message}`).join('; ')}`;
    try {
      if (tool.kind === 'read') return await tool.run(parsed.data, context);
      if (proposals.length >= this.limits.maxProposals)
        return `Error: at most ${this.limits.maxProposals} changes can be proposed in one answer. Ask the person to confirm these first.`;
      const preview = await tool.preview(parsed.data, context);
      const id = await this.deps.pending.propose(tool, raw, context.asker);
      proposals.push({ id, tool: tool.name, preview });
      return 'Proposed to the person with Confirm and Cancel buttons. Nothing has changed yet; it happens only if they click Confirm. Tell them briefly what you proposed.';
    } catch (error) {
      if (error instanceof AppError && error.code !== 'internal') return `Error: ${error.message}`;
      throw error;
    }
  }

  private async fail(
    turnId: string,
    reason: FailureReason,
    detail: string,
    usage = { promptTokens: 0, completionTokens: 0, modelCalls: 0 },
  ): Promise<AnswerResult> {
    const costUsd = estimateCostUsd(this.deps.model, usage, this.deps.pricePerMillion);
    await this.record(turnId, { answer: null, usage, costUsd, error: `${reason}: ${detail}`.slice(0, 1_000) });
    return { kind: 'failure', reason, text: detail };
  }

  private async record(
    turnId: string,
    result: {
      answer: string | null;
      usage: { promptTokens: number; completionTokens: number; modelCalls: number };
      costUsd: number | null;
      error: string | null;
    },
  ) {
    await this.deps.db.assistantTurn.update({
      where: { id: turnId },
      data: {
        answer: result.answer,
        model: this.deps.model,
        ...result.usage,
        costUsd: result.costUsd,
        error: result.error,
        finishedAt: this.deps.clock(),
      },
    });
  }
}

const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

/** What kind of model failure `error` is, or undefined when it is not one. */
function modelFailure(error: unknown): FailureReason | undefined {
  if (error instanceof OpenAI.RateLimitError) return 'rate_limited';
  if (error instanceof OpenAI.APIConnectionError || error instanceof OpenAI.InternalServerError) return 'model_down';
  if (error instanceof OpenAI.APIError)
    return error.status !== undefined && error.status >= 500 ? 'model_down' : 'model_refused';
  return undefined;
}

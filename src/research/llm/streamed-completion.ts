import type OpenAI from 'openai';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';

import { withCallSignal } from './call-signal.js';

/** One answer of the model, put together from its stream. */
export interface StreamedAnswer {
  content: string | null;
  /** In the order of their index in the stream, which `onArguments` gave too. */
  toolCalls: { index: number; id: string; function: { name: string; arguments: string } }[];
  usage: OpenAI.Completions.CompletionUsage | undefined;
  /** The server sent no choice at all. */
  empty: boolean;
}

/**
 * A Chat Completions call streamed (https://platform.openai.com/docs/api-reference/chat-streaming):
 * tool-call arguments are passed on as they arrive, so work can start before the model has
 * finished writing the turn; usage comes in the last chunk (`stream_options.include_usage`, which
 * OpenAI, Azure, OpenRouter, vLLM and Ollama honour; a server that sends none is counted as a call
 * without usage, as before).
 */
export function streamCompletion(
  openai: OpenAI,
  request: ChatCompletionCreateParamsNonStreaming,
  options: { signal: AbortSignal; onArguments?: (index: number, name: string, piece: string) => void },
): Promise<StreamedAnswer> {
  return withCallSignal(options.signal, (signal) => readStream(openai, request, signal, options.onArguments));
}

async function readStream(
  openai: OpenAI,
  request: ChatCompletionCreateParamsNonStreaming,
  signal: AbortSignal | undefined,
  onArguments: ((index: number, name: string, piece: string) => void) | undefined,
): Promise<StreamedAnswer> {
  const stream = await openai.chat.completions.create(
    { ...request, stream: true, stream_options: { include_usage: true } },
    { signal },
  );
  let content: string | null = null;
  const calls: { id: string; name: string; arguments: string; told: number }[] = [];
  let usage: StreamedAnswer['usage'];
  let empty = true;
  for await (const chunk of stream) {
    if (chunk.usage) usage = chunk.usage;
    const choice = chunk.choices?.[0];
    if (!choice) continue;
    empty = false;
    const delta = choice.delta ?? {};
    if (typeof delta.content === 'string') content = (content ?? '') + delta.content;
    for (const part of delta.tool_calls ?? []) {
      const call = (calls[part.index] ??= { id: '', name: '', arguments: '', told: 0 });
      if (part.id) call.id = part.id;
      // The name comes once (OpenAI), in pieces, or repeated whole in every chunk (some servers).
      if (part.function?.name && part.function.name !== call.name) call.name += part.function.name;
      if (part.function?.arguments) call.arguments += part.function.arguments;
      // Arguments are passed on once the call's name is known (some servers send it late).
      if (call.name && call.arguments.length > call.told) {
        onArguments?.(part.index, call.name, call.arguments.slice(call.told));
        call.told = call.arguments.length;
      }
    }
  }
  const toolCalls = calls.flatMap((c, index) =>
    c ? [{ index, id: c.id || `call_${index}`, function: { name: c.name, arguments: c.arguments } }] : [],
  );
  return { content, toolCalls, usage, empty };
}

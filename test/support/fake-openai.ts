import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the app sent to /v1/chat/completions, as parsed JSON. */
export interface ChatRequest {
  model: string;
  messages: {
    role: string;
    content: string | null;
    tool_calls?: { id: string; function: { name: string; arguments: string } }[];
    tool_call_id?: string;
  }[];
  tools?: { type: string; function: { name: string; parameters: unknown; strict?: boolean } }[];
  tool_choice?: unknown;
  parallel_tool_calls?: boolean;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
}

export type ChatReply =
  | {
      toolCalls?: { name: string; arguments: unknown }[];
      content?: string;
      usage?: { prompt: number; completion: number; cached?: number };
    }
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | { hang: true };

export type ChatHandler = (request: ChatRequest, call: number) => ChatReply | Promise<ChatReply>;

/** What the app sent to /v1/responses (the hosted web search). */
export interface ResponsesRequest {
  model: string;
  input: unknown;
  tools?: { type: string }[];
  include?: string[];
  tool_choice?: unknown;
}
export type ResponsesReply =
  | {
      sources: { url: string; title?: string }[];
      text?: string;
      query?: string;
      usage?: { input: number; output: number };
    }
  | { status: number; body?: unknown; headers?: Record<string, string> };
export type ResponsesHandler = (request: ResponsesRequest, call: number) => ResponsesReply | Promise<ResponsesReply>;

export interface FakeOpenAIOptions {
  latencyMs?: number;
  /**
   * Usage counted from what was sent, as a real server does (≈ 4 characters a token), with
   * OpenAI's prompt caching: the prefix shared with an earlier request, in 128-token steps once
   * the prompt reaches 1024 tokens (https://platform.openai.com/docs/guides/prompt-caching).
   * The default; a handler's `usage` wins. `false`: 1000 / 100 for every call.
   */
  realisticUsage?: boolean;
  /**
   * Ollama's OpenAI-compatible endpoint keeps only the last `contextTokens` of a longer prompt,
   * silently, and reports the kept count as prompt_tokens
   * (https://github.com/ollama/ollama/blob/main/docs/faq.md#how-can-i-specify-the-context-window-size).
   */
  contextTokens?: number;
  /** Slow generation: this long per completion token (≈ 4 characters of tool arguments or text). */
  msPerCompletionToken?: number;
  /** Answers /v1/responses (hosted web_search); without it that path is 404, as on local servers. */
  responses?: ResponsesHandler;
}

const tokensOf = (text: string) => Math.ceil(text.length / 4);
/** A streamed text in the pieces a server sends it in (a few tokens each). */
const pieces = (text: string, size = 16): string[] =>
  Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, (i + 1) * size));

/**
 * An OpenAI-compatible server on loopback for the real `openai` SDK: answers Chat Completions in
 * OpenAI's wire format from a scripted handler, with latency, HTTP errors and hangs on demand;
 * optionally usage counted from the prompt, prompt caching, silent truncation, slow generation,
 * and the Responses API's hosted web search.
 */
export async function startFakeOpenAI(handler: ChatHandler, options: FakeOpenAIOptions = {}) {
  const requests: ChatRequest[] = [];
  const responsesRequests: ResponsesRequest[] = [];
  const prompts: string[] = [];
  /** The usage reported with each answer, in order. */
  const reported: { prompt: number; completion: number; cached: number }[] = [];
  /** When each answer's last byte was sent (Date.now()), by call. */
  const answeredAt: number[] = [];
  let aborted = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let current = handler;
  const server: Server = createServer((req, res) => void serve(req, res));
  const open = new Set<ServerResponse>();

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));

  async function serve(req: IncomingMessage, res: ServerResponse) {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    if (req.method === 'POST' && req.url?.endsWith('/responses') && options.responses) return serveResponses(raw, res);
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      json(res, 404, { error: { message: 'not found' } });
      return;
    }
    const request = JSON.parse(raw) as ChatRequest;
    requests.push(request);
    const call = requests.length;
    open.add(res);
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => {
      inFlight -= 1;
      if (!res.writableEnded) aborted += 1;
      open.delete(res);
    });
    if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
    const reply = await current(request, call);
    if (res.destroyed) return;
    if ('hang' in reply) return;
    if ('status' in reply) {
      json(
        res,
        reply.status,
        reply.body ?? { error: { message: `HTTP ${reply.status}`, type: 'server_error' } },
        reply.headers,
      );
      return;
    }
    const toolCalls = (reply.toolCalls ?? []).map((t, i) => ({
      id: `call_${call}_${i}`,
      type: 'function',
      function: {
        name: t.name,
        arguments: typeof t.arguments === 'string' ? t.arguments : JSON.stringify(t.arguments),
      },
    }));
    let usage = { prompt: 1000, completion: 100, cached: 0, ...reply.usage };
    if (options.realisticUsage !== false && !reply.usage) {
      const prompt = JSON.stringify({ messages: request.messages, tools: request.tools });
      let shared = 0;
      for (const earlier of prompts) {
        let i = 0;
        const n = Math.min(earlier.length, prompt.length);
        while (i < n && earlier.charCodeAt(i) === prompt.charCodeAt(i)) i += 1;
        shared = Math.max(shared, i);
      }
      prompts.push(prompt);
      const promptTokens = tokensOf(prompt);
      const cached = promptTokens >= 1024 ? Math.floor(tokensOf(prompt.slice(0, shared)) / 128) * 128 : 0;
      usage = {
        prompt: promptTokens,
        completion: tokensOf(
          (reply.content ?? '') + toolCalls.map((t) => t.function.name + t.function.arguments).join(''),
        ),
        cached: Math.min(cached, promptTokens),
      };
    }
    if (options.contextTokens && usage.prompt > options.contextTokens)
      usage = { ...usage, prompt: options.contextTokens, cached: Math.min(usage.cached, options.contextTokens) };
    reported.push(usage);
    if (request.stream) {
      await streamAnswer(res, request, call, reply.content ?? null, toolCalls, usage);
      answeredAt[call - 1] = Date.now();
      return;
    }
    if (options.msPerCompletionToken)
      await new Promise((r) => setTimeout(r, usage.completion * options.msPerCompletionToken!));
    if (res.destroyed) return;
    json(res, 200, {
      id: `chatcmpl-${call}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: request.model,
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: reply.content ?? null,
            ...(toolCalls.length ? { tool_calls: toolCalls } : {}),
          },
          finish_reason: toolCalls.length ? 'tool_calls' : 'stop',
        },
      ],
      usage: {
        prompt_tokens: usage.prompt,
        completion_tokens: usage.completion,
        total_tokens: usage.prompt + usage.completion,
        prompt_tokens_details: { cached_tokens: usage.cached },
      },
    });
    answeredAt[call - 1] = Date.now();
  }

  /**
   * `stream: true`: server-sent events of `chat.completion.chunk` objects, as OpenAI sends them
   * (https://platform.openai.com/docs/api-reference/chat-streaming): the role first, text in
   * `delta.content` pieces, each tool call opened with its index, id and name and then its
   * arguments in pieces, the finish reason, the usage in a last chunk with no choices when
   * `stream_options.include_usage` asks for it, and `data: [DONE]`. Slow generation paces the pieces.
   */
  async function streamAnswer(
    res: ServerResponse,
    request: ChatRequest,
    call: number,
    content: string | null,
    toolCalls: { id: string; type: string; function: { name: string; arguments: string } }[],
    usage: { prompt: number; completion: number; cached: number },
  ) {
    const started = Date.now();
    let written = 0;
    const base = {
      id: `chatcmpl-${call}`,
      object: 'chat.completion.chunk',
      created: Math.floor(started / 1000),
      model: request.model,
    };
    const send = (chunk: object) => res.write(`data: ${JSON.stringify({ ...base, ...chunk })}\n\n`);
    const delta = (d: object, finish: string | null = null) =>
      send({ choices: [{ index: 0, delta: d, finish_reason: finish }] });
    // Pieces leave when the generation would have reached them (no drift from many short waits).
    const paced = async (piece: string) => {
      written += piece.length;
      const due = started + (written / 4) * (options.msPerCompletionToken ?? 0) - Date.now();
      if (due > 0) await new Promise((r) => setTimeout(r, due));
      return !res.destroyed;
    };
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    delta({ role: 'assistant', content: toolCalls.length ? null : '' });
    for (const piece of pieces(content ?? '')) {
      if (!(await paced(piece))) return;
      delta({ content: piece });
    }
    for (const [index, t] of toolCalls.entries()) {
      if (!(await paced(t.function.name))) return;
      delta({
        tool_calls: [{ index, id: t.id, type: 'function', function: { name: t.function.name, arguments: '' } }],
      });
      for (const piece of pieces(t.function.arguments)) {
        if (!(await paced(piece))) return;
        delta({ tool_calls: [{ index, function: { arguments: piece } }] });
      }
    }
    delta({}, toolCalls.length ? 'tool_calls' : 'stop');
    if (request.stream_options?.include_usage) {
      send({
        choices: [],
        usage: {
          prompt_tokens: usage.prompt,
          completion_tokens: usage.completion,
          total_tokens: usage.prompt + usage.completion,
          prompt_tokens_details: { cached_tokens: usage.cached },
        },
      });
    }
    res.end('data: [DONE]\n\n');
  }

  // The Responses API with the hosted web_search tool, in its documented shape: a
  // `web_search_call` item (its `action.sources` only when include asks for
  // `web_search_call.action.sources`) and a message whose text carries `url_citation` annotations
  // (https://platform.openai.com/docs/guides/tools-web-search, https://platform.openai.com/docs/api-reference/responses/create).
  async function serveResponses(raw: string, res: ServerResponse) {
    const request = JSON.parse(raw) as ResponsesRequest;
    responsesRequests.push(request);
    const call = responsesRequests.length;
    if (!request.tools?.some((t) => t.type === 'web_search' || t.type === 'web_search_preview')) {
      json(res, 400, {
        error: { message: 'this fake only answers web_search requests', type: 'invalid_request_error' },
      });
      return;
    }
    const reply = await options.responses!(request, call);
    if ('status' in reply) {
      json(
        res,
        reply.status,
        reply.body ?? { error: { message: `HTTP ${reply.status}`, type: 'server_error' } },
        reply.headers,
      );
      return;
    }
    let text = reply.text ?? 'Here is what I found.';
    const annotations = reply.sources.map((s) => {
      const start = text.length;
      text += ` [${s.title ?? s.url}]`;
      return { type: 'url_citation', url: s.url, title: s.title ?? '', start_index: start, end_index: text.length };
    });
    const withSources = request.include?.includes('web_search_call.action.sources');
    json(res, 200, {
      id: `resp_${call}`,
      object: 'response',
      created_at: Math.floor(Date.now() / 1000),
      status: 'completed',
      model: request.model,
      output: [
        {
          type: 'web_search_call',
          id: `ws_${call}`,
          status: 'completed',
          action: {
            type: 'search',
            query: reply.query ?? String(request.input).slice(0, 200),
            ...(withSources ? { sources: reply.sources.map((s) => ({ type: 'url', url: s.url })) } : {}),
          },
        },
        {
          type: 'message',
          id: `msg_${call}`,
          status: 'completed',
          role: 'assistant',
          content: [{ type: 'output_text', text, annotations }],
        },
      ],
      usage: {
        input_tokens: reply.usage?.input ?? 300,
        input_tokens_details: { cached_tokens: 0 },
        output_tokens: reply.usage?.output ?? 80,
        output_tokens_details: { reasoning_tokens: 0 },
        total_tokens: (reply.usage?.input ?? 300) + (reply.usage?.output ?? 80),
      },
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    responsesRequests,
    answeredAt,
    /** The usage the server reported, summed over every answer so far. */
    get reportedUsage() {
      return reported.reduce(
        (sum, u) => ({
          prompt: sum.prompt + u.prompt,
          completion: sum.completion + u.completion,
          cached: sum.cached + u.cached,
        }),
        { prompt: 0, completion: 0, cached: 0 },
      );
    },
    get abortedRequests() {
      return aborted;
    },
    /** The most chat requests that were open at once. */
    get maxConcurrentRequests() {
      return maxInFlight;
    },
    setHandler(next: ChatHandler) {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of open) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
export type FakeOpenAI = Awaited<ReturnType<typeof startFakeOpenAI>>;

/** The tool results the app has sent back so far, newest last. */
export const toolResults = (request: ChatRequest) =>
  request.messages.filter((m) => m.role === 'tool').map((m) => m.content ?? '');

/**
 * A model that researches the way the prompt asks: search until a search worked, read the given
 * pages (all in one turn) until one was read, submit what `submit` returns, then finish.
 */
export function scriptedResearcher(plan: {
  pages: (request: ChatRequest) => string[];
  submit: (request: ChatRequest) => unknown[];
}): ChatHandler {
  return (request) => {
    const results = toolResults(request);
    if (!results.some((r) => /^1\. /.test(r) || r.startsWith('No results'))) {
      const brief = request.messages.find((m) => m.role === 'user')?.content ?? '';
      return {
        toolCalls: [
          { name: 'search_web', arguments: { query: brief.split('\n')[0]!.replace('Find people matching: ', '') } },
        ],
      };
    }
    if (!results.some((r) => r.includes('<page url=') || r.includes('<page-digest')))
      return { toolCalls: plan.pages(request).map((url) => ({ name: 'fetch_page', arguments: { url } })) };
    const submitted = request.messages.some((m) => m.tool_calls?.some((c) => c.function.name === 'submit_contacts'));
    if (!submitted) return { toolCalls: [{ name: 'submit_contacts', arguments: { contacts: plan.submit(request) } }] };
    return { toolCalls: [{ name: 'finish_research', arguments: { summary: 'Handed in everyone the pages name.' } }] };
  };
}

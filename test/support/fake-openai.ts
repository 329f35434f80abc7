import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the app sent to /v1/chat/completions, as parsed JSON. */
export interface ChatRequest {
  model: string;
  messages: { role: string; content: string | null; tool_calls?: { id: string; function: { name: string; arguments: string } }[]; tool_call_id?: string }[];
  tools?: { type: string; function: { name: string; parameters: unknown } }[];
}

export type ChatReply =
  | { toolCalls?: { name: string; arguments: unknown }[]; content?: string; usage?: { prompt: number; completion: number } }
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | { hang: true };

export type ChatHandler = (request: ChatRequest, call: number) => ChatReply | Promise<ChatReply>;

/**
 * An OpenAI-compatible server on loopback for the real `openai` SDK: answers Chat Completions in
 * OpenAI's wire format from a scripted handler, with latency, HTTP errors and hangs on demand.
 */
export async function startFakeOpenAI(handler: ChatHandler, options: { latencyMs?: number } = {}) {
  const requests: ChatRequest[] = [];
  let aborted = 0;
  let current = handler;
  const server: Server = createServer((req, res) => void serve(req, res));
  const open = new Set<ServerResponse>();

  async function serve(req: IncomingMessage, res: ServerResponse) {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'not found' } }));
      return;
    }
    const request = JSON.parse(raw) as ChatRequest;
    requests.push(request);
    const call = requests.length;
    open.add(res);
    res.on('close', () => {
      if (!res.writableEnded) aborted += 1;
      open.delete(res);
    });
    if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
    const reply = await current(request, call);
    if (res.destroyed) return;
    if ('hang' in reply) return;
    if ('status' in reply) {
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers }).end(JSON.stringify(reply.body ?? { error: { message: `HTTP ${reply.status}`, type: 'server_error' } }));
      return;
    }
    const toolCalls = (reply.toolCalls ?? []).map((t, i) => ({
      id: `call_${call}_${i}`,
      type: 'function',
      function: { name: t.name, arguments: typeof t.arguments === 'string' ? t.arguments : JSON.stringify(t.arguments) },
    }));
    const usage = reply.usage ?? { prompt: 1000, completion: 100 };
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        id: `chatcmpl-${call}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: request.model,
        choices: [{ index: 0, message: { role: 'assistant', content: reply.content ?? null, ...(toolCalls.length ? { tool_calls: toolCalls } : {}) }, finish_reason: toolCalls.length ? 'tool_calls' : 'stop' }],
        usage: { prompt_tokens: usage.prompt, completion_tokens: usage.completion, total_tokens: usage.prompt + usage.completion },
      }),
    );
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    get abortedRequests() {
      return aborted;
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
export const toolResults = (request: ChatRequest) => request.messages.filter((m) => m.role === 'tool').map((m) => m.content ?? '');

/**
 * A model that researches the way the prompt asks: search until a search worked, read the given
 * pages (all in one turn) until one was read, then submit what `submit` returns.
 */
export function scriptedResearcher(plan: { pages: (request: ChatRequest) => string[]; submit: (request: ChatRequest) => unknown[] }): ChatHandler {
  return (request) => {
    const results = toolResults(request);
    if (!results.some((r) => /^1\. /.test(r) || r.startsWith('No results'))) {
      const brief = request.messages.find((m) => m.role === 'user')?.content ?? '';
      return { toolCalls: [{ name: 'search_web', arguments: { query: brief.split('\n')[0]!.replace('Find people matching: ', '') } }] };
    }
    if (!results.some((r) => r.includes('<page url='))) return { toolCalls: plan.pages(request).map((url) => ({ name: 'fetch_page', arguments: { url } })) };
    return { toolCalls: [{ name: 'submit_contacts', arguments: { contacts: plan.submit(request) } }] };
  };
}

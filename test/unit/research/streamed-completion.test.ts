import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { streamCompletion } from '../../../src/research/llm/streamed-completion.js';

/**
 * A Chat Completions stream as servers send it (server-sent events of `chat.completion.chunk`,
 * https://platform.openai.com/docs/api-reference/chat-streaming/streaming): here a server that
 * repeats the tool's whole name in every chunk, as some OpenAI-compatible servers do.
 */
let chunks: unknown[] = [];
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    for (const chunk of chunks) res.write(`data: ${JSON.stringify(chunk)}\n\n`);
    res.end('data: [DONE]\n\n');
  });
});
let openai: OpenAI;
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  openai = new OpenAI({
    apiKey: 'test',
    baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    maxRetries: 0,
  });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const chunk = (delta: object, extra: object = {}) => ({
  id: 'c1',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'm',
  choices: [{ index: 0, delta, finish_reason: null }],
  ...extra,
});
const call = (name: string | undefined, args: string, id?: string) => ({
  tool_calls: [
    { index: 0, ...(id ? { id } : {}), type: 'function', function: { ...(name ? { name } : {}), arguments: args } },
  ],
});

describe('streamCompletion', () => {
  it('keeps a tool name repeated in every chunk once, and passes the arguments on as they come', async () => {
    chunks = [
      chunk(call('submit_contacts', '{"contacts":', 'call_1')),
      chunk(call('submit_contacts', '[]}')),
      {
        id: 'c1',
        object: 'chat.completion.chunk',
        created: 1,
        model: 'm',
        choices: [],
        usage: { prompt_tokens: 10, completion_tokens: 3, total_tokens: 13 },
      },
    ];
    const pieces: string[] = [];
    const answer = await streamCompletion(
      openai,
      { model: 'm', messages: [{ role: 'user', content: 'x' }] },
      {
        signal: new AbortController().signal,
        onArguments: (_i, name, piece) => pieces.push(`${name}:${piece}`),
      },
    );
    expect(answer.toolCalls).toEqual([
      { index: 0, id: 'call_1', function: { name: 'submit_contacts', arguments: '{"contacts":[]}' } },
    ]);
    expect(pieces).toEqual(['submit_contacts:{"contacts":', 'submit_contacts:[]}']);
    expect(answer.usage?.prompt_tokens).toBe(10);
  });

  it('puts a name sent in pieces together', async () => {
    chunks = [chunk(call('submit_', '', 'call_2')), chunk(call('contacts', '{}'))];
    const answer = await streamCompletion(
      openai,
      { model: 'm', messages: [{ role: 'user', content: 'x' }] },
      { signal: new AbortController().signal },
    );
    expect(answer.toolCalls[0]?.function.name).toBe('submit_contacts');
    expect(answer.usage).toBeUndefined();
  });
});

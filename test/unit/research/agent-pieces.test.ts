import { describe, expect, it } from 'vitest';

import { pageDigest } from '../../../src/research/agent/page-digest.js';
import { systemPrompt } from '../../../src/research/agent/system-prompt.js';
import { parseTextToolCalls } from '../../../src/research/agent/text-tool-calls.js';
import { fetchPageTool } from '../../../src/research/agent/tools/fetch-page.tool.js';
import { submitContactsTool } from '../../../src/research/agent/tools/submit-contacts.tool.js';
import { toolDeclaration, type AgentTool } from '../../../src/research/agent/tools/tool.js';
import { modelServerOf } from '../../../src/research/llm/model-server.js';
import { checkPromptTruncation, PromptTruncatedError } from '../../../src/research/llm/prompt-truncation.js';
import { estimateCostUsd, taskCost } from '../../../src/research/llm/token-cost.js';
import { addModelUsage, emptyUsage } from '../../../src/research/llm/usage.js';
import { readPage } from '../../../src/research/web/page-reader.js';

const TOOLS = ['search_web', 'fetch_page', 'submit_contacts', 'finish_research'];

describe('tool calls written as text', () => {
  it('reads the forms small and local models use', () => {
    expect(parseTextToolCalls('{"name": "search_web", "arguments": {"query": "cfo acme"}}', TOOLS)).toEqual([
      { name: 'search_web', arguments: '{"query":"cfo acme"}' },
    ]);
    expect(
      parseTextToolCalls(
        'Let me search.\n<tool_call>\n{"name": "fetch_page", "arguments": {"url": "https://a.example/team"}}\n</tool_call>',
        TOOLS,
      ),
    ).toEqual([{ name: 'fetch_page', arguments: '{"url":"https://a.example/team"}' }]);
    expect(parseTextToolCalls('```json\n{"name": "search_web", "parameters": {"query": "x"}}\n```', TOOLS)).toEqual([
      { name: 'search_web', arguments: '{"query":"x"}' },
    ]);
    expect(
      parseTextToolCalls(
        '[TOOL_CALLS][{"name": "search_web", "arguments": {"query": "a"}}, {"name": "search_web", "arguments": {"query": "b"}}]',
        TOOLS,
      ),
    ).toHaveLength(2);
    expect(
      parseTextToolCalls(
        '{"type": "function", "function": {"name": "finish_research", "arguments": "{\\"summary\\": \\"done\\"}"}}',
        TOOLS,
      ),
    ).toEqual([{ name: 'finish_research', arguments: '{"summary": "done"}' }]);
    // Braces inside strings do not confuse it.
    expect(
      parseTextToolCalls('Sure: {"name": "search_web", "arguments": {"query": "a } b { c"}} — done', TOOLS),
    ).toEqual([{ name: 'search_web', arguments: '{"query":"a } b { c"}' }]);
  });

  it('takes nothing that is not a call of one of the tools', () => {
    expect(parseTextToolCalls('I think the Head of Sales is Jane {maybe}.', TOOLS)).toEqual([]);
    expect(parseTextToolCalls('{"name": "delete_everything", "arguments": {}}', TOOLS)).toEqual([]);
    expect(parseTextToolCalls('{"name": "search_web", "arguments": {"query": "unterminated"', TOOLS)).toEqual([]);
    expect(parseTextToolCalls('{"fullName": "Jane Doe"}', TOOLS)).toEqual([]);
    expect(parseTextToolCalls(null, TOOLS)).toEqual([]);
    expect(parseTextToolCalls('{'.repeat(300_000), TOOLS)).toEqual([]);
    expect(
      parseTextToolCalls(
        Array.from({ length: 50 }, () => '{"name": "search_web", "arguments": {"query": "x"}}').join('\n'),
        TOOLS,
      ),
    ).toHaveLength(20);
  });
});

describe('tool declarations', () => {
  const schemaOf = (tool: AgentTool, strict: boolean) => toolDeclaration(tool, { strict }).function;
  it('closes every object, and in strict mode drops the keywords strict mode refuses while requiring every field', () => {
    const loose = schemaOf(submitContactsTool, false);
    expect(loose.strict).toBeUndefined();
    expect(JSON.stringify(loose.parameters)).toContain('"maxLength"');
    const strict = schemaOf(submitContactsTool, true);
    expect(strict.strict).toBe(true);
    const text = JSON.stringify(strict.parameters);
    expect(text).not.toMatch(/"(maxLength|minLength|maxItems|minItems|format|pattern|default)"/);
    const contact = (
      strict.parameters as {
        properties: { contacts: { items: { required: string[]; properties: object; additionalProperties: boolean } } };
      }
    ).properties.contacts.items;
    expect(contact.additionalProperties).toBe(false);
    expect(contact.required.sort()).toEqual(Object.keys(contact.properties).sort());
    expect((schemaOf(fetchPageTool, true).parameters as { additionalProperties: boolean }).additionalProperties).toBe(
      false,
    );
  });

  it('knows which servers take strict schemas and a forced tool_choice', () => {
    expect(modelServerOf(undefined)).toEqual({ kind: 'openai', strictTools: true, toolChoice: true });
    expect(modelServerOf('https://api.openai.com/v1')).toMatchObject({ kind: 'openai', strictTools: true });
    expect(modelServerOf('https://my-res.openai.azure.com/openai/v1/')).toMatchObject({
      kind: 'azure',
      strictTools: true,
    });
    expect(modelServerOf('http://localhost:11434/v1')).toMatchObject({
      kind: 'ollama',
      strictTools: false,
      toolChoice: false,
    });
    expect(modelServerOf('https://openrouter.ai/api/v1')).toMatchObject({ kind: 'openrouter', strictTools: false });
    expect(modelServerOf('http://localhost:8000/v1')).toMatchObject({
      kind: 'other',
      strictTools: false,
      toolChoice: true,
    });
    // A look-alike host is not OpenAI.
    expect(modelServerOf('https://api.openai.com.evil.example/v1').kind).toBe('other');
  });
});

describe('truncated prompts', () => {
  const sent = { messages: [{ role: 'tool', content: 'word '.repeat(10_000) }] };
  it('are caught when the server reports far fewer tokens than were sent, naming the setting to raise', () => {
    expect(() => checkPromptTruncation(sent, 2048)).toThrow(PromptTruncatedError);
    expect(() => checkPromptTruncation(sent, 2048)).toThrow(/OLLAMA_CONTEXT_LENGTH.*num_ctx/);
  });
  it('are not suspected on an honest count, a missing count or a small prompt', () => {
    expect(() => checkPromptTruncation(sent, 12_600)).not.toThrow();
    expect(() => checkPromptTruncation(sent, 0)).not.toThrow();
    expect(() => checkPromptTruncation(sent, undefined)).not.toThrow();
    expect(() => checkPromptTruncation({ messages: [{ role: 'user', content: 'hi '.repeat(500) }] }, 10)).not.toThrow();
  });
});

describe('cost', () => {
  it("adds usage in either API's field names, cached tokens included, ignoring nonsense", () => {
    const usage = emptyUsage();
    addModelUsage(usage, {
      prompt_tokens: 10_000,
      completion_tokens: 500,
      prompt_tokens_details: { cached_tokens: 8_192 },
    });
    addModelUsage(usage, { input_tokens: 300, output_tokens: 80, input_tokens_details: { cached_tokens: 0 } });
    addModelUsage(usage, { prompt_tokens: -5, completion_tokens: Number.NaN });
    addModelUsage(usage, undefined);
    expect(usage).toEqual({
      promptTokens: 10_300,
      cachedPromptTokens: 8_192,
      completionTokens: 580,
      modelCalls: 4,
      searchCalls: 0,
    });
  });

  it('prices cached tokens lower and adds the searches', () => {
    // gpt-4.1-mini: 0.40 input, 0.10 cached, 1.60 output per million.
    expect(
      estimateCostUsd('gpt-4.1-mini', {
        promptTokens: 1_000_000,
        cachedPromptTokens: 500_000,
        completionTokens: 100_000,
      }),
    ).toBeCloseTo(0.2 + 0.05 + 0.16, 6);
    expect(estimateCostUsd('openai/gpt-4.1-mini', { promptTokens: 1_000_000, completionTokens: 0 })).toBeCloseTo(
      0.4,
      6,
    );
    expect(estimateCostUsd('llama3.1:8b', { promptTokens: 1, completionTokens: 1 })).toBeNull();
    const usage = { ...emptyUsage(), promptTokens: 1_000_000, completionTokens: 0, searchCalls: 7 };
    expect(taskCost('gpt-4.1-mini', usage, { searchPer1k: 10 })).toEqual({ costUsd: 0.47, searchCostUsd: 0.07 });
    expect(taskCost('llama3.1:8b', usage, { searchPer1k: 10 })).toEqual({ costUsd: null, searchCostUsd: 0.07 });
    expect(taskCost('llama3.1:8b', usage, { searchPer1k: 0, model: { input: 0, output: 0 } })).toEqual({
      costUsd: 0,
      searchCostUsd: 0,
    });
  });
});

describe('the brief and the page digest', () => {
  it("gives today's date, current roles only, a playbook and query planning", () => {
    const prompt = systemPrompt(new Date('2026-12-01T10:00:00Z'));
    expect(prompt).toContain('Today is 2026-12-01.');
    expect(prompt).toContain('Current role only');
    expect(prompt).toMatch(/site:example\.com team/);
    expect(prompt).toContain('"appoints", "joins as"');
    expect(prompt).toMatch(/speaker lists/i);
    expect(prompt).toMatch(/several times in your first turn, with distinct queries/);
  });

  it("keeps a page's people, links and who was handed in, in a few hundred characters, with nothing that closes its tag", () => {
    const html = `<html><head><title>Team "x"> </title></head><body>${'<p>filler text about payments</p>'.repeat(2000)}<div class="h-card"><span class="p-name">Ann Lee</span> <span class="p-job-title">CFO</span></div><a href="mailto:ann@acme.example">mail</a><a href="https://www.linkedin.com/in/ann-lee">in</a></body></html>`;
    const page = readPage('https://acme.example/team', html, 'text/html');
    const digest = pageDigest(page, ['Ann Lee']);
    expect(digest.length).toBeLessThan(900);
    expect(digest).toContain('Ann Lee, CFO');
    expect(digest).toContain('ann@acme.example');
    expect(digest).toContain('https://www.linkedin.com/in/ann-lee');
    expect(digest).toContain('Already handed in from it: Ann Lee');
    expect(digest.match(/<\/page-digest>/g)).toHaveLength(1);
    expect(digest.split('\n')[0]).not.toMatch(/title="[^"]*"[^>]*"/);
  });
});

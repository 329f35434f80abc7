import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';

import { parseConfig } from '../../../src/config/config.js';
import { modelServerOf } from '../../../src/research/llm/model-server.js';

const readme = readFileSync(path.resolve(import.meta.dirname, '../../../README.md'), 'utf8');
const servers = readme.slice(readme.indexOf('### Model servers'), readme.indexOf('### How a research task runs'));
/** Each "#### Name" section's ```env fragment. */
const fragments = new Map(
  [...servers.matchAll(/#### (.+)\n\n```env\n([\s\S]*?)```/g)].map((m) => [m[1]!.trim(), m[2]!]),
);
const context = { cwd: '/srv/crm', stdoutIsTTY: false };
/** The fragment read the way `.env` is read at start (process.loadEnvFile's parser), then the app's config parser. */
const configOf = (name: string) => parseConfig(parseEnv(fragments.get(name)!), context);

describe('README: an .env fragment for every model server', () => {
  it('has one for each server the README promises', () => {
    expect([...fragments.keys()]).toEqual(['OpenAI', 'Azure OpenAI', 'Ollama', 'vLLM', 'LM Studio', 'OpenRouter']);
  });

  it.each([
    ['OpenAI', 'openai', 'openai'],
    ['Azure OpenAI', 'azure', 'openai'],
    ['Ollama', 'ollama', 'searxng'],
    ['vLLM', 'other', 'searxng'],
    ['LM Studio', 'other', 'searxng'],
    ['OpenRouter', 'openrouter', 'tavily'],
  ])('%s: research is on, with the expected server and search', (name, server, search) => {
    const config = configOf(name);
    expect(config.research.disabledReason).toBeUndefined();
    expect(config.research.llm).toBeDefined();
    expect(modelServerOf(config.research.llm!.baseUrl).kind).toBe(server);
    expect(config.research.search?.provider).toBe(search);
  });

  it('"research with only an OpenAI key" is true: the key alone turns research on, with OpenAI\'s web search', () => {
    const config = parseConfig({ OPENAI_API_KEY: 'sk-only' }, context);
    expect(config.research.disabledReason).toBeUndefined();
    expect(config.research.search).toEqual({ provider: 'openai', model: 'gpt-4.1-mini' });
    expect(config.research.searchPricePer1k).toBe(10);
  });
});

describe('search provider defaults', () => {
  it('keeps a configured provider over the OpenAI default, and never defaults to OpenAI search for another server', () => {
    expect(parseConfig({ OPENAI_API_KEY: 'sk', SEARXNG_URL: 'http://s:8888' }, context).research.search?.provider).toBe(
      'searxng',
    );
    expect(parseConfig({ OPENAI_API_KEY: 'sk', BRAVE_API_KEY: 'b' }, context).research).toMatchObject({
      search: { provider: 'brave' },
      searchPricePer1k: 5,
    });
    const local = parseConfig({ OPENAI_API_KEY: 'sk', OPENAI_BASE_URL: 'http://localhost:11434/v1' }, context);
    expect(local.research.search).toBeUndefined();
    expect(local.research.disabledReason).toContain('SEARCH_PROVIDER=openai|brave|tavily');
    expect(
      parseConfig({ OPENAI_API_KEY: 'sk', OPENAI_BASE_URL: 'https://api.openai.com/v1' }, context).research.search
        ?.provider,
    ).toBe('openai');
  });

  it('refuses SEARCH_PROVIDER=openai without a key, and takes a search price', () => {
    expect(() =>
      parseConfig({ OPENAI_BASE_URL: 'http://localhost:11434/v1', SEARCH_PROVIDER: 'openai' }, context),
    ).toThrow(/SEARCH_PROVIDER: openai needs OPENAI_API_KEY/);
    expect(parseConfig({ OPENAI_API_KEY: 'sk', SEARCH_PRICE_PER_1K: '25' }, context).research.searchPricePer1k).toBe(
      25,
    );
    expect(parseConfig({ OPENAI_API_KEY: 'sk', SEARXNG_URL: 'http://s' }, context).research.searchPricePer1k).toBe(0);
    expect(() => parseConfig({ SEARCH_PRICE_PER_1K: '-1' }, context)).toThrow(/SEARCH_PRICE_PER_1K/);
  });
});

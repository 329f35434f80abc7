import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { BraveSearch } from '../../../src/research/search/brave.search.js';
import { SearxngSearch } from '../../../src/research/search/searxng.search.js';
import { TavilySearch } from '../../../src/research/search/tavily.search.js';
import { eventually } from '../../support/eventually.js';

/** One loopback server that speaks each provider's API, with failures on demand. */
let base = '';
const seen: { path: string; headers: Record<string, unknown>; body: string }[] = [];
let failNext: { status: number; times: number; headers?: Record<string, string> } | undefined;
let garbage = false;
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    seen.push({ path: req.url ?? '', headers: req.headers, body });
    if (failNext && failNext.times > 0) {
      failNext.times -= 1;
      return void res.writeHead(failNext.status, failNext.headers).end('{}');
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    if (garbage) return void res.end('<html>not json');
    const url = new URL(req.url ?? '/', base);
    if (url.pathname === '/search' && req.method === 'GET')
      return void res.end(
        JSON.stringify({
          results: [
            { url: 'https://a.example/1', title: 'One', content: 'first' },
            { url: 'https://a.example/1', title: 'Dup', content: '' },
            { url: 'javascript:alert(1)', title: 'bad', content: '' },
          ],
        }),
      );
    if (url.pathname === '/res/v1/web/search')
      return void res.end(
        JSON.stringify({
          web: { results: [{ url: 'https://b.example/', title: 'Brave', description: '<strong>Jane</strong> Doe' }] },
        }),
      );
    if (url.pathname === '/search' && req.method === 'POST')
      return void res.end(
        JSON.stringify({ results: [{ url: 'https://t.example/', title: 'Tavily', content: 'snippet', score: 0.9 }] }),
      );
    res.end('{}');
  });
});
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('search providers', () => {
  it('SearXNG: JSON API, results cleaned and de-duplicated', async () => {
    const results = await new SearxngSearch(base, 2_000).search('heads of sales', { limit: 5 });
    expect(results).toEqual([{ url: 'https://a.example/1', title: 'One', snippet: 'first' }]);
    expect(seen.at(-1)!.path).toBe('/search?q=heads+of+sales&format=json');
  });

  it('Brave: subscription token, HTML stripped from snippets', async () => {
    const results = await new BraveSearch(base, 'brave-key', 2_000).search('jane', { limit: 5 });
    expect(results).toEqual([{ url: 'https://b.example/', title: 'Brave', snippet: 'Jane Doe' }]);
    expect(seen.at(-1)!.headers['x-subscription-token']).toBe('brave-key');
  });

  it('Tavily: bearer key and a JSON body', async () => {
    const results = await new TavilySearch(base, 'tvly-key', 2_000).search('jane', { limit: 3 });
    expect(results).toEqual([{ url: 'https://t.example/', title: 'Tavily', snippet: 'snippet' }]);
    expect(seen.at(-1)!.headers.authorization).toBe('Bearer tvly-key');
    expect(JSON.parse(seen.at(-1)!.body)).toEqual({ query: 'jane', max_results: 3, search_depth: 'basic' });
  });

  it('retries 429 and 5xx, then reports what went wrong', async () => {
    failNext = { status: 429, times: 2, headers: { 'retry-after': '0' } };
    expect(await new SearxngSearch(base, 2_000).search('x', { limit: 5 })).toHaveLength(1);
    failNext = { status: 502, times: 3 };
    await expect(new SearxngSearch(base, 2_000).search('x', { limit: 5 })).rejects.toMatchObject({
      message: 'SearXNG answered HTTP 502',
      retryable: true,
    });
    failNext = { status: 403, times: 1 };
    await expect(new SearxngSearch(base, 2_000).search('x', { limit: 5 })).rejects.toMatchObject({
      message: 'SearXNG answered HTTP 403 (is "json" enabled in its search.formats?)',
      retryable: false,
    });
    failNext = { status: 401, times: 1 };
    await expect(new BraveSearch(base, 'bad', 2_000).search('x', { limit: 5 })).rejects.toMatchObject({
      message: 'Brave Search answered HTTP 401 (check the API key)',
    });
    failNext = undefined;
  });

  it('reports garbage instead of crashing', async () => {
    garbage = true;
    await expect(new TavilySearch(base, 'k', 2_000).search('x', { limit: 5 })).rejects.toMatchObject({
      message: 'Tavily answered with something that is not JSON',
    });
    garbage = false;
  });
});

describe('a search backend that hangs', () => {
  it('gives up at the time limit with a retryable error', async () => {
    // How long the server held each attempt open before the client gave up on it.
    const held: number[] = [];
    const silent = createServer((_req, res) => {
      const at = performance.now();
      res.once('close', () => held.push(performance.now() - at));
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      await expect(new SearxngSearch(url, 200).search('x', { limit: 5 })).rejects.toMatchObject({
        message: 'SearXNG did not answer in time',
        retryable: true,
      });
      await eventually(() => held.length >= 3, 10_000, 'the server to see three attempts end');
      expect(held).toHaveLength(3); // the first try and two retries, each abandoned
      // Each was given up at the 200 ms limit: the quickest of the three well within 1 s, so that
      // one late timer on a busy machine (or the fixed retry pauses) does not count against it.
      expect(Math.min(...held)).toBeLessThan(1_000);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });
});

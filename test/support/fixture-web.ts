import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FixturePage {
  status?: number;
  contentType?: string;
  headers?: Record<string, string>;
  body?: string | Buffer | ((base: string) => string);
  /** Wait before answering (a slow site). */
  delayMs?: number;
  /** Send this many bytes of filler after the body (a huge page). */
  padBytes?: number;
}

/**
 * A local web on loopback: fixture pages by path, and a SearXNG-shaped search API at
 * `/search?q=…&format=json` that answers every query with `searchResults` (URLs relative to the site).
 */
export async function startFixtureWeb(
  pages: Record<string, FixturePage>,
  searchResults: { path: string; title: string; snippet: string }[] = [],
) {
  const hits: string[] = [];
  // String bodies encoded once: the fixture web shares the test's event loop, and encoding a 3 MB
  // page at each request would stall that loop (and the app's /healthz being measured) itself.
  const encoded = new Map<string, Buffer>();
  const bytesOf = (body: string) => {
    if (body.length < 64 * 1024) return body;
    let bytes = encoded.get(body);
    if (!bytes) encoded.set(body, (bytes = Buffer.from(body)));
    return bytes;
  };
  for (const page of Object.values(pages)) if (typeof page.body === 'string') bytesOf(page.body);
  let inFlight = 0;
  let maxInFlight = 0;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', base);
    hits.push(url.pathname);
    if (url.pathname !== '/search') {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      res.on('close', () => (inFlight -= 1));
    }
    if (url.pathname === '/search') {
      if (url.searchParams.get('format') !== 'json') return void res.writeHead(403).end('json format not enabled');
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(
        JSON.stringify({
          query: url.searchParams.get('q'),
          results: searchResults.map((r) => ({
            url: base + r.path,
            title: r.title,
            content: r.snippet,
            engine: 'fixture',
          })),
        }),
      );
    }
    const page = pages[url.pathname];
    if (!page) return void res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>');
    const send = () => {
      if (res.destroyed) return;
      res.writeHead(page.status ?? 200, {
        'content-type': page.contentType ?? 'text/html; charset=utf-8',
        ...page.headers,
      });
      const body =
        typeof page.body === 'function'
          ? page.body(base)
          : typeof page.body === 'string'
            ? bytesOf(page.body)
            : (page.body ?? '');
      if (!page.padBytes) return void res.end(body);
      res.write(body);
      const chunk = Buffer.alloc(64 * 1024, 'x');
      let left = page.padBytes;
      const pump = () => {
        while (left > 0) {
          left -= chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('error', () => undefined);
      pump();
    };
    if (page.delayMs) setTimeout(send, page.delayMs);
    else send();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    hits,
    /** The most page requests (searches aside) that were open at once. */
    get maxConcurrentPages() {
      return maxInFlight;
    },
    /** Counts `maxConcurrentPages` afresh from now on. */
    resetConcurrency() {
      maxInFlight = inFlight;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
export type FixtureWeb = Awaited<ReturnType<typeof startFixtureWeb>>;

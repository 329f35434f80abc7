import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { anyAddress, publicAddressesOnly } from '../../../src/research/web/address-policy.js';
import { PageFetcher } from '../../../src/research/web/page-fetcher.js';
import { startFixtureWeb, type FixtureWeb } from '../../support/fixture-web.js';

let web: FixtureWeb;
beforeAll(async () => {
  web = await startFixtureWeb({
    '/page': { body: '<html><body><p>Jane Doe</p></body></html>' },
    '/latin1': { contentType: 'text/html; charset=iso-8859-1', body: Buffer.from('caf\u00e9', 'latin1') },
    '/to-page': { status: 302, headers: { location: '/page' } },
    '/to-private': { status: 302, headers: { location: 'http://127.0.0.2/secret' } },
    '/to-metadata': { status: 301, headers: { location: 'http://169.254.169.254/latest/meta-data/' } },
    '/to-file': { status: 302, headers: { location: 'file:///etc/passwd' } },
    '/loop': { status: 302, headers: { location: '/loop' } },
    '/slow': { delayMs: 3_000, body: 'late' },
    '/huge': { body: '<html><body><p>Start of a huge page</p>', padBytes: 5_000_000 },
    '/pdf': { contentType: 'application/pdf', body: '%PDF-1.4' },
    '/missing': { status: 404, body: 'gone' },
  });
});
afterAll(async () => {
  await web.close();
});

// The fixture web is on 127.0.0.1: these tests allow that one address and the public rule otherwise.
const onlyFixtureHost = (ip: string) => ip === '127.0.0.1' || publicAddressesOnly(ip);
// A limit no loopback page comes near, however busy the machine; the slow-page check sets its own.
const fetcher = (allow = onlyFixtureHost, timeoutMs = 10_000) =>
  new PageFetcher({ allowAddress: allow, timeoutMs, maxBytes: 100_000 });

describe('PageFetcher', () => {
  it('reads a page and follows redirects', async () => {
    const outcome = await fetcher().fetch(`${web.base}/to-page`);
    expect(outcome).toMatchObject({ ok: true, page: { url: `${web.base}/page`, status: 200, truncated: false } });
    if (outcome.ok) expect(outcome.page.body).toContain('Jane Doe');
  });

  it('decodes the charset the server names', async () => {
    const outcome = await fetcher().fetch(`${web.base}/latin1`);
    expect(outcome.ok && outcome.page.body).toBe('café');
  });

  it('refuses loopback, private and metadata addresses, also behind a redirect or a host name', async () => {
    const strict = fetcher(publicAddressesOnly);
    expect(await strict.fetch(`${web.base}/page`)).toMatchObject({
      ok: false,
      error: 'refused to connect to 127.0.0.1: not a public address',
    });
    expect(await strict.fetch(`http://localhost:${new URL(web.base).port}/page`)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^refused to connect to (127\.0\.0\.1|::1): not a public address$/),
    });
    expect(await strict.fetch('http://[::1]/')).toMatchObject({
      ok: false,
      error: 'refused to connect to ::1: not a public address',
    });
    expect(await strict.fetch('http://10.1.2.3/')).toMatchObject({
      ok: false,
      error: 'refused to connect to 10.1.2.3: not a public address',
    });
    const f = fetcher();
    expect(await f.fetch(`${web.base}/to-private`)).toMatchObject({
      ok: false,
      url: 'http://127.0.0.2/secret',
      error: 'refused to connect to 127.0.0.2: not a public address',
    });
    expect(await f.fetch(`${web.base}/to-metadata`)).toMatchObject({
      ok: false,
      error: 'refused to connect to 169.254.169.254: not a public address',
    });
    expect(web.hits).not.toContain('/secret');
  });

  it('reads only http(s) pages without credentials', async () => {
    const f = fetcher();
    expect(await f.fetch('file:///etc/passwd')).toMatchObject({
      ok: false,
      error: 'only http and https pages can be read (not file:)',
    });
    expect(await f.fetch(`${web.base}/to-file`)).toMatchObject({
      ok: false,
      error: 'only http and https pages can be read (not file:)',
    });
    expect(await f.fetch(`http://user:pw@127.0.0.1:${new URL(web.base).port}/page`)).toMatchObject({
      ok: false,
      error: 'URLs with credentials are not read',
    });
    expect(await f.fetch('not a url')).toMatchObject({ ok: false, error: 'not a valid URL' });
  });

  it('gives up on redirect loops, slow pages, non-pages and errors', async () => {
    const f = fetcher();
    expect(await f.fetch(`${web.base}/loop`)).toMatchObject({ ok: false, error: 'too many redirects' });
    // The 1 s limit fires before the page's 3 s answer (timers fire in order, even late on a busy
    // machine): a timeout error proves the fetch gave up first, without a wall-clock bound.
    expect(await fetcher(onlyFixtureHost, 1_000).fetch(`${web.base}/slow`)).toMatchObject({
      ok: false,
      error: 'the page did not answer in time',
    });
    expect(await f.fetch(`${web.base}/pdf`)).toMatchObject({ ok: false, error: 'not a web page (application/pdf)' });
    expect(await f.fetch(`${web.base}/missing`)).toMatchObject({ ok: false, error: 'the server answered HTTP 404' });
    const closed = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    expect(await f.fetch(`http://127.0.0.1:${closed}/`)).toMatchObject({
      ok: false,
      error: 'the server refused the connection',
    });
    expect(await f.fetch('http://127.0.0.1:1/')).toMatchObject({ ok: false, error: 'could not be read (bad port)' });
  });

  it('cuts a huge page at the size limit', async () => {
    const outcome = await fetcher(anyAddress, 5_000).fetch(`${web.base}/huge`);
    expect(outcome).toMatchObject({ ok: true, page: { truncated: true } });
    if (outcome.ok) {
      expect(outcome.page.body.length).toBe(100_000);
      expect(outcome.page.body).toContain('Start of a huge page');
    }
  });

  it('stops when the task is cancelled', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort('cancelled'), 100);
    expect(await fetcher(anyAddress, 5_000).fetch(`${web.base}/slow`, controller.signal)).toMatchObject({
      ok: false,
      error: 'stopped: the research task was cancelled or ran out of time',
    });
  });
});

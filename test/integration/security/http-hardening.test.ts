import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';

import { resolveAdminToken } from '../../../src/http/admin-token.js';
import { startTestApp, TEST_TOKEN } from '../../support/test-app.js';

const mode = (file: string) => statSync(file).mode & 0o777;

describe('the admin rate limit', () => {
  it('counts one token however its header is spelled', async () => {
    const t = await startTestApp({ env: { ADMIN_API_RATE_LIMIT: '5' } });
    try {
      const spellings = [
        `Bearer ${TEST_TOKEN}`,
        `bearer ${TEST_TOKEN}`,
        `BEARER  ${TEST_TOKEN}`,
        `Bearer   ${TEST_TOKEN} `,
        `Bearer\t${TEST_TOKEN}`,
        ` Bearer ${TEST_TOKEN}`,
      ];
      const statuses: number[] = [];
      for (let i = 0; i < 20; i += 1) {
        statuses.push(
          (await fetch(`${t.url}/api/contacts`, { headers: { authorization: spellings[i % spellings.length]! } }))
            .status,
        );
      }
      expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      expect(statuses.slice(5)).toEqual(Array(15).fill(429));
    } finally {
      await t.close();
    }
  });
});

describe('failed authentications', () => {
  it('are limited per client address; the forwarded address counts only behind a trusted proxy', async () => {
    const t = await startTestApp({ env: { ADMIN_API_AUTH_FAILURE_LIMIT: '3' } });
    try {
      const wrong = (xff?: string) =>
        fetch(`${t.url}/api/contacts`, {
          headers: {
            authorization: 'Bearer wrong-token-wrong-token-wrong',
            ...(xff ? { 'x-forwarded-for': xff } : {}),
          },
        }).then((r) => r.status);
      // A spoofed X-Forwarded-For does not give a new address when no proxy is trusted.
      expect([await wrong('1.1.1.1'), await wrong('2.2.2.2'), await wrong('3.3.3.3')]).toEqual([401, 401, 401]);
      expect(await wrong('4.4.4.4')).toBe(429);
      // Now this address is held back, even with the right token, until the window passes.
      const right = await t.api('GET', '/api/contacts');
      expect(right.status).toBe(429);
      expect(right.body.error.code).toBe('rate_limited');
      expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await t.close();
    }
    const proxied = await startTestApp({ env: { ADMIN_API_AUTH_FAILURE_LIMIT: '2', TRUST_PROXY: 'loopback' } });
    try {
      const wrong = (xff: string) =>
        fetch(`${proxied.url}/api/contacts`, {
          headers: { authorization: 'Bearer nope-nope-nope-nope-nope-nope', 'x-forwarded-for': xff },
        }).then((r) => r.status);
      expect([await wrong('203.0.113.7'), await wrong('203.0.113.7'), await wrong('203.0.113.7')]).toEqual([
        401, 401, 429,
      ]);
      // Another client behind the same proxy is not held back; successful requests are not counted.
      for (let i = 0; i < 4; i += 1)
        expect(
          (await proxied.api('GET', '/api/contacts', undefined, { 'x-forwarded-for': '198.51.100.9' })).status,
        ).toBe(200);
      expect(await wrong('198.51.100.9')).toBe(401);
    } finally {
      await proxied.close();
    }
  });
});

describe('security headers', () => {
  it('are on every response, and the docs page keeps no token', async () => {
    const t = await startTestApp();
    try {
      const responses = await Promise.all(
        [
          '/healthz',
          '/readyz',
          '/docs/',
          '/docs/swagger-ui-init.js',
          '/api/contacts',
          '/api/nothing',
          '/nothing',
          '/api/openapi.json',
        ].map(async (route) => ({
          route,
          res: await fetch(t.url + route, {
            headers:
              route.startsWith('/api/contacts') || route === '/api/openapi.json'
                ? { authorization: `Bearer ${TEST_TOKEN}` }
                : {},
          }),
        })),
      );
      responses.push({ route: 'unauthorized', res: await fetch(`${t.url}/api/contacts`) });
      for (const { route, res } of responses) {
        expect(res.headers.get('x-content-type-options'), route).toBe('nosniff');
        expect(res.headers.get('x-frame-options'), route).toBe('DENY');
        const csp = res.headers.get('content-security-policy') ?? '';
        expect(csp, route).toContain("frame-ancestors 'none'");
        expect(csp, route).toContain("script-src 'self'");
        expect(csp, route).not.toMatch(/script-src[^;]*unsafe/);
      }
      // The docs page loads only its own scripts (no inline script the CSP would block).
      const html = await (await fetch(`${t.url}/docs/`)).text();
      expect(html).not.toMatch(/<script>(?!\s*<\/script>)/);
      for (const [, src] of html.matchAll(/<script src=["']([^"']+)["']/g)) expect(src).not.toMatch(/^(https?:)?\/\//);
      const init = await (await fetch(`${t.url}/docs/swagger-ui-init.js`)).text();
      expect(init).toMatch(/"persistAuthorization":\s*false/);
      expect(init).not.toContain(TEST_TOKEN);
    } finally {
      await t.close();
    }
  });
});

describe('files', () => {
  it('keeps the data folder 0700 and the token file 0600 on every start', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'crm-perm-'));
    try {
      const dataDir = path.join(dir, 'data');
      const logger = pino({ level: 'silent' });
      const first = resolveAdminToken(undefined, dataDir, logger);
      expect(mode(dataDir)).toBe(0o700);
      expect(mode(first.file!)).toBe(0o600);
      // Loosened by hand (or an older version, or a copy): put back at the next start.
      chmodSync(dataDir, 0o755);
      chmodSync(first.file!, 0o644);
      expect(resolveAdminToken(undefined, dataDir, logger).token).toBe(first.token);
      expect(mode(dataDir)).toBe(0o700);
      expect(mode(first.file!)).toBe(0o600);
      // A too-short token file written 0644 is replaced, and the replacement is 0600.
      writeFileSync(first.file!, 'short\n', { mode: 0o644 });
      chmodSync(first.file!, 0o644);
      const regenerated = resolveAdminToken(undefined, dataDir, logger);
      expect(regenerated.token).not.toBe(first.token);
      expect(readFileSync(first.file!, 'utf8').trim()).toBe(regenerated.token);
      expect(mode(first.file!)).toBe(0o600);
      // With ADMIN_API_TOKEN set, the folder is still made private.
      chmodSync(dataDir, 0o777);
      resolveAdminToken(TEST_TOKEN, dataDir, logger);
      expect(mode(dataDir)).toBe(0o700);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps a SQLite database file readable by its owner only', async () => {
    const t = await startTestApp();
    try {
      if (t.app.database.provider !== 'sqlite') return;
      const file = t.app.config.database.filePath!;
      expect(mode(file)).toBe(0o600);
    } finally {
      await t.close();
    }
  });
});

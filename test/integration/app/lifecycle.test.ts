import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { startTestApp } from '../../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';

let database: TestDatabase;
let dataDir: string;
beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'crm-life-'));
});
afterAll(async () => {
  await database.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** `src/main.ts` in a child process, as `npm start` runs it; resolves once it listens. */
function startProcess(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_FORMAT: 'json',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"url":"(http:\/\/[^"]+)"/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => reject(new Error(`exited with ${code} before listening:\n${output}`)));
  });
  return { child, listening, exited, output: () => output };
}

describe('the process', () => {
  it('creates an admin token on first start, then finishes requests in flight on SIGTERM and exits 0', async () => {
    const app = startProcess({});
    const url = await app.listening;
    const tokenFile = path.join(dataDir, 'admin-api-token');
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
    const token = readFileSync(tokenFile, 'utf8').trim();
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(app.output()).not.toContain(token);

    const rows = Array.from({ length: 4000 }, (_, i) => ({
      fullName: `Inflight ${i}`,
      email: `inflight${i}@example.com`,
    }));
    // In flight for certain, not after a guessed 150 ms (a busy machine may not have let the app read it yet, and a
    // request not begun when the app stops is not one it must finish): the app has read its headers — it answered
    // "100 Continue" — and the whole body is sent.
    const request = http.request(`${url}/api/contacts/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', expect: '100-continue' },
    });
    const inFlight = new Promise<{ status: number; body: string }>((resolve, reject) => {
      request.once('error', reject);
      request.once('response', (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.once('end', () => resolve({ status: res.statusCode ?? 0, body }));
        res.once('error', reject);
      });
    });
    await new Promise<void>((resolve) => request.once('continue', resolve));
    await new Promise<void>((resolve) => request.end(JSON.stringify(rows), resolve));
    const signalledAt = Date.now();
    app.child.kill('SIGTERM');
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect((JSON.parse(response.body) as { created: number }).created).toBe(4000);
    expect(await app.exited).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(10_000);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });

  it('refuses to start on a bad config, one line per problem', async () => {
    const app = startProcess({ PORT: 'eighty', LOG_LEVEL: 'loud' });
    await expect(app.listening).rejects.toThrow();
    expect(await app.exited).toBe(1);
    expect(app.output()).toContain('PORT: ');
    expect(app.output()).toContain('(example: 3000)');
    expect(app.output()).toContain('LOG_LEVEL: ');
  });
});

describe('readiness', () => {
  // A SQLite file open in the process cannot go away underneath it; a database server can.
  it.runIf(inject('databaseProvider') === 'postgresql')(
    'fails with 503 while the database server is unreachable',
    async () => {
      const t = await startTestApp();
      try {
        expect((await fetch(`${t.url}/readyz`)).status).toBe(200);
        await t.database.drop();
        const res = await fetch(`${t.url}/readyz`);
        expect(res.status).toBe(503);
        expect(await res.json()).toEqual({ status: 'unavailable', database: 'unreachable' });
        const api = await t.api('GET', '/api/contacts');
        expect(api.status).toBe(503);
        expect(api.body.error).toEqual({
          code: 'unavailable',
          message: 'The database is not reachable; try again shortly',
        });
      } finally {
        await t.close();
      }
    },
  );
});

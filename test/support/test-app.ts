import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';

import { createApp, type App, type AppOverrides } from '../../src/app.js';
import { parseConfig } from '../../src/config/config.js';
import type { ScratchDatabase } from './scratch-database.js';

export const TEST_TOKEN = 'test-admin-token-0123456789abcdef';

export interface TestApp {
  app: App;
  url: string;
  database: ScratchDatabase;
  /**
   * fetch against the app with the admin token (unless `headers.authorization` says otherwise). `body` is the parsed
   * JSON: `any` so tests can assert into it.
   */
  api(
    method: string,
    route: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: any; text: string; headers: Headers }>;
  close(): Promise<void>;
}

/**
 * The whole app, as `npm start` builds it, on a fresh database and a free loopback port. The
 * database defaults to one of the kind the test project runs on.
 */
export async function startTestApp(
  options: {
    env?: Record<string, string>;
    clock?: () => Date;
    database?: () => Promise<ScratchDatabase>;
    overrides?: AppOverrides;
  } = {},
): Promise<TestApp> {
  const database = await (options.database ?? (await import('./test-database.js')).createTestDatabase)();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'crm-data-'));
  const config = parseConfig(
    {
      DATABASE_URL: database.url,
      PORT: '0',
      HOST: '127.0.0.1',
      ADMIN_API_TOKEN: TEST_TOKEN,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      ...options.env,
    },
    { cwd: process.cwd(), stdoutIsTTY: false },
  );
  const app = createApp(config, {
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    clock: options.clock,
    ...options.overrides,
  });
  const { url } = await app.start();
  return {
    app,
    url,
    database,
    api: async (method, route, body, headers = {}) => {
      const init: RequestInit = { method, headers: { authorization: `Bearer ${TEST_TOKEN}`, ...headers } };
      if (body !== undefined) {
        init.body = typeof body === 'string' ? body : JSON.stringify(body);
        (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
      }
      const response = await fetch(url + route, init);
      const text = await response.text();
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = undefined;
      }
      return { status: response.status, body: parsed, text, headers: response.headers };
    },
    close: async () => {
      await app.stop();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

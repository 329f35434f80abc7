import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { parseDatabaseUrl } from '../../src/db/database-url.js';
import type { DatabaseTarget } from '../../src/db/database-url.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseProvider: 'sqlite' | 'postgresql';
    postgresUrl?: string;
  }
}

export interface TestDatabase {
  url: string;
  target: DatabaseTarget;
  drop(): Promise<void>;
}

/** A fresh, empty database of the kind this test project runs on, removed by `drop()`. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (inject('databaseProvider') === 'postgresql') {
    const serverUrl = inject('postgresUrl');
    if (!serverUrl) throw new Error('postgresUrl was not provided');
    const name = `crm_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      target: parseDatabaseUrl(url.toString()),
      drop: async () => {
        const c = new pg.Client({ connectionString: serverUrl });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'crm-test-'));
  const url = `file:${path.join(dir, 'crm.db')}`;
  return { url, target: parseDatabaseUrl(url), drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

import { parseDatabaseUrl, type DatabaseProvider, type DatabaseTarget } from '../../src/db/database-url.js';

export interface ScratchDatabase {
  url: string;
  target: DatabaseTarget;
  drop(): Promise<void>;
}

async function onServer(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A fresh, empty database — a SQLite file in a temporary folder, or a new database on the
 * PostgreSQL server at `postgresServerUrl` — removed again by `drop()`. For tests and benchmarks.
 */
export async function createScratchDatabase(
  provider: DatabaseProvider,
  postgresServerUrl?: string,
): Promise<ScratchDatabase> {
  if (provider === 'postgresql') {
    if (!postgresServerUrl) throw new Error('a PostgreSQL server URL is needed for a PostgreSQL scratch database');
    const name = `crm_scratch_${randomBytes(6).toString('hex')}`;
    await onServer(postgresServerUrl, `CREATE DATABASE "${name}"`);
    const url = new URL(postgresServerUrl);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      target: parseDatabaseUrl(url.toString()),
      drop: () => onServer(postgresServerUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
    };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'crm-scratch-'));
  const url = `file:${path.join(dir, 'crm.db')}`;
  return { url, target: parseDatabaseUrl(url), drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

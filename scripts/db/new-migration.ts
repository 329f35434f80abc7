/**
 * `npm run db:migration -- <name>`: writes the migration that brings the committed migrations up to
 * prisma/schema.prisma, once for SQLite and once for PostgreSQL, with Prisma's schema engine (Wasm).
 * The PostgreSQL half replays migrations in a temporary database on MIGRATION_POSTGRES_URL
 * (default: the local server, postgresql://postgres@127.0.0.1:5432/postgres).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { parseDatabaseUrl, type DatabaseProvider } from '../../src/db/database-url.js';
import { migrationsDir } from '../../src/db/migrations/migration-files.js';
import { diffMigrationsToSchema, isEmptyMigration } from '../../src/db/migrations/migrator.js';

const name = (process.argv[2] ?? '')
  .trim()
  .toLowerCase()
  .replace(/[^a-z0-9]+/g, '_')
  .replace(/^_|_$/g, '');
if (!name) {
  console.error('usage: npm run db:migration -- <name>   (for example: add_digest_table)');
  process.exit(2);
}

const scratch = mkdtempSync(path.join(os.tmpdir(), 'crm-migration-'));
const targets: Record<DatabaseProvider, string> = {
  sqlite: `file:${path.join(scratch, 'scratch.db')}`,
  // eslint-disable-next-line no-restricted-properties -- a developer script, not the app: it has no config module
  postgresql: process.env.MIGRATION_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
};

const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
try {
  for (const provider of ['sqlite', 'postgresql'] as const) {
    const sql = await diffMigrationsToSchema(parseDatabaseUrl(targets[provider]));
    if (isEmptyMigration(sql)) {
      console.log(`${provider}: the migrations already match the schema; nothing written`);
      continue;
    }
    const dir = path.join(migrationsDir(provider), `${stamp}_${name}`);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'migration.sql'), sql.endsWith('\n') ? sql : `${sql}\n`);
    console.log(`${provider}: wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

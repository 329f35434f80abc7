import Database from 'better-sqlite3';
import pg from 'pg';

import type { DatabaseTarget } from '../database-url.js';

/**
 * The names of the migrations a database has finished, read with a plain query. `undefined` when
 * the database has no migration table yet (new, or not ours).
 *
 * Read before starting the schema engine so a start with nothing to migrate does not take the
 * engine's exclusive lock: on SQLite that lock cannot be had while another process (a second copy,
 * `npm run research`) has the file open.
 */
export async function finishedMigrations(target: DatabaseTarget): Promise<Set<string> | undefined> {
  const sql = `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  if (target.provider === 'sqlite') {
    let db: Database.Database;
    try {
      db = new Database(target.filePath, { readonly: true, fileMustExist: true });
    } catch {
      return undefined;
    }
    try {
      const exists = db
        .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`)
        .get();
      if (!exists) return undefined;
      return new Set((db.prepare(sql).all() as { migration_name: string }[]).map((r) => r.migration_name));
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ exists: boolean }>(
      `SELECT to_regclass('_prisma_migrations') IS NOT NULL AS exists`,
    );
    if (!rows[0]?.exists) return undefined;
    return new Set((await client.query<{ migration_name: string }>(sql)).rows.map((r) => r.migration_name));
  } finally {
    await client.end();
  }
}

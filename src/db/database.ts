import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';

import type { Logger } from '../logging/logger.js';
import { ensurePrivateFiles } from '../private-files.js';
import { redactDatabaseUrl, type DatabaseProvider, type DatabaseTarget } from './database-url.js';
import { PrismaClient as PostgresPrismaClient } from './generated/postgresql/client.js';
import { PrismaClient as SqlitePrismaClient } from './generated/sqlite/client.js';
import { SQLITE_ADAPTER_OPTIONS } from './migrations/migration-adapters.js';
import { applyMigrations } from './migrations/migrator.js';

/**
 * The Prisma Client type the services use. Both generated clients come from one schema and have
 * the same models and methods; the PostgreSQL one accepts a few extra filter options that we do
 * not use, so it is typed as the SQLite one.
 */
export type Db = SqlitePrismaClient;
export { Prisma } from './generated/sqlite/client.js';
export type {
  Contact,
  ContactTag,
  Conversation,
  ResearchSource,
  ResearchTask,
  ResearchTaskContact,
} from './generated/sqlite/client.js';

export interface Database {
  provider: DatabaseProvider;
  db: Db;
  /** Throws when the database cannot answer a trivial query. */
  ping: () => Promise<void>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  logger: Logger;
  /** Apply committed migrations before connecting (the app does; tools that only read may not). */
  migrate?: boolean;
  /** PostgreSQL pool size. */
  poolSize?: number;
}

export async function openDatabase(target: DatabaseTarget, options: OpenDatabaseOptions): Promise<Database> {
  const log = options.logger.child({ component: 'database', provider: target.provider });
  // A folder made for the database is private (0700); an existing one is left as it is.
  if (target.filePath) mkdirSync(path.dirname(target.filePath), { recursive: true, mode: 0o700 });
  if (options.migrate !== false) {
    const applied = await applyMigrations(target, (entry) => log.debug({ engine: entry }, 'schema engine'));
    if (applied.length > 0) log.info({ migrations: applied }, `applied ${applied.length} migration(s)`);
    else log.debug('database schema is up to date');
  }
  const { db, close } =
    target.provider === 'sqlite' ? await openSqlite(target.url) : openPostgres(target.url, options.poolSize ?? 10, log);
  // The SQLite file and its WAL hold every contact: readable by the app's user only.
  if (target.filePath) ensurePrivateFiles(target.filePath, `${target.filePath}-wal`, `${target.filePath}-shm`);
  log.info({ url: redactDatabaseUrl(target.url) }, 'database ready');
  return {
    provider: target.provider,
    db,
    ping: async () => {
      await db.$queryRawUnsafe('SELECT 1');
    },
    close,
  };
}

async function openSqlite(url: string): Promise<{ db: Db; close: () => Promise<void> }> {
  // Five seconds of patience when another process holds the write lock.
  const db = new SqlitePrismaClient({
    adapter: new PrismaBetterSqlite3({ url, timeout: 5000 }, SQLITE_ADAPTER_OPTIONS),
  });
  // WAL lets readers go on while one writer writes; it is a property of the file and persists.
  await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  await db.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
  return { db, close: () => db.$disconnect() };
}

function openPostgres(url: string, poolSize: number, log: Logger): { db: Db; close: () => Promise<void> } {
  // Our own pool, so that a connection the server drops while idle (a restart, an administrator)
  // is logged instead of crashing the process, and so that closing really closes it.
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on('error', (error) => log.warn({ err: error }, 'an idle database connection failed; it will be replaced'));
  const client = new PostgresPrismaClient({ adapter: new PrismaPg(pool) });
  return {
    // Same schema, same models (see `Db`); the generated types differ only in PostgreSQL-only options.
    db: client as unknown as Db,
    close: async () => {
      await client.$disconnect();
      await pool.end().catch(() => undefined);
    },
  };
}

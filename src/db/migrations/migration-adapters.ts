import { randomUUID } from 'node:crypto';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';

import type { DatabaseTarget } from '../database-url.js';

/**
 * Driver adapter factories for the Wasm schema engine, with the few fixes it needs over Prisma's
 * stock adapters (each one is documented where it is made).
 */
export function createMigrationAdapterFactory(target: DatabaseTarget): MigrationAdapterFactory {
  return target.provider === 'sqlite' ? sqliteFactory(target.url) : postgresFactory(target.url);
}

export type MigrationAdapterFactory = SqlMigrationAwareDriverAdapterFactory & { close(): Promise<void> };

/** Dates stored as Unix milliseconds, as Prisma's native engine stores them in SQLite. */
export const SQLITE_ADAPTER_OPTIONS = { timestampFormat: 'unixepoch-ms' } as const;

function sqliteFactory(url: string): MigrationAdapterFactory {
  const main = new PrismaBetterSqlite3({ url }, SQLITE_ADAPTER_OPTIONS);
  const shadow = new PrismaBetterSqlite3({ url: ':memory:' }, SQLITE_ADAPTER_OPTIONS);
  // The engine does not always dispose what it connects; an open handle would keep the app's own
  // connection from switching the file to WAL. Close them all when done.
  const opened: SqlDriverAdapter[] = [];
  const track = (adapter: SqlDriverAdapter) => {
    opened.push(adapter);
    return adapter;
  };
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: async () => track(await main.connect()),
    // The engine replays migrations into the shadow database as one multi-statement raw execute,
    // which better-sqlite3's prepared statements refuse: run argument-less executes as scripts.
    connectToShadowDb: async () => track(runArglessExecutesAsScripts(await shadow.connect())),
    close: async () => {
      for (const adapter of opened.splice(0)) await adapter.dispose().catch(() => undefined);
    },
  };
}

function runArglessExecutesAsScripts(adapter: SqlDriverAdapter): SqlDriverAdapter {
  return new Proxy(adapter, {
    get(target, prop, receiver) {
      if (prop === 'executeRaw') {
        return async (query: Parameters<SqlDriverAdapter['executeRaw']>[0]) => {
          if (query.args.length > 0) return target.executeRaw(query);
          await target.executeScript(query.sql);
          return 0;
        };
      }
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? (value.bind(target) as unknown) : value;
    },
  });
}

/** PostgreSQL type OIDs. */
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

/**
 * The schema engine's describer reads pg_catalog columns of type `"char"` (OID 18), which
 * `@prisma/adapter-pg` refuses to decode: report them as text.
 */
class CatalogFriendlyPool extends pg.Pool {
  // pg's query() has many overloads; this forwards all of them unchanged (the adapter uses the promise form).
  override async query(...args: unknown[]): Promise<pg.QueryResult> {
    const result = await (super.query as (...a: unknown[]) => Promise<pg.QueryResult>)(...args);
    for (const field of result?.fields ?? []) {
      if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    }
    return result;
  }
}

/** `@prisma/adapter-pg` splits scripts on every `;`, which breaks literals and function bodies: send them whole. */
function sendScriptsWhole(adapter: SqlDriverAdapter): SqlDriverAdapter {
  return new Proxy(adapter, {
    get(target, prop, receiver) {
      if (prop === 'executeScript') {
        // No arguments: pg sends it with the simple query protocol, which runs many statements.
        return async (script: string) => {
          await target.executeRaw({ sql: script, args: [], argTypes: [] });
        };
      }
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? (value.bind(target) as unknown) : value;
    },
  });
}

function postgresFactory(url: string): MigrationAdapterFactory {
  const pool = new CatalogFriendlyPool({ connectionString: url, max: 2 });
  const main = new PrismaPg(pool);
  const shadows = new Set<string>();
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: async () => sendScriptsWhole(await main.connect()),
    // Prisma's adapter drops its shadow database before closing that database's own pool, so the
    // drop fails and the database is left behind: create and drop it here, with FORCE.
    connectToShadowDb: async () => {
      const name = `prisma_shadow_${randomUUID().replaceAll('-', '')}`;
      await pool.query(`CREATE DATABASE "${name}"`);
      shadows.add(name);
      const shadowUrl = new URL(url);
      shadowUrl.pathname = `/${name}`;
      const shadowPool = new CatalogFriendlyPool({ connectionString: shadowUrl.toString(), max: 2 });
      const adapter = await new PrismaPg(shadowPool).connect();
      return new Proxy(sendScriptsWhole(adapter), {
        get(target, prop, receiver) {
          if (prop === 'dispose') {
            return async () => {
              await shadowPool.end();
              await pool.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
              shadows.delete(name);
            };
          }
          return Reflect.get(target, prop, receiver) as unknown;
        },
      });
    },
    close: async () => {
      for (const name of shadows)
        await pool.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
      await pool.end();
    },
  };
}

import type { DatabaseTarget } from '../database-url.js';
import { finishedMigrations } from './applied-migrations.js';
import { createMigrationAdapterFactory } from './migration-adapters.js';
import { readMigrationList } from './migration-files.js';
import { readSchema } from './postgres-schema.js';
import { describeEngineError, openSchemaEngine, type SchemaEngine, type SchemaEngineLog } from './schema-engine.js';

const NO_FILTERS = { externalTables: [], externalEnums: [] };

async function withEngine<T>(
  target: DatabaseTarget,
  options: { withSchema: boolean; onLog?: (log: SchemaEngineLog) => void },
  work: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const factory = createMigrationAdapterFactory(target);
  let engine: SchemaEngine | undefined;
  try {
    const datamodel = options.withSchema ? await readSchema(target.provider) : undefined;
    engine = await openSchemaEngine({ adapterFactory: factory, datamodel, onLog: options.onLog });
    return await work(engine);
  } catch (error) {
    const message = describeEngineError(error);
    if (target.provider === 'sqlite' && /SocketTimeout|database is locked|SQLITE_BUSY/.test(message)) {
      throw new Error(
        `could not migrate ${target.filePath}: another process has this SQLite database open; stop it and start again`,
        { cause: error },
      );
    }
    throw new Error(message, { cause: error });
  } finally {
    engine?.free();
    await factory.close();
  }
}

/** Applies the committed migrations that the database has not seen yet; returns their names. */
export async function applyMigrations(
  target: DatabaseTarget,
  onLog?: (log: SchemaEngineLog) => void,
): Promise<string[]> {
  const migrationsList = await readMigrationList(target.provider);
  const finished = await finishedMigrations(target);
  if (finished && migrationsList.migrationDirectories.every((d) => finished.has(d.path))) return [];
  return withEngine(target, { withSchema: false, onLog }, async (engine) => {
    const result = await engine.applyMigrations({ migrationsList, filters: NO_FILTERS });
    return result.appliedMigrationNames;
  });
}

/**
 * The SQL that would bring a database built from the committed migrations to the Prisma schema:
 * empty when they agree (no drift). Replays the migrations into a temporary shadow database.
 */
export async function diffMigrationsToSchema(target: DatabaseTarget): Promise<string> {
  const migrationsList = await readMigrationList(target.provider);
  return withEngine(target, { withSchema: true }, async (engine) => {
    const schema = await readSchema(target.provider);
    const result = await engine.diff({
      from: { tag: 'migrations', ...migrationsList },
      to: { tag: 'schemaDatamodel', files: [schema] },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    return (result.stdout ?? '').trim();
  });
}

/** True when a diff script has no statements (the engine prints a comment for an empty diff). */
export function isEmptyMigration(sql: string): boolean {
  return sql.split('\n').every((line) => line.trim() === '' || line.trim().startsWith('--'));
}

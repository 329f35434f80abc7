import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

import { projectRoot } from '../../project-root.js';
import type { DatabaseProvider } from '../database-url.js';

export function prismaDir(): string {
  return path.join(projectRoot(), 'prisma');
}

export function migrationsDir(provider: DatabaseProvider): string {
  return path.join(prismaDir(), 'migrations', provider);
}

/** The migration list in the shape the schema engine takes, read from disk. */
export interface MigrationList {
  baseDir: string;
  lockfile: { path: string; content: string | null };
  shadowDbInitScript: string;
  migrationDirectories: {
    path: string;
    migrationFile: { path: string; content: { tag: 'ok'; value: string } | { tag: 'error'; value: string } };
  }[];
}

export async function readMigrationList(provider: DatabaseProvider): Promise<MigrationList> {
  const baseDir = migrationsDir(provider);
  const entries = existsSync(baseDir) ? await readdir(baseDir, { withFileTypes: true }) : [];
  const dirs = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const migrationDirectories = await Promise.all(
    dirs.map(async (name) => {
      const file = path.join(baseDir, name, 'migration.sql');
      try {
        return {
          path: name,
          migrationFile: {
            path: 'migration.sql',
            content: { tag: 'ok' as const, value: await readFile(file, 'utf8') },
          },
        };
      } catch (error) {
        return {
          path: name,
          migrationFile: { path: 'migration.sql', content: { tag: 'error' as const, value: String(error) } },
        };
      }
    }),
  );
  const lockPath = path.join(baseDir, 'migration_lock.toml');
  return {
    baseDir,
    lockfile: { path: 'migration_lock.toml', content: existsSync(lockPath) ? await readFile(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories,
  };
}

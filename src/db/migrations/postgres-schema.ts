import { readFile } from 'node:fs/promises';
import path from 'node:path';

import type { DatabaseProvider } from '../database-url.js';
import { prismaDir } from './migration-files.js';

/**
 * `prisma/schema.prisma` is written for SQLite and is the only schema anyone edits. The PostgreSQL
 * schema is made from it:
 * - another provider and client output;
 * - every line written as `// postgresql: <line>` switched on;
 * - relations loaded in one JOIN query instead of one query per relation (`relationJoins`:
 *   1.5 ms less per search page here).
 * The `pg_trgm` extension that the search index needs is created by the first PostgreSQL
 * migration itself: declared in the schema it would need a preview feature whose diffs report the
 * extension missing after every replay.
 */
export function derivePostgresSchema(sqliteSchema: string): string {
  const replaceOnce = (text: string, from: RegExp, to: string): string => {
    if (!from.test(text)) throw new Error(`prisma/schema.prisma: expected to find ${from}`);
    return text.replace(from, to);
  };
  let schema = sqliteSchema;
  schema = replaceOnce(schema, /provider\s*=\s*"sqlite"/, 'provider = "postgresql"');
  schema = replaceOnce(
    schema,
    /output(\s*)=\s*"\.\.\/src\/db\/generated\/sqlite"/,
    'output$1= "../../src/db/generated/postgresql"',
  );
  schema = replaceOnce(schema, /(provider\s*=\s*"prisma-client")/, '$1\n  previewFeatures     = ["relationJoins"]');
  schema = schema.replace(/^(\s*)\/\/ postgresql: (.*)$/gm, '$1$2');
  return `// GENERATED from prisma/schema.prisma by src/db/migrations/postgres-schema.ts. Do not edit.\n\n${schema}`;
}

/** Where the derived schema is written for `prisma generate` (git-ignored). */
export function postgresSchemaPath(): string {
  return path.join(prismaDir(), 'generated', 'postgresql.prisma');
}

/** The schema text for one provider, as the engine and `prisma generate` should see it. */
export async function readSchema(provider: DatabaseProvider): Promise<{ path: string; content: string }> {
  const sourcePath = path.join(prismaDir(), 'schema.prisma');
  const source = await readFile(sourcePath, 'utf8');
  if (provider === 'sqlite') return { path: sourcePath, content: source };
  return { path: postgresSchemaPath(), content: derivePostgresSchema(source) };
}

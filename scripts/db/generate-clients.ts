/**
 * `npm run db:generate` (also run after `npm install`): writes the PostgreSQL schema derived from
 * prisma/schema.prisma and generates a Prisma Client for each database into src/db/generated/.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { prismaDir } from '../../src/db/migrations/migration-files.js';
import { postgresSchemaPath, readSchema } from '../../src/db/migrations/postgres-schema.js';

const postgres = await readSchema('postgresql');
await mkdir(path.dirname(postgresSchemaPath()), { recursive: true });
await writeFile(postgres.path, postgres.content);

// `prisma generate` insists that a schema engine exists although it does not run it. Where
// Prisma's binary host is out of reach (offline machines, CI here) it cannot download one, so point
// it at a stand-in unless the developer has set an engine of their own.
// eslint-disable-next-line no-restricted-properties -- a build script, not the app
const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(new URL('./schema-engine-unavailable.mjs', import.meta.url));
env.PRISMA_HIDE_UPDATE_MESSAGE = '1';
env.CHECKPOINT_DISABLE = '1';

for (const schema of [path.join(prismaDir(), 'schema.prisma'), postgres.path]) {
  execFileSync(
    process.execPath,
    [fileURLToPath(import.meta.resolve('prisma/build/index.js')), 'generate', '--schema', schema],
    {
      env,
      stdio: 'inherit',
    },
  );
}

import Database from 'better-sqlite3';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { openDatabase } from '../../../src/db/database.js';
import { readMigrationList } from '../../../src/db/migrations/migration-files.js';
import { applyMigrations, diffMigrationsToSchema, isEmptyMigration } from '../../../src/db/migrations/migrator.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

describe('committed migrations', () => {
  it('apply to an empty database once, and are not applied again', async () => {
    const committed = (await readMigrationList(database.target.provider)).migrationDirectories.map((d) => d.path);
    expect(committed.length).toBeGreaterThan(0);
    expect(await applyMigrations(database.target)).toEqual(committed);
    expect(await applyMigrations(database.target)).toEqual([]);
  });

  it('match the Prisma schema exactly (no drift)', async () => {
    const drift = await diffMigrationsToSchema(database.target);
    expect(
      isEmptyMigration(drift),
      `the schema and the migrations differ; run npm run db:migration -- <name>:\n${drift}`,
    ).toBe(true);
  });

  it('create an index for every lookup the app makes', async () => {
    const db = await openDatabase(database.target, { logger: pino({ level: 'silent' }), migrate: false });
    try {
      const rows: { name: string }[] =
        db.provider === 'sqlite'
          ? await db.db.$queryRawUnsafe(`SELECT name FROM sqlite_master WHERE type = 'index'`)
          : await db.db.$queryRawUnsafe(`SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema()`);
      const names = rows.map((r) => r.name);
      expect(names).toEqual(
        expect.arrayContaining([
          'Contact_email_key',
          'Contact_linkedinUrl_key',
          'Contact_nameKey_companyKey_idx',
          'Contact_companyKey_idx',
          'Contact_ownerId_idx',
          'Contact_nextFollowUpAt_idx',
          'ContactTag_tag_idx',
          'Conversation_contactId_occurredAt_idx',
          'ResearchSource_contactId_idx',
          'ResearchTask_status_createdAt_idx',
        ]),
      );
      // Substring search on PostgreSQL is served by a trigram index; SQLite scans one short column.
      if (db.provider === 'postgresql') expect(names).toContain('Contact_searchText_idx');
    } finally {
      await db.close();
    }
  });
});

describe('migrating a SQLite file another process holds', () => {
  it.runIf(inject('databaseProvider') === 'sqlite')('says so plainly instead of failing obscurely', async () => {
    const fresh = await createTestDatabase();
    const other = new Database(fresh.target.filePath);
    try {
      other.pragma('journal_mode = WAL');
      other.exec('CREATE TABLE someone_elses (x INTEGER); INSERT INTO someone_elses VALUES (1);');
      await expect(applyMigrations(fresh.target)).rejects.toThrow(
        /another process has this SQLite database open; stop it and start again/,
      );
    } finally {
      other.close();
      await fresh.drop();
    }
  });
});

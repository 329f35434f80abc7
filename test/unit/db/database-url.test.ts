import { describe, expect, it } from 'vitest';

import { parseDatabaseUrl, redactDatabaseUrl } from '../../../src/db/database-url.js';
import { derivePostgresSchema } from '../../../src/db/migrations/postgres-schema.js';

describe('database URLs', () => {
  it('resolves relative SQLite paths against the working folder', () => {
    expect(parseDatabaseUrl('file:./data/crm.db', '/app')).toEqual({
      provider: 'sqlite',
      url: 'file:/app/data/crm.db',
      filePath: '/app/data/crm.db',
    });
    expect(parseDatabaseUrl('file:/var/lib/crm.db', '/app').filePath).toBe('/var/lib/crm.db');
  });

  it('hides passwords in logs', () => {
    expect(redactDatabaseUrl('postgresql://crm:hunter2@db:5432/crm')).toBe('postgresql://crm:***@db:5432/crm');
    expect(redactDatabaseUrl('file:/x.db')).toBe('file:/x.db');
  });
});

describe('derivePostgresSchema', () => {
  const source = [
    'generator client {',
    '  provider = "prisma-client"',
    '  output   = "../src/db/generated/sqlite"',
    '}',
    'datasource db {',
    '  provider = "sqlite"',
    '}',
    'model A {',
    '  id String @id',
    '  // postgresql: @@index([id], type: Hash)',
    '}',
  ].join('\n');

  it('switches provider and output and turns on the PostgreSQL-only lines', () => {
    const derived = derivePostgresSchema(source);
    expect(derived).toContain('provider = "postgresql"');
    expect(derived).toContain('"../../src/db/generated/postgresql"');
    expect(derived).toContain('\n  @@index([id], type: Hash)');
    expect(derived).toContain('previewFeatures     = ["relationJoins"]');
    expect(derived).not.toContain('sqlite');
  });

  it('fails loudly when the source no longer has what it rewrites', () => {
    expect(() => derivePostgresSchema(source.replace('"sqlite"', '"mysql"'))).toThrow(/expected to find/);
  });
});

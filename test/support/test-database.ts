import { inject } from 'vitest';

import { createScratchDatabase, type ScratchDatabase } from './scratch-database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseProvider: 'sqlite' | 'postgresql';
    postgresUrl?: string;
  }
}

export type TestDatabase = ScratchDatabase;

/** A fresh, empty database of the kind this test project runs on (see vitest.config.ts). */
export function createTestDatabase(): Promise<TestDatabase> {
  return createScratchDatabase(inject('databaseProvider'), inject('postgresUrl'));
}

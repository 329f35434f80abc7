import type { DatabaseProvider } from '../../src/db/database-url.js';
import { createScratchDatabase } from '../../test/support/scratch-database.js';
import { startTestApp, type TestApp } from '../../test/support/test-app.js';

export { TEST_TOKEN as BENCH_TOKEN } from '../../test/support/test-app.js';

/**
 * The whole app on a scratch database of the given kind, as the tests run it — with the admin
 * rate limit raised (not removed) so that thousands of requests a second measure the API, not 429s.
 */
export function startBenchApp(provider: DatabaseProvider, postgresServerUrl?: string): Promise<TestApp> {
  return startTestApp({
    database: () => createScratchDatabase(provider, postgresServerUrl),
    env: { ADMIN_API_RATE_LIMIT: '1000000' },
  });
}

import { defineConfig } from 'vitest/config';

/**
 * Three projects: `unit` (pure code, once), `sqlite` (everything that touches a database, always)
 * and `postgresql` (the same tests again, when TEST_DATABASE_URL names a server to create test
 * databases on; .ci/run sets it).
 */
// eslint-disable-next-line no-restricted-properties -- test runner configuration, not the app
const postgresUrl = process.env.TEST_DATABASE_URL;
const integration = ['test/integration/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      { extends: true, test: { name: 'sqlite', include: integration, provide: { databaseProvider: 'sqlite' } } },
      ...(postgresUrl
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgresql',
                include: integration,
                provide: { databaseProvider: 'postgresql' as const, postgresUrl },
              },
            },
          ]
        : []),
    ],
  },
});

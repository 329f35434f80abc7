import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';

import { eventually } from '../../support/slack-app.js';
import { startTestApp } from '../../support/test-app.js';

/** Cuts the app's database off (existing connections killed, new ones refused) and brings it back. */
async function outage(serverUrl: string, database: string, allow: boolean): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS ${allow ? 'true' : 'false'}`);
    if (!allow)
      await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
        [database],
      );
  } finally {
    await admin.end();
  }
}

describe('the database going away and coming back', () => {
  it.runIf(inject('databaseProvider') === 'postgresql')(
    'fails readiness and answers 503 meanwhile, then recovers without a restart',
    async () => {
      const t = await startTestApp();
      const name = new URL(t.database.url).pathname.slice(1);
      const server = inject('postgresUrl')!;
      try {
        expect((await t.api('POST', '/api/contacts', { fullName: 'Before The Outage' })).status).toBe(201);
        await outage(server, name, false);
        const ready = await fetch(`${t.url}/readyz`);
        expect(ready.status).toBe(503);
        const during = await t.api('GET', '/api/contacts');
        expect(during.status).toBe(503);
        expect(during.body.error.code).toBe('unavailable');
        expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
        await outage(server, name, true);
        await eventually(async () => (await fetch(`${t.url}/readyz`)).status === 200, 20_000);
        const after = await t.api('GET', '/api/contacts/search?q=outage');
        expect(after.status).toBe(200);
        expect(after.body.data.map((c: { fullName: string }) => c.fullName)).toEqual(['Before The Outage']);
        expect((await t.api('POST', '/api/contacts', { fullName: 'After The Outage' })).status).toBe(201);
      } finally {
        await outage(server, name, true).catch(() => undefined);
        await t.close();
      }
    },
  );
});

import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openDatabase } from '../../../src/db/database.js';
import { startAppProcess } from '../../support/app-process.js';
import { TEST_TOKEN } from '../../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

describe('a process killed during a bulk import', () => {
  it('leaves all of the import or none of it', async () => {
    const { child, url, exited } = await startAppProcess(database.url, { ADMIN_API_TOKEN: TEST_TOKEN });
    const rows = Array.from({ length: 10_000 }, (_, i) => ({
      fullName: `Killed Import ${i}`,
      email: `killed${i}@import.example`,
      tags: ['killed'],
    }));
    const request = fetch(`${url}/api/contacts/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(rows),
    }).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 400));
    child.kill('SIGKILL');
    await exited;
    await request;
    const db = await openDatabase(database.target, { logger: pino({ level: 'silent' }) });
    try {
      const contacts = await db.db.contact.count({ where: { fullName: { startsWith: 'Killed Import' } } });
      const tags = await db.db.contactTag.count({ where: { tag: 'killed' } });
      expect([0, 10_000]).toContain(contacts);
      expect(tags).toBe(contacts);
    } finally {
      await db.close();
    }
  });
});

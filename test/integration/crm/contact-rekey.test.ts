import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { rekeyContacts } from '../../../src/crm/contacts/contact-rekey.js';
import { KEYS_VERSION } from '../../../src/crm/contacts/text-keys.js';
import { eventually } from '../../support/slack-app.js';
import { startTestApp } from '../../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';

/**
 * Keys made by an older rule are made again: a changed rule ("S.A." is the legal form "SA") applies
 * to contacts stored before it, not only to those written since.
 */
let shared: TestDatabase;
beforeAll(async () => {
  shared = await createTestDatabase();
});
afterAll(async () => {
  await shared.drop();
});
const onShared = () => Promise.resolve({ ...shared, drop: async () => undefined });
const quiet = pino({ level: 'silent' });
const longAgo = new Date('2025-01-02T03:04:05.000Z');

describe('contact keys made again', () => {
  it('at start, for contacts whose keys an older rule made, keeping their updatedAt; then likely duplicates find them', async () => {
    let t = await startTestApp({ database: onShared });
    const old = (await t.app.services.contacts.create({ fullName: 'Ana Old', company: 'Acme S.A.' })).contact;
    // As the previous rule stored it: "S.A." as two words, no version.
    await t.app.database.db.contact.update({
      where: { id: old.id },
      data: { companyKey: 'acme s a', keysVersion: 0, updatedAt: longAgo },
    });
    await t.close();

    t = await startTestApp({ database: onShared });
    try {
      const db = t.app.database.db;
      const rekeyed = await eventually(async () => {
        const row = await db.contact.findUniqueOrThrow({ where: { id: old.id } });
        return row.keysVersion === KEYS_VERSION ? row : undefined;
      });
      expect(rekeyed).toMatchObject({ companyKey: 'acme', updatedAt: longAgo });
      const again = await t.app.services.contacts.create({ fullName: 'Ana Old', company: 'Acme SA' });
      expect(again.possibleDuplicates).toContain(old.id);
    } finally {
      await t.close();
    }
  });

  it('leaves keys a write made meanwhile, and counts only what it changed', async () => {
    const t = await startTestApp({ database: onShared });
    try {
      const db = t.app.database.db;
      const a = (await t.app.services.contacts.create({ fullName: 'Bo Keys', company: 'Beta K.K.' })).contact;
      const b = (await t.app.services.contacts.create({ fullName: 'Cy Keys', company: 'Gamma' })).contact;
      await db.contact.updateMany({ where: { id: { in: [a.id, b.id] } }, data: { keysVersion: 0, nameKey: 'stale' } });
      // A person renames Cy after the re-key has read him: the write makes his keys anew.
      await t.app.services.contacts.update(b.id, { fullName: 'Cyrus Keys' });
      expect(await rekeyContacts(db, quiet)).toBe(1);
      expect(await db.contact.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({
        nameKey: 'bo keys',
        companyKey: 'beta',
        keysVersion: KEYS_VERSION,
      });
      expect(await db.contact.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({ nameKey: 'cyrus keys' });
      expect(await rekeyContacts(db, quiet)).toBe(0);
    } finally {
      await t.close();
    }
  });
});

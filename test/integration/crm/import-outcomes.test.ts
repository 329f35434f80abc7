import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ContactIntake, type IntakeItem, type IntakeRowResult } from '../../../src/crm/contacts/contact-intake.js';
import { ImportOutcomeFile } from '../../../src/crm/contacts/csv-import/import-outcomes.js';
import type { Db } from '../../../src/db/database.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

async function textOf(parts: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const part of parts) text += part;
  return text;
}
const rowsOf = async (outcomes: ImportOutcomeFile): Promise<IntakeRowResult[]> =>
  JSON.parse(`[${await textOf(outcomes.json())}]`);

/**
 * The app's database, except that the first transaction loses a race: once its work is done, a
 * copy of a row it inserted makes it fail on a unique violation, as when another writer got there first.
 */
function losingFirstRace(db: Db, email: string): { db: Db; attempts: () => number } {
  let attempts = 0;
  const $transaction = (work: (tx: unknown) => Promise<unknown>, options: object) =>
    db.$transaction(async (tx) => {
      const result = await work(tx);
      attempts += 1;
      if (attempts === 1) await tx.$executeRaw`INSERT INTO "Contact" SELECT * FROM "Contact" WHERE "email" = ${email}`;
      return result;
    }, options);
  return { db: { $transaction } as unknown as Db, attempts: () => attempts };
}

describe('import outcome file', () => {
  it('gives back every row as written, in order, whatever its text (line breaks, quotes, any script)', async () => {
    const outcomes = await ImportOutcomeFile.create();
    try {
      const rows: IntakeRowResult[] = Array.from({ length: 2000 }, (_, index) =>
        index % 3 === 0
          ? {
              index,
              line: index + 2,
              outcome: 'rejected',
              errors: [
                { path: 'notes', message: `row ${index}: a\nb\r\nc "q" \\ \u2028 ünï 🙂 ${'é'.repeat(index % 7)}` },
              ],
            }
          : {
              index,
              outcome: 'merged',
              contactId: `c-${index}`,
              conflicts: [{ field: 'title', kept: 'A', offered: 'B' }],
            },
      );
      // In batches, as the intake hands them over; more than one read of the file (64 KiB each) to give back.
      for (let i = 0; i < rows.length; i += 250) await outcomes.add(rows.slice(i, i + 250));
      expect(await rowsOf(outcomes)).toEqual(rows);
      expect(outcomes.counts).toEqual({ created: 0, merged: 1333, rejected: 667 });
      expect(outcomes.firstRejected.map((r) => r.index)).toEqual([0, 3, 6, 9, 12]);
      // A restart forgets it all.
      await outcomes.restart();
      expect(await textOf(outcomes.json())).toBe('');
      expect(outcomes.counts).toEqual({ created: 0, merged: 0, rejected: 0 });
      expect(outcomes.firstRejected).toEqual([]);
    } finally {
      await outcomes.remove();
    }
  });

  it('a transaction retried after losing a race reports each row once, with the contacts it stored', async () => {
    const { db, attempts } = losingFirstRace(t.app.database.db, 'retry0@retry.example');
    const intake = new ContactIntake({ db, clock: () => new Date(), logger: t.app.logger });
    const items: IntakeItem[] = Array.from({ length: 30 }, (_, index) => ({
      index,
      row: index === 7 ? { fullName: '' } : { fullName: `Retry ${index}`, email: `retry${index}@retry.example` },
    }));
    const outcomes = await ImportOutcomeFile.create();
    try {
      await intake.intakeStream(async function* () {
        for (let i = 0; i < items.length; i += 10) yield items.slice(i, i + 10);
      }, outcomes);
      expect(attempts()).toBe(2);
      expect(outcomes.counts).toEqual({ created: 29, merged: 0, rejected: 1 });
      expect(outcomes.firstRejected.map((r) => r.index)).toEqual([7]);
      const rows = await rowsOf(outcomes);
      expect(rows.map((r) => r.index)).toEqual(items.map((i) => i.index));
      const stored = await t.app.database.db.contact.findMany({
        where: { email: { endsWith: '@retry.example' } },
        select: { id: true },
      });
      expect(stored.map((c) => c.id).sort()).toEqual(
        rows
          .filter((r) => r.outcome === 'created')
          .map((r) => r.contactId)
          .sort(),
      );
    } finally {
      await outcomes.remove();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { insertRows } from '../../../src/db/bulk-insert.js';
import { isUniqueViolation } from '../../../src/db/database-errors.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('contact intake', () => {
  it('links contacts to the research task that found them, as new or merged, with the task on each source', async () => {
    const { db } = t.app.database;
    const { intake } = t.app.services;
    const known = await t.app.services.contacts.create({ fullName: 'Known Person', email: 'known@task.example' });
    const task = await db.researchTask.create({ data: { query: 'Heads of Sales in London' } });
    const source = (quote: string) => ({ url: 'https://task.example/team', quote, field: 'fullName' });
    const results = await intake.intake(
      [
        { fullName: 'Fresh Person', email: 'fresh@task.example', sources: [source('Fresh Person')] },
        {
          fullName: 'Known Person',
          email: 'known@task.example',
          title: 'Head of Sales',
          sources: [source('Known Person, Head of Sales')],
        },
      ],
      { taskId: task.id },
    );
    expect(results.map((r) => r.outcome)).toEqual(['created', 'merged']);
    const links = await db.researchTaskContact.findMany({ where: { taskId: task.id }, orderBy: { outcome: 'asc' } });
    expect(links.map((l) => [l.contactId, l.outcome]).sort()).toEqual(
      [
        [results[0]!.contactId, 'new'],
        [known.contact.id, 'merged'],
      ].sort(),
    );
    const sources = await db.researchSource.findMany({ where: { taskId: task.id } });
    expect(sources).toHaveLength(2);
    const detail = await t.app.services.contacts.get(known.contact.id);
    expect(detail.research).toEqual([{ taskId: task.id, outcome: 'merged' }]);
  });

  it('makes one contact when many writers bring the same person at once', async () => {
    const { intake } = t.app.services;
    const person = {
      fullName: 'Racing Person',
      email: 'race@race.example',
      linkedinUrl: 'https://www.linkedin.com/in/racing-person',
    };
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, (_, i) => intake.intake([{ ...person, location: `City ${i}` }])),
    );
    const ids = new Set(outcomes.map((r) => r[0]!.contactId));
    expect(ids.size).toBe(1);
    expect(outcomes.filter((r) => r[0]!.outcome === 'created')).toHaveLength(1);
    expect(await t.app.database.db.contact.count({ where: { email: 'race@race.example' } })).toBe(1);
  });

  it('keeps a LinkedIn profile with the contact that has it when an email points elsewhere', async () => {
    const { contacts } = t.app.services;
    const a = await contacts.create({ fullName: 'Alpha Owner', email: 'alpha@split.example' });
    const b = await contacts.create({ fullName: 'Beta Owner', linkedinUrl: 'https://www.linkedin.com/in/beta-owner' });
    const merged = await contacts.create({
      fullName: 'Alpha Owner',
      email: 'alpha@split.example',
      linkedinUrl: 'linkedin.com/in/beta-owner',
    });
    expect(merged.contact.id).toBe(a.contact.id);
    expect(merged.contact.linkedinUrl).toBeNull();
    expect(merged.conflicts).toEqual([
      {
        field: 'linkedinUrl',
        kept: `belongs to contact ${b.contact.id}`,
        offered: 'https://www.linkedin.com/in/beta-owner',
      },
    ]);
  });
});

describe('isUniqueViolation', () => {
  it('recognizes a duplicate from a model query and from a raw bulk insert, on either database', async () => {
    const { db } = t.app.database;
    const row = {
      fullName: 'Unique Person',
      nameKey: 'unique person',
      searchText: 'unique person',
      email: 'unique@violation.example',
    };
    await db.contact.create({ data: row });
    const fromModel = await db.contact.create({ data: row }).catch((e: unknown) => e);
    expect(isUniqueViolation(fromModel)).toBe(true);
    const now = new Date();
    const raw = {
      id: '01a2212f-fbb0-76a3-be79-000000000001',
      ...row,
      companyKey: '',
      emailStatus: 'found',
      createdAt: now,
      updatedAt: now,
    };
    const fromRaw = await insertRows(
      db,
      'Contact',
      ['id', 'fullName', 'nameKey', 'companyKey', 'searchText', 'email', 'emailStatus', 'createdAt', 'updatedAt'],
      [raw],
    ).catch((e: unknown) => e);
    expect(isUniqueViolation(fromRaw)).toBe(true);
    expect(isUniqueViolation(new Error('duplicate'))).toBe(false);
  });
});

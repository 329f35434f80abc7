import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestApp, type TestApp } from '../../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const contactCount = () => t.app.database.db.contact.count();

describe('bulk import', () => {
  it('reports created, merged and rejected per row, merging within the batch and against the database', async () => {
    const existing = await t.api('POST', '/api/contacts', { fullName: 'Kim Existing', email: 'kim@known.com' });
    const res = await t.api('POST', '/api/contacts/import', [
      {
        fullName: 'Ann New',
        email: 'ann@new.com',
        sources: [{ url: 'https://new.com/a', quote: 'Ann New', field: 'fullName' }],
      },
      { fullName: 'Kim Existing', email: 'KIM@known.com', title: 'CFO' },
      { fullName: 'Bad Email', email: 'not-an-email' },
      {
        fullName: 'Ann N.',
        email: 'ann@new.com',
        linkedinUrl: 'linkedin.com/in/ann-new',
        sources: [{ url: 'https://new.com/b', quote: 'Ann N.', field: 'linkedinUrl' }],
      },
      { fullName: 'Ann New', linkedinUrl: 'https://www.linkedin.com/in/ANN-NEW/', location: 'Paris' },
      42,
      { fullName: 'Unknown Field', favouriteColour: 'blue' },
    ]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 1, merged: 3, rejected: 3 });
    const rows = res.body.rows;
    expect(rows[0]).toMatchObject({ index: 0, outcome: 'created' });
    expect(rows[1]).toMatchObject({ index: 1, outcome: 'merged', contactId: existing.body.contact.id });
    expect(rows[2]).toMatchObject({ outcome: 'rejected', errors: [{ path: 'email' }] });
    expect(rows[3]).toMatchObject({ outcome: 'merged', contactId: rows[0].contactId });
    expect(rows[4]).toMatchObject({ outcome: 'merged', contactId: rows[0].contactId });
    expect(rows[5].outcome).toBe('rejected');
    expect(rows[6]).toMatchObject({ outcome: 'rejected', errors: [{ message: 'unknown field(s): favouriteColour' }] });

    const ann = await t.api('GET', `/api/contacts/${rows[0].contactId}`);
    expect(ann.body).toMatchObject({
      fullName: 'Ann New',
      linkedinUrl: 'https://www.linkedin.com/in/ann-new',
      location: 'Paris',
    });
    expect(ann.body.sources.map((s: { url: string }) => s.url).sort()).toEqual([
      'https://new.com/a',
      'https://new.com/b',
    ]);
    expect((await t.api('GET', `/api/contacts/${existing.body.contact.id}`)).body.title).toBe('CFO');
  });

  it('keeps one copy of a source offered twice', async () => {
    const source = { url: 'https://dup.example/team', quote: 'Dup Person, CEO', field: 'fullName' };
    await t.api('POST', '/api/contacts/import', [
      { fullName: 'Dup Person', email: 'dup@dup.example', sources: [source, source] },
    ]);
    const again = await t.api('POST', '/api/contacts/import', [
      { fullName: 'Dup Person', email: 'dup@dup.example', sources: [source] },
    ]);
    const detail = await t.api('GET', `/api/contacts/${again.body.rows[0].contactId}`);
    expect(detail.body.sources).toHaveLength(1);
  });

  it('refuses an empty list, a non-list and more than 10,000 rows, writing nothing', async () => {
    const before = await contactCount();
    expect((await t.api('POST', '/api/contacts/import', [])).status).toBe(400);
    expect((await t.api('POST', '/api/contacts/import', { fullName: 'Not a list' })).status).toBe(400);
    const tooMany = Array.from({ length: 10_001 }, (_, i) => ({ fullName: `Row ${i}` }));
    const res = await t.api('POST', '/api/contacts/import', tooMany);
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].message).toMatch(/at most 10000/);
    expect(await contactCount()).toBe(before);
  });

  it('imports a few thousand rows in one request', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => ({
      fullName: `Bulk Person ${i}`,
      email: `bulk${i}@bulk.example`,
      tags: ['bulk'],
    }));
    rows.push({ fullName: 'Bulk Person 0 again', email: 'BULK0@bulk.example', tags: ['bulk', 'again'] });
    const res = await t.api('POST', '/api/contacts/import', rows);
    expect(res.body).toMatchObject({ created: 3000, merged: 1, rejected: 0 });
    expect(await t.app.database.db.contactTag.count({ where: { tag: 'bulk' } })).toBe(3000);
  });
});

describe('CSV export', () => {
  it('streams every matching contact with a header row, defusing spreadsheet formulas', async () => {
    await t.api('POST', '/api/contacts/import', [
      {
        fullName: '=HYPERLINK("http://evil.example","click")',
        tags: ['csv'],
        notes: 'line one\nline "two", with comma',
      },
      { fullName: 'Plain Person', company: '+Plus Corp', tags: ['csv'] },
      { fullName: 'Semi Colon', company: 'x;=cmd|" /C calc"!A0', tags: ['csv'] },
    ]);
    const res = await fetch(`${t.url}/api/contacts.csv?tag=csv`, {
      headers: { authorization: `Bearer ${'test-admin-token-0123456789abcdef'}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const text = await res.text();
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe(
      'id,fullName,title,company,companyDomain,email,emailStatus,phone,linkedinUrl,location,website,tags,ownerId,nextFollowUpAt,notes,createdAt,updatedAt',
    );
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(text).toContain("'+Plus Corp");
    // A semicolon-locale spreadsheet splits on ";": the cell is quoted and the formula after it defused.
    expect(text).toContain(`"x;'=cmd|"" /C calc""!A0"`);
    expect(text).toContain('"line one\nline ""two"", with comma"');
  });

  it('exports more rows than one page', async () => {
    const res = await fetch(`${t.url}/api/contacts.csv?tag=bulk`, {
      headers: { authorization: 'Bearer test-admin-token-0123456789abcdef' },
    });
    const lines = (await res.text()).trimEnd().split('\n');
    expect(lines).toHaveLength(3001);
  });
});

/**
 * Attacks on the CSV import (POST /api/contacts/import, text/csv).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestApp, TEST_TOKEN, type TestApp } from '../../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

async function postCsv(body: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${t.url}/api/contacts/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'text/csv' },
    body,
  });
  return { status: res.status, body: await res.json() };
}

describe('attack: export → import round trip', () => {
  it('a value holding " ::: " (Google\'s multi-value separator) survives this API\'s own export and import', async () => {
    const other = await startTestApp();
    try {
      const made = await t.api('POST', '/api/contacts', {
        fullName: 'Triple Colon',
        title: 'CEO ::: Founder',
        company: 'Ratio ::: Labs',
        tags: ['a ::: b'],
      });
      expect(made.status).toBe(201);
      const exported = await (
        await fetch(`${t.url}/api/contacts.csv`, { headers: { authorization: `Bearer ${TEST_TOKEN}` } })
      ).text();
      const res = await fetch(`${other.url}/api/contacts/import`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'text/csv' },
        body: exported,
      });
      expect(res.status).toBe(200);
      const back = await other.app.database.db.contact.findFirstOrThrow({
        where: { fullName: 'Triple Colon' },
        include: { tags: true },
      });
      // README: "export → import → export gives the same data".
      expect({ title: back.title, company: back.company }).toEqual({
        title: 'CEO ::: Founder',
        company: 'Ratio ::: Labs',
      });
      expect(back.tags.length).toBe(1);
    } finally {
      await other.close();
    }
  });
});

describe('attack: CSV line ends', () => {
  it('a file whose header ends in CRLF and whose rows end in LF (lines appended in another editor) imports every row', async () => {
    // README: "CRLF, LF or CR line ends". The line break is sniffed once, from the header line, and
    // every LF-only line after it is glued into one record: two valid people become one rejected line.
    const res = await postCsv('name,email\r\nMix One,mix1@eol.example\nMix Two,mix2@eol.example\r\n');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 2, rejected: 0 });
  });

  it('…and never glues two of them into one contact with the next person in its fields (silently)', async () => {
    // Rows shorter than the header (allowed: missing cells are empty): two LF-only lines read as one
    // record of exactly the header's width, accepted as one person.
    const res = await postCsv(
      'name,email,company,title,notes\r\nGlue Ann,ann@glue.example,Acme\nGlue Bob,bob@glue.example,Beta\r\n',
    );
    expect(res.status).toBe(200);
    const ann = await t.app.database.db.contact.findFirst({ where: { email: 'ann@glue.example' } });
    expect(ann?.company).toBe('Acme');
    expect(ann?.title ?? null).toBeNull();
    expect(await t.app.database.db.contact.findFirst({ where: { email: 'bob@glue.example' } })).not.toBeNull();
  });
});

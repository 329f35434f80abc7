import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestApp, type TestApp } from '../../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const csv = (text: string) => t.api('POST', '/api/contacts/import', text, { 'content-type': 'text/csv' });

describe('email domains in Unicode and in punycode', () => {
  it('are one address: the second is merged into the first, by create, JSON import and CSV import alike', async () => {
    const first = await t.api('POST', '/api/contacts', { fullName: 'José Exämple', email: 'josé@exämple.com' });
    expect(first.status).toBe(201);
    const id = first.body.contact.id;
    expect(first.body.contact.email).toBe('josé@exämple.com');

    const again = await t.api('POST', '/api/contacts', {
      fullName: 'José Exämple',
      email: 'JOSÉ@xn--exmple-cua.com',
      title: 'CTO',
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ outcome: 'merged', contact: { id, email: 'josé@exämple.com', title: 'CTO' } });

    const json = await t.api('POST', '/api/contacts/import', [
      { fullName: 'José Exämple', email: 'josé@XN--EXMPLE-CUA.COM', location: 'Zürich' },
    ]);
    expect(json.body).toMatchObject({ created: 0, merged: 1, rows: [{ contactId: id }] });
    const file = await csv('name,email,company\nJosé Exämple,josé@xn--exmple-cua.com,Exämple AG\n');
    expect(file.body).toMatchObject({ created: 0, merged: 1, rows: [{ contactId: id }] });
    expect(await t.app.database.db.contact.count({ where: { fullName: 'José Exämple' } })).toBe(1);
  });
});

describe('whole-script Cyrillic look-alikes', () => {
  it.each([
    ['a domain label written in Cyrillic letters shaped like Latin ones', 'sales@\u0430\u0440\u0440\u04cf\u0435.com'],
    ['the same, sent as punycode', 'sales@xn--80ak6aa92e.com'],
    ['a local part written that way', '\u0455\u0441\u043e\u0440\u0435@example.com'],
  ])('are refused like mixed-script addresses: %s', async (_, email) => {
    const res = await t.api('POST', '/api/contacts', { fullName: 'Look Alike', email });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('look-alike');
    const row = await csv(`name,email\nLook Alike,${email}\n`);
    expect(row.body).toMatchObject({ created: 0, rejected: 1 });
    expect(JSON.stringify(row.body.rows[0].errors)).toContain('look-alike');
  });

  it('a mixed-script domain sent as punycode is refused too, and plainly Cyrillic addresses are welcome', async () => {
    // "exаmple" with one Cyrillic "а", in punycode.
    const mixed = await t.api('POST', '/api/contacts', {
      fullName: 'Mixed Punycode',
      email: 'jane@xn--exmple-4nf.com',
    });
    expect(mixed.status).toBe(400);
    expect(JSON.stringify(mixed.body)).toContain('mixes letters of different scripts');
    const russian = await t.api('POST', '/api/contacts', { fullName: 'Иван Петров', email: 'иван@пример.рф' });
    expect(russian.status).toBe(201);
    const punycode = await t.api('POST', '/api/contacts', {
      fullName: 'Иван Петров',
      email: 'иван@xn--e1afmkfd.xn--p1ai',
    });
    expect(punycode.body).toMatchObject({
      outcome: 'merged',
      contact: { id: russian.body.contact.id, email: 'иван@пример.рф' },
    });
  });

  it('refuses a mark that sits on a Latin letter without becoming part of it, and keeps accents that do', async () => {
    const underlined = await t.api('POST', '/api/contacts', {
      fullName: 'Mark Trick',
      email: 'sales@pa\u0332ypal.example',
    });
    expect(underlined.status).toBe(400);
    expect(JSON.stringify(underlined.body)).toContain('not part of the letter');
    // "é" typed as e + combining acute: NFKC makes it one letter, so the address is welcome.
    const accent = await t.api('POST', '/api/contacts', { fullName: 'José Accent', email: 'jose\u0301@ejemplo.es' });
    expect(accent.status).toBe(201);
    expect(accent.body.contact.email).toBe('jos\u00e9@ejemplo.es');
  });
});

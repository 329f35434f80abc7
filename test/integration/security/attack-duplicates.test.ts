/**
 * Attacks on duplicate detection: email normalisation (email-address.ts), LinkedIn slugs and
 * likely-duplicate keys (text-keys.ts), through the REST API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestApp, type TestApp } from '../../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('attack: duplicates (emails, LinkedIn profiles, likely duplicates)', () => {
  it('an "xn--<ascii>-" label (not a valid A-label: it decodes to plain ASCII) is not read as that ASCII label, merging two addresses', async () => {
    const jane = await t.api('POST', '/api/contacts', { fullName: 'Jane Real', email: 'jane@google.com' });
    expect(jane.status).toBe(201);
    // A different string, a different (invalid) domain: node's domainToUnicode turns it into google.com.
    const other = await t.api('POST', '/api/contacts', {
      fullName: 'Someone Else',
      email: 'jane@xn--google-.com',
      title: 'Planted title',
    });
    // Safe: refused as not an address (or kept apart) — never merged into Jane, filling her title.
    expect(other.body.outcome).not.toBe('merged');
    const stored = await t.api('GET', `/api/contacts/${jane.body.contact.id}`);
    expect(stored.body.title ?? stored.body.contact?.title ?? null).toBeNull();
  });

  it('a Greek whole-script look-alike ("νινο.com" for "vivo.com") is refused like a Cyrillic one', async () => {
    const real = await t.api('POST', '/api/contacts', { fullName: 'Vivo Person', email: 'sales@vivo.com' });
    expect(real.status).toBe(201);
    const fake = await t.api('POST', '/api/contacts', { fullName: 'Vivo Person', email: 'sales@νινο.com' });
    // Cyrillic "аррӏе.com" is refused with 400; Greek letters shaped like Latin ones are the same attack.
    expect(fake.status).toBe(400);
  });

  it('letters of every script: an address in Devanagari (with its vowel signs) is accepted', async () => {
    // README: "letters of every script allowed". Devanagari words need combining vowel signs (\p{M}).
    const res = await t.api('POST', '/api/contacts', { fullName: 'राम शर्मा', email: 'राम@डाटामेल.भारत' });
    expect(res.status).toBe(201);
    expect(res.body.contact.email).toBe('राम@डाटामेल.भारत');
  });

  it('a LinkedIn profile typed in full-width letters is the same profile (as a full-width email is the same address)', async () => {
    const first = await t.api('POST', '/api/contacts', {
      fullName: 'Kenji Wide',
      linkedinUrl: 'https://www.linkedin.com/in/kenjiwide',
    });
    expect(first.status).toBe(201);
    // Emails are NFKC-normalized (ｊａｎｅ＠… is jane@…); LinkedIn slugs only NFC, so this is a second contact.
    const again = await t.api('POST', '/api/contacts', {
      fullName: 'Kenji Wide',
      linkedinUrl: 'https://www.linkedin.com/in/ｋｅｎｊｉｗｉｄｅ',
    });
    expect(again.status === 400 || again.body.outcome === 'merged').toBe(true);
  });

  it('"Acme S.A." and "Acme SA" are the same company for likely duplicates (SA is a legal form the check ignores)', async () => {
    const first = await t.api('POST', '/api/contacts', { fullName: 'Lucía Duplicada', company: 'Acme SA' });
    expect(first.status).toBe(201);
    // The suffix list has "sa", but "S.A." (as it is usually written) folds to the words "s a".
    const second = await t.api('POST', '/api/contacts', { fullName: 'Lucía Duplicada', company: 'Acme S.A.' });
    expect(second.body.possibleDuplicates).toEqual([first.body.contact.id]);
  });

  it('a name with one Cyrillic look-alike letter is still reported as a likely duplicate', async () => {
    const first = await t.api('POST', '/api/contacts', { fullName: 'Jane Lookalike', company: 'Globex' });
    expect(first.status).toBe(201);
    // Emails refuse a Cyrillic "а" among Latin letters; names take it, and the duplicate check misses it.
    const second = await t.api('POST', '/api/contacts', { fullName: 'J\u0430ne Lookalike', company: 'Globex' });
    expect(second.status === 400 || second.body.possibleDuplicates?.includes(first.body.contact.id)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';

import { spreadsheetSafe } from '../../../src/crm/contacts/contact-csv.js';
import { ContactCreateSchema, ContactPatchSchema } from '../../../src/crm/contacts/contact.schemas.js';
import { mixesScripts } from '../../../src/crm/contacts/email-address.js';
import { ResearchRequestSchema } from '../../../src/research/research-task.schemas.js';

const parse = (input: Record<string, unknown>) => ContactCreateSchema.safeParse({ fullName: 'Jane Doe', ...input });

describe('one-line fields', () => {
  it.each([
    ['Jane\u200b Doe', 'Jane Doe'],
    ['\u202eeoD enaJ', 'eoD enaJ'],
    ['Ja\u200dne \u2066Doe\u2069', 'Jane Doe'],
    ['\ufeffJane\u00ad Doe', 'Jane Doe'],
    ['Jane\u3164Doe', 'JaneDoe'],
    ['Jose\u0301 Doe', 'José Doe'],
  ])('strips format characters: %j', (fullName, expected) => {
    const result = parse({ fullName, company: `Acme\u200b\u202e Corp`, title: '\u2067CEO\u2069' });
    expect(result.success).toBe(true);
    expect(result.data).toMatchObject({ fullName: expected, company: 'Acme Corp', title: 'CEO' });
  });

  it.each(['\u200b', '\u200b\u200c\u200d', '\u202e', '\u3164', '\u2800\u2800', '---', '...', '\u0301', ' \u00a0 '])(
    'refuses a name with no letter or digit: %j',
    (fullName) => {
      expect(parse({ fullName }).success).toBe(false);
      expect(ContactPatchSchema.safeParse({ fullName }).success).toBe(false);
    },
  );

  it('keeps names of every script, and research queries need words too', () => {
    for (const fullName of ['李小龍', 'Søren Ødegård', 'محمد علي', 'Ł. Wałęsa', 'X Æ A-12'])
      expect(parse({ fullName }).data?.fullName).toBe(fullName);
    expect(ResearchRequestSchema.safeParse({ query: '\u200b\u200b\u200b' }).success).toBe(false);
  });
});

describe('email look-alikes', () => {
  it.each([
    ['ｊａｎｅ＠ｅｘａｍｐｌｅ．ｃｏｍ', 'jane@example.com'],
    ['JANE@EXAMPLE.COM', 'jane@example.com'],
    ['jane@exam\u2024ple.com'.replace('\u2024', ''), 'jane@example.com'],
    ['ﬁona@example.com', 'fiona@example.com'],
    ['søren@firma.dk', 'søren@firma.dk'],
    ['li@例子.中国', 'li@例子.中国'],
    ['иван@пример.рф', 'иван@пример.рф'],
    ['jane@пример.рф', 'jane@пример.рф'],
    ['tanaka山田@example.jp', 'tanaka山田@example.jp'],
  ])('normalizes %s', (email, expected) => {
    const result = parse({ email });
    expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
    expect(result.data?.email).toBe(expected);
  });

  it.each([
    'j\u0430ne@example.com', // Cyrillic а in the local part
    'jane@ex\u0430mple.com', // Cyrillic а in the domain
    'jane@examp\u04cfe.com', // Cyrillic palochka for l
    'ja\u03bde@example.com', // Greek nu
    'jane@g\u043e\u043egle.com',
    'jane\u200b@example.com', // zero-width space
    'jane@example\u202e.com',
  ])('refuses %j', (email) => {
    expect(parse({ email }).success).toBe(false);
  });

  it('tells mixed scripts from writing systems that mix', () => {
    expect(mixesScripts('paypal')).toBe(false);
    expect(mixesScripts('p\u0430yp\u0430l')).toBe(true);
    expect(mixesScripts('東京tokyo')).toBe(false);
    expect(mixesScripts('ひらがなカタカナ漢字')).toBe(false);
  });
});

describe('spreadsheetSafe', () => {
  it.each([
    ['x;=cmd|" /C calc"!A0', 'x;\'=cmd|" /C calc"!A0'],
    ['a,=1+1', "a,'=1+1"],
    ['a\t+1', "a\t'+1"],
    ['a | @SUM(A1)', "a | '@SUM(A1)"],
    ['note\n=HYPERLINK("x")', 'note\n\'=HYPERLINK("x")'],
    ['a; "=1', 'a; "\'=1'],
    ['=1;=2', "''=1;'=2".slice(1)],
    ['Smith-Jones; Acme', 'Smith-Jones; Acme'],
    ['+44 20 7946 0958', "'+44 20 7946 0958"],
  ])('defuses %j', (value, expected) => {
    expect(spreadsheetSafe(value)).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';

import { companyKey, foldText, nameKey, searchTerms, searchText } from '../../../src/crm/contacts/text-keys.js';

describe('text keys', () => {
  it('folds case, accents and white space', () => {
    expect(foldText('  José \t GARCÍA  Ångström ')).toBe('jose garcia angstrom');
  });

  it('keys names by their letters and digits only', () => {
    expect(nameKey("Mary-Jane  O'Neil")).toBe('mary jane o neil');
    expect(nameKey('mary jane o.neil')).toBe('mary jane o neil');
  });

  it('keys companies without their legal form', () => {
    expect(companyKey('Acme Inc.')).toBe('acme');
    expect(companyKey('ACME, Ltd')).toBe('acme');
    expect(companyKey('Siemens AG')).toBe('siemens');
    expect(companyKey('Co')).toBe('co');
    expect(companyKey(null)).toBe('');
  });

  it('builds search text from name, title, company and email', () => {
    expect(searchText({ fullName: 'Zoë Li', title: 'CTO', company: null, email: 'zoe@x.io' })).toBe(
      'zoe li\ncto\nzoe@x.io',
    );
  });

  it('splits a query into distinct terms and drops LIKE wildcards', () => {
    expect(searchTerms('  Jane   ACME jane ')).toEqual(['jane', 'acme']);
    expect(searchTerms('50% jane_doe a\\b')).toEqual(['50', 'jane', 'doe', 'a', 'b']);
    expect(searchTerms('%_%')).toEqual([]);
    expect(searchTerms('a b c d e f g h i j')).toHaveLength(8);
  });
});

describe('keys version 1', () => {
  it('reads dotted legal forms in company names as one word', () => {
    for (const name of ['Acme S.A.', 'Acme SA', 'ACME s.a', 'Acme K.K.', 'Acme GmbH & Co. KG', 'Acme S.L.'])
      expect(companyKey(name)).toBe('acme');
    // Names keep initials as they were: "J. R." and "J.R." are the same key.
    expect(nameKey('J.R. Smith')).toBe(nameKey('J. R. Smith'));
  });

  it('reads look-alike Cyrillic and Greek letters inside Latin words as Latin, and leaves Cyrillic names Cyrillic', () => {
    expect(nameKey('J\u0430ne D\u043Ee')).toBe('jane doe');
    expect(companyKey('\u03BFpenAI')).toBe('openai');
    expect(nameKey('Анна Петрова')).toBe('анна петрова');
  });
});

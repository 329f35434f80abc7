import { describe, expect, it } from 'vitest';

import { spreadsheetSafe } from '../../../src/crm/contacts/contact-csv.js';
import { ContactCreateSchema, ContactPatchSchema } from '../../../src/crm/contacts/contact.schemas.js';

const parse = (input: unknown) => ContactCreateSchema.safeParse(input);
const firstError = (input: unknown) => {
  const result = parse(input);
  return result.success ? undefined : result.error.issues[0];
};

describe('ContactCreateSchema', () => {
  it('normalizes as it validates', () => {
    const result = ContactCreateSchema.parse({
      fullName: ' Ada\u0000  Lovelace ',
      email: ' ADA@Engine.ORG ',
      website: 'engine.org/about',
      companyDomain: 'HTTPS://WWW.Engine.org/x',
      phone: '+44  (0)20 7946 0958 ext. 12',
      tags: ['Math', 'math ', ' Computing'],
      title: '   ',
      nextFollowUpAt: '2026-12-01T09:00:00+01:00',
    });
    expect(result).toMatchObject({
      fullName: 'Ada Lovelace',
      email: 'ada@engine.org',
      website: 'https://engine.org/about',
      companyDomain: 'engine.org',
      phone: '+44 (0)20 7946 0958 ext. 12',
      tags: ['math', 'computing'],
      title: null,
    });
    expect(result.nextFollowUpAt?.toISOString()).toBe('2026-12-01T08:00:00.000Z');
  });

  it.each([
    [{ fullName: 'X', email: 'a@b' }, 'email'],
    [{ fullName: 'X', email: 'a@ex%41mple.com' }, 'email'],
    [{ fullName: 'X', website: 'ftp://files.example' }, 'website'],
    [{ fullName: 'X', website: 'localhost' }, 'website'],
    [{ fullName: 'X', phone: 'call me' }, 'phone'],
    [{ fullName: 'X', companyDomain: 'not a domain' }, 'companyDomain'],
    [{ fullName: 'X', ownerId: 'jane' }, 'ownerId'],
    [{ fullName: 'X', nextFollowUpAt: '2026-02-30' }, 'nextFollowUpAt'],
    [{ fullName: 'X', nextFollowUpAt: '0000-01-01' }, 'nextFollowUpAt'],
    [{ fullName: 'X', nextFollowUpAt: '1899-12-31T23:00:00Z' }, 'nextFollowUpAt'],
    [{ fullName: 'X', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, 'tags'],
    [{ fullName: 'X', sources: [{ url: 'https://a.example', quote: '', field: 'fullName' }] }, 'sources'],
    [{ fullName: 'X', sources: [{ url: 'https://a.example', quote: 'q', field: 'password' }] }, 'sources'],
    [{ fullName: 'x'.repeat(1_000_000) }, 'fullName'],
  ])('rejects %j at %s', (input, path) => {
    expect(firstError(input)?.path[0]).toBe(path);
  });

  it('answers a 1 MB name with a short message', () => {
    expect(firstError({ fullName: 'x'.repeat(1_000_000) })?.message).toBe('must be at most 200 characters');
  });
});

describe('ContactPatchSchema', () => {
  it('needs at least one field and refuses to clear the name', () => {
    expect(ContactPatchSchema.safeParse({}).success).toBe(false);
    expect(ContactPatchSchema.safeParse({ fullName: null }).success).toBe(false);
    expect(ContactPatchSchema.parse({ email: null, title: 'CEO' })).toEqual({ email: null, title: 'CEO' });
  });
});

describe('spreadsheetSafe', () => {
  it('prefixes cells a spreadsheet would run as formulas', () => {
    expect(spreadsheetSafe('=1+1')).toBe("'=1+1");
    expect(spreadsheetSafe('+44 20')).toBe("'+44 20");
    expect(spreadsheetSafe('-x')).toBe("'-x");
    expect(spreadsheetSafe('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(spreadsheetSafe('\tx')).toBe("'\tx");
    expect(spreadsheetSafe('Jane')).toBe('Jane');
  });
});

describe('email addresses', () => {
  it.each(['søren.brown@firma.dk', 'JOSÉ@Example.ES', "o'neil+crm@acme.co.uk", 'li@例子.中国'])(
    'accepts %s',
    (email) => {
      expect(ContactCreateSchema.safeParse({ fullName: 'X', email }).success).toBe(true);
    },
  );
  it.each(['a@b', '<script>@x.com', 'a b@c.com', '.a@b.com', 'a..b@c.com', 'a@-b.com', 'x@y.c'])(
    'rejects %s',
    (email) => {
      expect(ContactCreateSchema.safeParse({ fullName: 'X', email }).success).toBe(false);
    },
  );
});

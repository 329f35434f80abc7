import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestApp, type TestApp } from '../../support/test-app.js';

let t: TestApp;
const now = new Date('2026-11-28T12:00:00Z');
beforeAll(async () => {
  t = await startTestApp({ clock: () => now });
});
afterAll(async () => {
  await t.close();
});

let seq = 0;
const unique = (prefix: string) => `${prefix}${++seq}-${Math.random().toString(36).slice(2, 8)}`;

describe('creating contacts', () => {
  it('normalizes every field on the way in', async () => {
    const slug = unique('jane-doe-');
    const res = await t.api('POST', '/api/contacts', {
      fullName: '  Jane \t  Doe ',
      email: `  Jane.${slug}@ACME.com `,
      company: ' Acme   Inc. ',
      companyDomain: 'https://www.Acme.com/about',
      linkedinUrl: `uk.linkedin.com/in/${slug.toUpperCase()}/?trk=public`,
      website: 'acme.com',
      phone: '+44 20  7946 0958',
      tags: [' Fintech ', 'fintech', 'London'],
      nextFollowUpAt: '2026-12-01',
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/api/contacts/${res.body.contact.id}`);
    expect(res.body.outcome).toBe('created');
    expect(res.body.contact).toMatchObject({
      fullName: 'Jane Doe',
      email: `jane.${slug}@acme.com`,
      emailStatus: 'found',
      company: 'Acme Inc.',
      companyDomain: 'acme.com',
      linkedinUrl: `https://www.linkedin.com/in/${slug}`,
      website: 'https://acme.com/',
      phone: '+44 20 7946 0958',
      tags: ['fintech', 'london'],
      nextFollowUpAt: '2026-12-01T00:00:00.000Z',
    });
  });

  it('merges a contact with a known email into the existing one, filling only empty fields', async () => {
    const email = `${unique('sam')}@globex.com`;
    const first = await t.api('POST', '/api/contacts', { fullName: 'Sam Carter', email, title: 'CTO' });
    const second = await t.api('POST', '/api/contacts', {
      fullName: 'Samuel Carter',
      email: email.toUpperCase(),
      title: 'Chief Technology Officer',
      location: 'London',
      tags: ['vip'],
      sources: [{ url: 'https://globex.com/team', quote: 'Sam Carter, CTO', field: 'title' }],
    });
    expect(second.status).toBe(200);
    expect(second.body.outcome).toBe('merged');
    expect(second.body.contact.id).toBe(first.body.contact.id);
    expect(second.body.contact).toMatchObject({
      fullName: 'Sam Carter',
      title: 'CTO',
      location: 'London',
      tags: ['vip'],
    });
    expect(second.body.conflicts).toEqual([{ field: 'title', kept: 'CTO', offered: 'Chief Technology Officer' }]);
    const detail = await t.api('GET', `/api/contacts/${first.body.contact.id}`);
    expect(detail.body.sources).toHaveLength(1);
  });

  it('merges by LinkedIn profile whatever form the link takes', async () => {
    const slug = unique('li-');
    const first = await t.api('POST', '/api/contacts', {
      fullName: 'Lee Park',
      linkedinUrl: `https://www.linkedin.com/in/${slug}`,
    });
    const second = await t.api('POST', '/api/contacts', {
      fullName: 'Lee Park',
      linkedinUrl: `http://m.linkedin.com/in/${slug.toUpperCase()}/details/experience#x`,
    });
    expect(second.body.outcome).toBe('merged');
    expect(second.body.contact.id).toBe(first.body.contact.id);
  });

  it('never replaces a found email with a guessed one, but upgrades a guessed one', async () => {
    const slug = unique('em-');
    const linkedinUrl = `https://www.linkedin.com/in/${slug}`;
    await t.api('POST', '/api/contacts', {
      fullName: 'Ana Ruiz',
      linkedinUrl,
      email: `ana.${slug}@x.com`,
      emailStatus: 'found',
    });
    const guessed = await t.api('POST', '/api/contacts', {
      fullName: 'Ana Ruiz',
      linkedinUrl,
      email: `aruiz.${slug}@x.com`,
      emailStatus: 'guessed',
    });
    expect(guessed.body.contact).toMatchObject({ email: `ana.${slug}@x.com`, emailStatus: 'found' });

    const other = unique('em2-');
    const li2 = `https://www.linkedin.com/in/${other}`;
    await t.api('POST', '/api/contacts', {
      fullName: 'Bo Lind',
      linkedinUrl: li2,
      email: `guess.${other}@y.com`,
      emailStatus: 'guessed',
    });
    const found = await t.api('POST', '/api/contacts', {
      fullName: 'Bo Lind',
      linkedinUrl: li2,
      email: `bo.${other}@y.com`,
      emailStatus: 'found',
    });
    expect(found.body.contact).toMatchObject({ email: `bo.${other}@y.com`, emailStatus: 'found' });
  });

  it('reports, but does not merge, the same name at the same company', async () => {
    const company = unique('Initech ');
    const first = await t.api('POST', '/api/contacts', { fullName: 'Peter Gibbons', company: `${company} LLC` });
    const second = await t.api('POST', '/api/contacts', { fullName: 'peter  gibbons', company });
    expect(second.status).toBe(201);
    expect(second.body.contact.id).not.toBe(first.body.contact.id);
    expect(second.body.possibleDuplicates).toEqual([first.body.contact.id]);
  });
});

describe('reading, changing and deleting', () => {
  it('returns a contact with its conversations, sources and research links', async () => {
    const created = await t.api('POST', '/api/contacts', {
      fullName: 'Dana Scully',
      sources: [
        {
          url: 'https://fbi.gov/x-files',
          pageTitle: 'Team',
          quote: 'Special Agent Dana Scully',
          field: 'fullName',
          fetchedAt: '2026-11-01T10:00:00Z',
        },
      ],
    });
    const id = created.body.contact.id;
    await t.api('POST', `/api/contacts/${id}/conversations`, {
      kind: 'call',
      subject: 'Intro call',
      occurredAt: '2026-11-20T10:00:00Z',
    });
    const res = await t.api('GET', `/api/contacts/${id}`);
    expect(res.status).toBe(200);
    expect(res.body.conversations).toMatchObject([
      { kind: 'call', subject: 'Intro call', occurredAt: '2026-11-20T10:00:00.000Z' },
    ]);
    expect(res.body.sources).toMatchObject([
      {
        url: 'https://fbi.gov/x-files',
        quote: 'Special Agent Dana Scully',
        field: 'fullName',
        fetchedAt: '2026-11-01T10:00:00.000Z',
      },
    ]);
    expect(res.body.research).toEqual([]);
  });

  it('answers 404 for an unknown contact and 400 for a malformed id', async () => {
    expect((await t.api('GET', '/api/contacts/01a2212f-fbb0-76a3-be79-73657157daa2')).status).toBe(404);
    const bad = await t.api('GET', '/api/contacts/not-an-id');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]).toMatchObject({ path: 'id', location: 'params' });
  });

  it('updates fields, clears with null, replaces tags and keeps search in step', async () => {
    const created = await t.api('POST', '/api/contacts', {
      fullName: 'Fox Mulder',
      title: 'Agent',
      tags: ['a', 'b'],
      phone: '+1 202 555 0100',
    });
    const id = created.body.contact.id;
    const res = await t.api('PATCH', `/api/contacts/${id}`, {
      title: 'Senior Agent',
      phone: null,
      tags: ['c'],
      company: 'Spooky Unit',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ title: 'Senior Agent', phone: null, tags: ['c'], company: 'Spooky Unit' });
    const found = await t.api('GET', '/api/contacts/search?q=spooky%20senior');
    expect(found.body.data.map((c: { id: string }) => c.id)).toEqual([id]);
  });

  it('refuses to give a contact an email another contact has (409) and changes nothing', async () => {
    const email = `${unique('taken')}@x.com`;
    const owner = await t.api('POST', '/api/contacts', { fullName: 'Owner One', email });
    const other = await t.api('POST', '/api/contacts', { fullName: 'Other Two' });
    const res = await t.api('PATCH', `/api/contacts/${other.body.contact.id}`, { email, title: 'Changed' });
    expect(res.status).toBe(409);
    expect(res.body.error.details).toEqual({ field: 'email', contactId: owner.body.contact.id });
    expect((await t.api('GET', `/api/contacts/${other.body.contact.id}`)).body.title).toBeNull();
  });

  it('deletes a contact to the trash, with its conversations and sources kept for a restore', async () => {
    const created = await t.api('POST', '/api/contacts', {
      fullName: 'Walter Skinner',
      sources: [{ url: 'https://a.example/x', quote: 'Walter Skinner', field: 'fullName' }],
    });
    const id = created.body.contact.id;
    const conversation = await t.api('POST', `/api/contacts/${id}/conversations`, {
      kind: 'note',
      body: 'Met at the office',
    });
    expect((await t.api('DELETE', `/api/contacts/${id}`)).status).toBe(204);
    expect((await t.api('GET', `/api/contacts/${id}`)).status).toBe(404);
    expect((await t.api('DELETE', `/api/contacts/${id}`)).status).toBe(404);
    const { db } = t.app.database;
    expect(await db.conversation.count({ where: { id: conversation.body.id } })).toBe(1);
    expect(await db.researchSource.count({ where: { contactId: id } })).toBe(1);
    expect((await t.api('POST', `/api/contacts/${id}/restore`)).status).toBe(200);
    expect((await t.api('GET', `/api/contacts/${id}`)).body.conversations).toHaveLength(1);
  });
});

describe('listing and searching', () => {
  const owner = 'U0LIST0001';
  const tag = 'list-test';
  let ids: string[] = [];
  beforeAll(async () => {
    const rows = Array.from({ length: 7 }, (_, i) => ({
      fullName: `Lister Number${i}`,
      company: i % 2 === 0 ? 'Even Corp' : 'Odd GmbH',
      ownerId: owner,
      tags: [tag],
      nextFollowUpAt: i < 3 ? '2026-11-01T00:00:00Z' : '2027-01-01T00:00:00Z',
    }));
    const res = await t.api('POST', '/api/contacts/import', rows);
    ids = res.body.rows.map((r: { contactId: string }) => r.contactId);
  });

  it('pages through every contact exactly once, newest first', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { data: { id: string }[]; nextCursor: string | null } } = await t.api(
        'GET',
        `/api/contacts?owner=${owner}&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.body.data.length).toBeLessThanOrEqual(3);
      seen.push(...res.body.data.map((c) => c.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
  });

  it('filters by tag, company (ignoring legal form and case) and due follow-ups', async () => {
    const byCompany = await t.api('GET', `/api/contacts?tag=${tag}&company=${encodeURIComponent('EVEN corp.')}`);
    expect(byCompany.body.data).toHaveLength(4);
    const odd = await t.api('GET', `/api/contacts?tag=${tag}&company=odd`);
    expect(odd.body.data).toHaveLength(3);
    const due = await t.api('GET', `/api/contacts?tag=${tag}&followUpDue=true`);
    expect(due.body.data.map((c: { fullName: string }) => c.fullName).sort()).toEqual([
      'Lister Number0',
      'Lister Number1',
      'Lister Number2',
    ]);
    const notDue = await t.api('GET', `/api/contacts?tag=${tag}&followUpDue=false`);
    expect(notDue.body.data).toHaveLength(4);
  });

  it('searches name, title, company and email ignoring case and accents, every word must match', async () => {
    const email = `${unique('zoe')}@quantumleap.io`;
    const created = await t.api('POST', '/api/contacts', {
      fullName: 'Zoë Ångström',
      title: 'VP Growth',
      company: 'Quantum Leap',
      email,
    });
    const id = created.body.contact.id;
    for (const q of ['zoe', 'ANGSTROM', 'zoë growth', 'quantumleap.io', 'vp leap']) {
      const res = await t.api('GET', `/api/contacts/search?q=${encodeURIComponent(q)}`);
      expect(
        res.body.data.map((c: { id: string }) => c.id),
        q,
      ).toContain(id);
    }
    const none = await t.api('GET', `/api/contacts/search?q=${encodeURIComponent('zoe nobodyelse')}`);
    expect(none.body.data).toEqual([]);
  });

  it('treats LIKE wildcards in a search as plain separators, never as "match anything"', async () => {
    for (const q of ['%', '_', '%%%', '\\', "' OR 1=1 --"]) {
      const res = await t.api('GET', `/api/contacts/search?q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
      expect(res.body.data, q).toEqual([]);
    }
  });

  it('requires a search text on /search', async () => {
    const res = await t.api('GET', '/api/contacts/search?q=%20%20');
    expect(res.status).toBe(400);
    expect(res.body.error.details[0]).toMatchObject({ path: 'q', location: 'query' });
  });
});

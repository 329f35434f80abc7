import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestApp, type TestApp } from '../../support/test-app.js';

let t: TestApp;
let contactId: string;
let conversationId: string;
beforeAll(async () => {
  t = await startTestApp();
  contactId = (await t.api('POST', '/api/contacts', { fullName: 'Target Person', email: 'target@example.com' })).body
    .contact.id;
  conversationId = (await t.api('POST', `/api/contacts/${contactId}/conversations`, { kind: 'note', body: 'x' })).body
    .id;
});
afterAll(async () => {
  await t.close();
});

/** Everything in the database that a rejected request must leave alone. */
async function snapshot() {
  const { db } = t.app.database;
  return {
    contacts: await db.contact.findMany({ orderBy: { id: 'asc' }, include: { tags: true } }),
    conversations: await db.conversation.findMany({ orderBy: { id: 'asc' } }),
    sources: await db.researchSource.count(),
  };
}

const writeRoutes = () => [
  { method: 'POST', path: '/api/contacts' },
  { method: 'POST', path: '/api/contacts/import', wrap: true },
  { method: 'PATCH', path: `/api/contacts/${contactId}` },
  { method: 'POST', path: `/api/contacts/${contactId}/conversations` },
  { method: 'PATCH', path: `/api/contacts/${contactId}/conversations/${conversationId}` },
];

const MEGABYTE_STRING = 'x'.repeat(1024 * 1024);

describe('every write route rejects bad input with a clear error and writes nothing', () => {
  it.each([
    ['malformed JSON', '{"fullName": "Unclosed', 400, 'validation_failed'],
    ['JSON of the wrong shape', '"just a string"', 400, 'validation_failed'],
    ['wrong types', { fullName: 42, kind: 7, email: ['a'], tags: 'x', subject: { a: 1 } }, 400, 'validation_failed'],
    ['unknown fields', { fullName: 'X', kind: 'note', body: 'b', isAdmin: true }, 400, 'validation_failed'],
    [
      'a 1 MB string',
      { fullName: MEGABYTE_STRING, kind: 'note', body: MEGABYTE_STRING, subject: MEGABYTE_STRING },
      413,
      'payload_too_large',
    ],
    [
      'an oversized field',
      { fullName: 'y'.repeat(5000), kind: 'note', subject: 'y'.repeat(5000) },
      400,
      'validation_failed',
    ],
    [
      'invalid email and URLs',
      {
        fullName: 'X',
        email: 'x@',
        website: 'javascript:alert(1)',
        linkedinUrl: 'https://evil.example/in/x',
        kind: 'note',
        occurredAt: 'yesterday',
      },
      400,
      'validation_failed',
    ],
  ])('%s', async (_name, payload, status, code) => {
    const before = await snapshot();
    for (const route of writeRoutes()) {
      const body = route.wrap && typeof payload !== 'string' ? [payload] : payload;
      const res = await t.api(route.method, route.path, typeof body === 'string' ? body : JSON.stringify(body));
      // An import (25 MB limit) reports a bad row in its result (200) instead of failing the request.
      if (route.wrap && typeof payload !== 'string') {
        expect(res.status, `${route.method} ${route.path}`).toBe(200);
        expect(res.body.rejected).toBe(1);
        continue;
      }
      expect(res.status, `${route.method} ${route.path}`).toBe(
        route.wrap && payload === '"just a string"' ? 400 : status,
      );
      expect(res.body.error.code, `${route.method} ${route.path}`).toBe(code);
      expect(typeof res.body.error.message).toBe('string');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('names each failing field', async () => {
    const res = await t.api('POST', '/api/contacts', {
      fullName: '',
      email: 'nope',
      tags: ['ok', ''],
      nextFollowUpAt: '2026-13-45',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'email',
      'fullName',
      'nextFollowUpAt',
      'tags.1',
    ]);
  });

  it('rejects a body that is not JSON', async () => {
    const res = await t.api('POST', '/api/contacts', 'fullName=Form+Post', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
  });

  it('rejects unknown query parameters and repeated ones', async () => {
    expect((await t.api('GET', '/api/contacts?drop=table')).status).toBe(400);
    expect((await t.api('GET', '/api/contacts?q=a&q=b')).status).toBe(400);
    expect((await t.api('GET', '/api/contacts?limit=100000')).status).toBe(400);
    expect((await t.api('GET', '/api/contacts?cursor=abc')).status).toBe(400);
  });
});

describe('hostile text is stored as text and changes nothing else', () => {
  it('keeps SQL and HTML verbatim, searchable, and the tables intact', async () => {
    const sql = 'Robert\'); DROP TABLE "Contact";--';
    const html = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    const res = await t.api('POST', '/api/contacts', { fullName: sql, title: html, notes: `${sql}\n${html}` });
    expect(res.status).toBe(201);
    const stored = await t.api('GET', `/api/contacts/${res.body.contact.id}`);
    expect(stored.body).toMatchObject({ fullName: sql, title: html, notes: `${sql}\n${html}` });
    const search = await t.api('GET', `/api/contacts/search?q=${encodeURIComponent("robert'); drop")}`);
    expect(search.body.data.map((c: { id: string }) => c.id)).toEqual([res.body.contact.id]);
    expect(await t.app.database.db.contact.count()).toBeGreaterThan(1);
  });

  it('strips control characters from one-line fields', async () => {
    const res = await t.api('POST', '/api/contacts', { fullName: 'Null\u0000Byte\u0007 Person', company: 'Tab\tCo' });
    expect(res.body.contact).toMatchObject({ fullName: 'NullByte Person', company: 'Tab Co' });
  });
});

describe('errors do not leak internals', () => {
  it('answers unknown routes with JSON 404', async () => {
    const res = await t.api('GET', '/api/nope');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
    const outside = await fetch(`${t.url}/nope`);
    expect(outside.status).toBe(404);
  });
});

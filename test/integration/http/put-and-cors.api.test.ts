import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestApp, TEST_TOKEN, type TestApp } from '../../support/test-app.js';

let t: TestApp;
let plain: TestApp;
beforeAll(async () => {
  t = await startTestApp({ env: { CORS_ORIGINS: 'https://crm.example.com, http://localhost:5173' } });
});
afterAll(async () => {
  await t.close();
  await plain?.close();
});

describe('PUT /api/contacts/:id', () => {
  it('replaces every editable field: those left out are cleared, tags emptied', async () => {
    const created = await t.api('POST', '/api/contacts', {
      fullName: 'Rita Replace',
      email: 'rita@replace.example',
      emailStatus: 'verified',
      title: 'CTO',
      company: 'Replace Ltd',
      phone: '+44 20 7946 0958',
      tags: ['a', 'b'],
      notes: 'old notes',
      nextFollowUpAt: '2026-12-24',
    });
    const id = created.body.contact.id;
    const res = await t.api('PUT', `/api/contacts/${id}`, {
      fullName: 'Rita Replaced',
      email: 'rita@replace.example',
      location: 'Lisbon',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id,
      fullName: 'Rita Replaced',
      email: 'rita@replace.example',
      emailStatus: 'verified',
      title: null,
      company: null,
      phone: null,
      notes: null,
      nextFollowUpAt: null,
      location: 'Lisbon',
      tags: [],
    });
    const again = await t.api('GET', `/api/contacts/${id}`);
    expect(again.body).toMatchObject({ fullName: 'Rita Replaced', company: null, tags: [] });
    // Search follows the replaced fields.
    expect((await t.api('GET', '/api/contacts/search?q=replace%20ltd')).body.data).toHaveLength(0);

    const noEmail = await t.api('PUT', `/api/contacts/${id}`, { fullName: 'Rita Replaced' });
    expect(noEmail.body).toMatchObject({ email: null, emailStatus: 'unknown' });
    const newEmail = await t.api('PUT', `/api/contacts/${id}`, {
      fullName: 'Rita Replaced',
      email: 'rita2@replace.example',
    });
    expect(newEmail.body).toMatchObject({ email: 'rita2@replace.example', emailStatus: 'found' });
  });

  it("refuses a missing name, unknown fields, bad values and unknown ids; 409 for another contact's email", async () => {
    const a = await t.api('POST', '/api/contacts', { fullName: 'Put A', email: 'put-a@put.example' });
    const b = await t.api('POST', '/api/contacts', { fullName: 'Put B', email: 'put-b@put.example' });
    const id = b.body.contact.id;
    expect((await t.api('PUT', `/api/contacts/${id}`, { email: 'x@put.example' })).status).toBe(400);
    expect((await t.api('PUT', `/api/contacts/${id}`, { fullName: 'B', createdAt: '2026-01-01' })).status).toBe(400);
    expect((await t.api('PUT', `/api/contacts/${id}`, { fullName: 'B', email: 'nope' })).status).toBe(400);
    expect((await t.api('PUT', `/api/contacts/${id}`, [])).status).toBe(400);
    expect(
      (await t.api('PUT', '/api/contacts/0190b2a4-0000-7000-8000-000000000000', { fullName: 'Nobody' })).status,
    ).toBe(404);
    const taken = await t.api('PUT', `/api/contacts/${id}`, { fullName: 'Put B', email: 'PUT-A@put.example' });
    expect(taken.status).toBe(409);
    expect(taken.body.error.details).toMatchObject({ field: 'email', contactId: a.body.contact.id });
    expect((await t.api('GET', `/api/contacts/${id}`)).body.email).toBe('put-b@put.example');
  });

  it('is documented in the OpenAPI description', async () => {
    const doc = (await t.api('GET', '/api/openapi.json')).body;
    expect(doc.paths['/api/contacts/{id}'].put.requestBody.content['application/json'].schema.$ref).toBe(
      '#/components/schemas/ContactReplace',
    );
  });
});

describe('CORS_ORIGINS', () => {
  const preflight = (base: string, origin: string) =>
    fetch(`${base}/api/contacts`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });

  it("answers a listed origin's preflight without a token, and its requests with its origin", async () => {
    const pre = await preflight(t.url, 'https://crm.example.com');
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('https://crm.example.com');
    expect(pre.headers.get('access-control-allow-methods')).toMatch(/PUT/);
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/Authorization/i);
    expect(pre.headers.get('access-control-allow-credentials')).toBeNull();

    const res = await fetch(`${t.url}/api/contacts`, {
      headers: { origin: 'http://localhost:5173', authorization: `Bearer ${TEST_TOKEN}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(res.headers.get('vary')).toMatch(/Origin/);
    // The data still needs the token.
    const anonymous = await fetch(`${t.url}/api/contacts`, { headers: { origin: 'https://crm.example.com' } });
    expect(anonymous.status).toBe(401);
  });

  it('gives an unlisted origin (or a look-alike) no CORS headers', async () => {
    for (const origin of [
      'https://evil.example',
      'https://crm.example.com.evil.example',
      'http://crm.example.com',
      'null',
    ]) {
      const pre = await preflight(t.url, origin);
      expect(pre.headers.get('access-control-allow-origin')).toBeNull();
      expect(pre.status).toBe(401);
      const res = await fetch(`${t.url}/api/contacts`, { headers: { origin, authorization: `Bearer ${TEST_TOKEN}` } });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('allows no origin by default', async () => {
    plain = await startTestApp();
    const pre = await preflight(plain.url, 'https://crm.example.com');
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    const res = await fetch(`${plain.url}/api/contacts`, {
      headers: { origin: 'https://crm.example.com', authorization: `Bearer ${TEST_TOKEN}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestApp, type TestApp } from '../../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  // Every documented route is tried with several wrong tokens: more failures than the per-address limit.
  t = await startTestApp({ env: { ADMIN_API_AUTH_FAILURE_LIMIT: '10000' } });
});
afterAll(async () => {
  await t.close();
});

async function documentedOperations(): Promise<{ method: string; path: string }[]> {
  const doc = (await t.api('GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((method) => ({
      method: method.toUpperCase(),
      path: path.replace(/\{[^}]+\}/g, '01a2212f-fbb0-76a3-be79-73657157daa2'),
    })),
  );
}

describe('the admin token', () => {
  it('is required by every documented route, and by the document itself', async () => {
    const operations = await documentedOperations();
    expect(operations.length).toBeGreaterThanOrEqual(12);
    const before = await t.app.database.db.contact.count();
    for (const op of [...operations, { method: 'GET', path: '/api/openapi.json' }]) {
      for (const authorization of [
        undefined,
        'Bearer wrong-token-wrong-token-wrong',
        'Basic dXNlcjpwYXNz',
        'Bearer',
        `bearer  ${'test-admin-token-0123456789abcdef'}x`,
      ]) {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (authorization) headers.authorization = authorization;
        const res = await fetch(t.url + op.path, {
          method: op.method,
          headers,
          body: op.method === 'GET' || op.method === 'DELETE' ? undefined : '{"fullName":"Intruder"}',
        });
        expect(res.status, `${op.method} ${op.path} with ${authorization}`).toBe(401);
        expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
      }
    }
    expect(await t.app.database.db.contact.count()).toBe(before);
  });

  it('is accepted whatever the case of "Bearer"', async () => {
    const res = await fetch(`${t.url}/api/contacts`, {
      headers: { authorization: 'bearer test-admin-token-0123456789abcdef' },
    });
    expect(res.status).toBe(200);
  });
});

describe('the API description', () => {
  it('documents every route with its request schemas and the error shape', async () => {
    const doc = (await t.api('GET', '/api/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/api/contacts',
      '/api/contacts.csv',
      '/api/contacts/import',
      '/api/contacts/search',
      '/api/contacts/trash',
      '/api/contacts/{id}',
      '/api/contacts/{id}/conversations',
      '/api/contacts/{id}/conversations/{conversationId}',
      '/api/contacts/{id}/enrich',
      '/api/contacts/{id}/follow-up/done',
      '/api/contacts/{id}/follow-up/snooze',
      '/api/contacts/{id}/history',
      '/api/contacts/{id}/restore',
      '/api/digest/preview',
      '/api/digest/run',
      '/api/research',
      '/api/research/sync',
      '/api/research/tasks',
      '/api/research/tasks/{id}',
      '/api/research/tasks/{id}/cancel',
    ]);
    expect(doc.paths['/api/contacts'].post.requestBody.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/ContactCreate',
    });
    expect(doc.components.schemas.ContactCreate.required).toEqual(['fullName']);
    expect(doc.components.schemas.ContactCreate.additionalProperties).toBe(false);
    expect(doc.paths['/api/contacts'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['q', 'owner', 'tag', 'company', 'followUpDue', 'limit', 'cursor']),
    );
    expect(doc.components.schemas.Error).toBeDefined();
    expect(doc.security ?? doc.paths['/api/contacts'].get.security).toEqual([{ adminToken: [] }]);
  });

  it('has a browsable page', async () => {
    const res = await fetch(`${t.url}/docs/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('swagger-ui');
  });
});

describe('health and readiness', () => {
  it('answers without a token', async () => {
    expect(await (await fetch(`${t.url}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${t.url}/readyz`)).json()).toEqual({ status: 'ready', database: 'ok' });
  });
});

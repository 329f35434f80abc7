import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createCrmClient, type components } from '../../../clients/typescript/index.js';
import { CLIENT_TYPES_FILE, generateClientTypes } from '../../../scripts/api/generate-client.js';
import { startTestApp, TEST_TOKEN, type TestApp } from '../../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('the TypeScript client generated from /api/openapi.json', () => {
  it('is generated from the document the running API serves, and committed up to date', async () => {
    const served = (await t.api('GET', '/api/openapi.json')).body;
    const { openApiDocument } = await import('../../../scripts/api/openapi-document.js');
    expect(JSON.parse(JSON.stringify(openApiDocument()))).toEqual(served);
    expect(readFileSync(CLIENT_TYPES_FILE, 'utf8')).toBe(await generateClientTypes());
    // Every operation is named for client generators, once.
    const ids = Object.values(served.paths as Record<string, Record<string, { operationId?: string }>>).flatMap(
      (item) => Object.values(item).map((op) => op.operationId),
    );
    expect(ids.every((id) => typeof id === 'string' && /^[a-zA-Z][a-zA-Z0-9]*$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('creates, reads, replaces, patches, lists, imports and deletes through typed calls', async () => {
    const crm = createCrmClient(t.url, TEST_TOKEN);
    const created = await crm.POST('/api/contacts', {
      body: { fullName: 'Typed Client', email: 'typed@client.example', tags: ['typed'] },
    });
    expect(created.response.status).toBe(201);
    const id = created.data!.contact.id;

    const got = await crm.GET('/api/contacts/{id}', { params: { path: { id } } });
    const detail: components['schemas']['ContactDetail'] | undefined = got.data;
    expect(detail).toMatchObject({ fullName: 'Typed Client', sources: [], conversations: [] });

    const replaced = await crm.PUT('/api/contacts/{id}', {
      params: { path: { id } },
      body: { fullName: 'Typed Client', title: 'Engineer' },
    });
    expect(replaced.data).toMatchObject({ title: 'Engineer', email: null, tags: [] });

    const patched = await crm.PATCH('/api/contacts/{id}', { params: { path: { id } }, body: { company: 'Typed Co' } });
    expect(patched.data?.company).toBe('Typed Co');

    const listed = await crm.GET('/api/contacts', { params: { query: { company: 'typed co', limit: 10 } } });
    expect(listed.data?.data.map((c) => c.id)).toEqual([id]);

    const dry = await crm.POST('/api/contacts/import', {
      params: { query: { dryRun: 'true' } },
      body: [{ fullName: 'Dry Typed' }],
    });
    expect(dry.data).toMatchObject({ dryRun: true, created: 1 });

    const refused = await crm.POST('/api/contacts', {
      // @ts-expect-error the generated types know the fields: a name that is not text does not compile
      body: { fullName: 42 },
    });
    expect(refused.response.status).toBe(400);
    expect(refused.error?.error.code).toBe('validation_failed');

    const missing = await crm.GET('/api/contacts/{id}', {
      params: { path: { id: '0190b2a4-0000-7000-8000-000000000000' } },
    });
    expect(missing.response.status).toBe(404);

    const deleted = await crm.DELETE('/api/contacts/{id}', { params: { path: { id } } });
    expect(deleted.response.status).toBe(204);
  });
});

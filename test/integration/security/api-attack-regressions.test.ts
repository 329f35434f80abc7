/**
 * Regression tests for the HTTP API findings of an outside tester (F1, F2, F7, F8, F9, F10; first
 * written in the tester's clone as test/integration/attacks/findings.attack.test.ts). Each asserts
 * the SAFE behaviour, so it failed while the finding was open.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ChatHandler } from '../../support/fake-openai.js';
import { startResearchRig, type ResearchTestRig } from '../../support/research-app.js';
import { startTestApp, TEST_TOKEN, type TestApp } from '../../support/test-app.js';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/** The app as configured by default: research is off (no model configured). */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const auth = { authorization: `Bearer ${TEST_TOKEN}` };
const postCsv = async (csv: string | Buffer) => {
  const r = await fetch(`${t.url}/api/contacts/import`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'text/csv' },
    body: csv,
  });
  return { status: r.status, body: (await r.json()) as any };
};
const exportCsv = async (tag: string) =>
  (await fetch(`${t.url}/api/contacts.csv?tag=${tag}`, { headers: auth })).text();
/** The exported rows, without the columns a re-import necessarily changes (the ID and the timestamps). */
const records = (csv: string) =>
  parse<Record<string, string>>(csv, { columns: true })
    .map((r) => JSON.stringify({ ...r, id: undefined, createdAt: undefined, updatedAt: undefined }))
    .sort();

/**
 * export → import (into a CRM that no longer holds the contact) → export; answers the re-imported contact and both
 * exports.
 */
async function roundTrip(contact: Record<string, unknown>, tag: string) {
  const created = await t.api('POST', '/api/contacts', { ...contact, tags: [tag] });
  expect(created.status).toBe(201);
  const first = await exportCsv(tag);
  // Gone for good (not in the trash, where the import could find it again).
  const ids = (await t.api('GET', `/api/contacts?tag=${tag}`)).body.data.map((c: { id: string }) => c.id);
  await t.app.database.db.contact.deleteMany({ where: { id: { in: ids } } });
  const res = await postCsv(first);
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ created: 1, rejected: 0 });
  const got = (await t.api('GET', `/api/contacts/${res.body.rows[0].contactId}`)).body;
  return { got, first, second: await exportCsv(tag) };
}

describe('F1/F2: a CSV export → import → export round trip changes nothing', () => {
  it('F1: notes "x;=cmd|…" come back unchanged (the apostrophe the export adds after a separator is removed on import)', async () => {
    const { got, first, second } = await roundTrip(
      { fullName: 'Rt Notes', notes: "x;=cmd|' /C calc'!A0" },
      'f1roundtrip',
    );
    expect(got.notes).toBe("x;=cmd|' /C calc'!A0");
    expect(records(second)).toEqual(records(first));
  });

  it("F2: values starting with an apostrophe ('=quoted, '+plus) come back unchanged", async () => {
    const { got, first, second } = await roundTrip(
      { fullName: 'Rt Quote', title: "'=quoted", company: "'+plus" },
      'f2roundtrip',
    );
    expect({ title: got.title, company: got.company }).toEqual({ title: "'=quoted", company: "'+plus" });
    expect(records(second)).toEqual(records(first));
  });
});

describe('F7: the conversations of a contact in the trash', () => {
  it('cannot be edited or deleted (404), and all come back unchanged with a restore', async () => {
    const a = (await t.api('POST', '/api/contacts', { fullName: 'Trash Conv' })).body.contact;
    const conv = (await t.api('POST', `/api/contacts/${a.id}/conversations`, { kind: 'note', body: 'keep me' })).body;
    expect(conv.id).toBeTruthy();
    expect((await t.api('DELETE', `/api/contacts/${a.id}`)).status).toBeLessThan(300);

    const edit = await t.api('PATCH', `/api/contacts/${a.id}/conversations/${conv.id}`, { body: 'edited in trash' });
    const del = await t.api('DELETE', `/api/contacts/${a.id}/conversations/${conv.id}`);
    expect(edit.status).toBe(404);
    expect(del.status).toBe(404);

    expect((await t.api('POST', `/api/contacts/${a.id}/restore`)).status).toBeLessThan(300);
    const restored = (await t.api('GET', `/api/contacts/${a.id}`)).body;
    expect(restored.conversations).toHaveLength(1);
    expect(restored.conversations[0]).toMatchObject({ id: conv.id, body: 'keep me' });
  });
});

describe('F8: a malformed %-escape in a path', () => {
  it.each(['/api/contacts/%', '/api/contacts/%E0%A4%A'])('GET %s is a 400, not a 500', async (route) => {
    const r = await t.api('GET', route);
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toMatch(/json/);
  });
});

describe('F9: a JSON body that claims a Content-Encoding it does not have', () => {
  it.each(['gzip', 'deflate', 'br'])('Content-Encoding: %s on plain JSON is a 400, not a 500', async (encoding) => {
    const before = await t.app.database.db.contact.count();
    const r = await t.api('POST', '/api/contacts', '{"fullName":"Not Compressed"}', {
      'content-type': 'application/json',
      'content-encoding': encoding,
    });
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toMatch(/json/);
    expect(await t.app.database.db.contact.count()).toBe(before);
  });
});

describe('F10: POST /api/contacts/<unknown id>/enrich', () => {
  it('is a 404 when research is not configured (not a 503)', async () => {
    expect((await t.api('POST', `/api/contacts/${UNKNOWN_ID}/enrich`)).status).toBe(404);
  });

  it('is a 404 when research is configured', async () => {
    const neverCalled: ChatHandler = () => ({ content: 'nothing' });
    let rig: ResearchTestRig | undefined;
    try {
      rig = await startResearchRig(neverCalled);
      const r = await rig.t.api('POST', `/api/contacts/${UNKNOWN_ID}/enrich`);
      expect(r.status).toBe(404);
      expect(await rig.t.app.database.db.researchTask.count()).toBe(0);
    } finally {
      await rig?.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestApp, TEST_TOKEN, type TestApp } from '../../support/test-app.js';

let t: TestApp;
let now = new Date('2026-12-01T10:00:00Z');
beforeAll(async () => {
  t = await startTestApp({ clock: () => now });
});
afterAll(async () => {
  await t.close();
});

describe('the trash', () => {
  it('hides a deleted contact from every read, keeps it restorable, and restores it without duplicates', async () => {
    const created = await t.api('POST', '/api/contacts', {
      fullName: 'Trudy Trash',
      company: 'Bin Corp',
      email: 'trudy@bin.example',
      tags: ['trash-test'],
      nextFollowUpAt: '2026-11-01',
    });
    const id = created.body.contact.id as string;
    await t.api('POST', `/api/contacts/${id}/conversations`, { kind: 'call', subject: 'Intro call' });
    expect((await t.api('DELETE', `/api/contacts/${id}`)).status).toBe(204);

    // Gone from every read: get, list, search, filters, export, digest, conversations, follow-ups, edits.
    expect((await t.api('GET', `/api/contacts/${id}`)).status).toBe(404);
    expect((await t.api('GET', '/api/contacts?tag=trash-test')).body.data).toEqual([]);
    expect((await t.api('GET', '/api/contacts/search?q=trudy')).body.data).toEqual([]);
    expect(
      (await t.api('GET', '/api/contacts?followUpDue=true')).body.data.map((c: { id: string }) => c.id),
    ).not.toContain(id);
    const csv = await (
      await fetch(`${t.url}/api/contacts.csv`, { headers: { authorization: `Bearer ${TEST_TOKEN}` } })
    ).text();
    expect(csv).not.toContain('Trudy');
    expect(JSON.stringify((await t.api('GET', '/api/digest/preview?channel=C0DIGEST01')).body ?? {})).not.toContain(
      'Trudy',
    );
    expect((await t.api('GET', `/api/contacts/${id}/conversations`)).status).toBe(404);
    expect((await t.api('POST', `/api/contacts/${id}/conversations`, { kind: 'note', body: 'x' })).status).toBe(404);
    expect((await t.api('PATCH', `/api/contacts/${id}`, { title: 'CEO' })).status).toBe(404);
    expect((await t.api('POST', `/api/contacts/${id}/follow-up/done`)).status).toBe(404);

    // In the trash, with who and until when.
    const trash = (await t.api('GET', '/api/contacts/trash')).body.data;
    expect(trash).toContainEqual(
      expect.objectContaining({ id, fullName: 'Trudy Trash', deletedBy: 'api', purgeAt: '2026-12-31T10:00:00.000Z' }),
    );

    // A new contact with the trashed one's email is refused (it would come back on restore), and says why.
    const again = await t.api('POST', '/api/contacts', { fullName: 'Trudy Again', email: 'TRUDY@bin.example' });
    expect(again.status).toBe(400);
    expect(JSON.stringify(again.body.error.details)).toContain('in the trash');
    const imported = await t.api('POST', '/api/contacts/import', [
      { fullName: 'Trudy Import', email: 'trudy@bin.example' },
      { fullName: 'Other Person', email: 'other@bin.example' },
    ]);
    expect(imported.body).toMatchObject({ created: 1, rejected: 1 });
    expect(imported.body.rows[0]).toMatchObject({ outcome: 'rejected', contactId: id });
    const other = imported.body.rows[1].contactId as string;
    // Nor can another contact take the email over meanwhile.
    expect((await t.api('PATCH', `/api/contacts/${other}`, { email: 'trudy@bin.example' })).status).toBe(409);

    const restored = await t.api('POST', `/api/contacts/${id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ id, email: 'trudy@bin.example', tags: ['trash-test'] });
    expect((await t.api('GET', `/api/contacts/${id}`)).body.conversations).toHaveLength(1);
    expect((await t.api('GET', '/api/contacts/search?q=trudy')).body.data.map((c: { id: string }) => c.id)).toEqual([
      id,
    ]);
    expect((await t.api('POST', `/api/contacts/${id}/restore`)).status).toBe(409);
    expect((await t.api('POST', '/api/contacts/0190aaaa-0000-7000-8000-000000000000/restore')).status).toBe(404);
  });

  it('purges what has been in the trash longer than TRASH_RETENTION_DAYS, and only that', async () => {
    const old = (await t.api('POST', '/api/contacts', { fullName: 'Old Deleted', email: 'old@purge.example' })).body
      .contact.id as string;
    await t.api('DELETE', `/api/contacts/${old}`);
    now = new Date(now.getTime() + 20 * 86_400_000);
    const recent = (await t.api('POST', '/api/contacts', { fullName: 'Recent Deleted' })).body.contact.id as string;
    await t.api('DELETE', `/api/contacts/${recent}`);
    now = new Date(now.getTime() + 11 * 86_400_000);
    expect(await t.app.services.contacts.purgeTrash()).toBe(1);
    const { db } = t.app.database;
    expect(await db.contact.count({ where: { id: old } })).toBe(0);
    expect(await db.contact.count({ where: { id: recent } })).toBe(1);
    // Its email is free again; its history outlives it.
    expect((await t.api('POST', '/api/contacts', { fullName: 'New Owner', email: 'old@purge.example' })).status).toBe(
      201,
    );
    expect((await t.api('GET', `/api/contacts/${old}/history`)).status).toBe(404);
    expect(await db.contactChange.count({ where: { contactId: old } })).toBe(2);
  });
});

describe('history', () => {
  it('records who changed which field from what to what, and when', async () => {
    const created = await t.api('POST', '/api/contacts', {
      fullName: 'Hal History',
      title: 'Engineer',
      email: 'hal@history.example',
    });
    const id = created.body.contact.id as string;
    now = new Date(now.getTime() + 60_000);
    await t.api('PATCH', `/api/contacts/${id}`, { title: 'CTO', tags: ['b', 'a'], notes: null });
    await t.api('POST', '/api/contacts/import', [
      { fullName: 'Hal History', email: 'hal@history.example', phone: '+44 20 7946 0958', title: 'Chief' },
    ]);
    await t.api('DELETE', `/api/contacts/${id}`);
    await t.api('POST', `/api/contacts/${id}/restore`);

    const history = await t.api('GET', `/api/contacts/${id}/history`);
    expect(history.status).toBe(200);
    const rows = (
      history.body.data as {
        actor: string;
        action: string;
        field: string | null;
        before: string | null;
        after: string | null;
        at: string;
      }[]
    ).reverse();
    expect(rows.map(({ actor, action, field, before, after }) => ({ actor, action, field, before, after }))).toEqual([
      { actor: 'api', action: 'created', field: null, before: null, after: null },
      { actor: 'api', action: 'updated', field: 'title', before: 'Engineer', after: 'CTO' },
      { actor: 'api', action: 'updated', field: 'tags', before: null, after: 'a, b' },
      { actor: 'import', action: 'merged', field: 'phone', before: null, after: '+44 20 7946 0958' },
      { actor: 'api', action: 'deleted', field: null, before: null, after: null },
      { actor: 'api', action: 'restored', field: null, before: null, after: null },
    ]);
    expect(rows[1]!.at).toBe(now.toISOString());
    // Pages, newest first.
    const first = await t.api('GET', `/api/contacts/${id}/history?limit=2`);
    expect(first.body.data.map((r: { action: string }) => r.action)).toEqual(['restored', 'deleted']);
    const second = await t.api('GET', `/api/contacts/${id}/history?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.data[0].field).toBe('phone');
    expect((await t.api('GET', '/api/contacts/not-an-id/history')).status).toBe(400);
    // Follow-ups too.
    await t.api('POST', `/api/contacts/${id}/follow-up/snooze`, { days: 3 });
    const latest = (await t.api('GET', `/api/contacts/${id}/history?limit=1`)).body.data[0];
    expect(latest).toMatchObject({
      actor: 'api',
      action: 'updated',
      field: 'nextFollowUpAt',
      before: null,
      after: new Date(now.getTime() + 3 * 86_400_000).toISOString(),
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestApp, type TestApp } from '../../support/test-app.js';

let t: TestApp;
let contactId: string;
beforeAll(async () => {
  t = await startTestApp({ clock: () => new Date('2026-11-28T09:30:00Z') });
  contactId = (await t.api('POST', '/api/contacts', { fullName: 'Conversation Partner' })).body.contact.id;
});
afterAll(async () => {
  await t.close();
});

describe('conversations', () => {
  it('logs, lists newest first with pagination, edits and deletes', async () => {
    for (let day = 1; day <= 5; day += 1) {
      const res = await t.api('POST', `/api/contacts/${contactId}/conversations`, {
        kind: 'meeting',
        subject: `Meeting ${day}`,
        occurredAt: `2026-11-0${day}T10:00:00Z`,
        loggedBy: 'U0AUTHOR01',
      });
      expect(res.status).toBe(201);
    }
    const first = await t.api('GET', `/api/contacts/${contactId}/conversations?limit=2`);
    expect(first.body.data.map((c: { subject: string }) => c.subject)).toEqual(['Meeting 5', 'Meeting 4']);
    const second = await t.api(
      'GET',
      `/api/contacts/${contactId}/conversations?limit=2&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.data.map((c: { subject: string }) => c.subject)).toEqual(['Meeting 3', 'Meeting 2']);
    const third = await t.api(
      'GET',
      `/api/contacts/${contactId}/conversations?limit=2&cursor=${second.body.nextCursor}`,
    );
    expect(third.body.data.map((c: { subject: string }) => c.subject)).toEqual(['Meeting 1']);
    expect(third.body.nextCursor).toBeNull();

    const id = third.body.data[0].id;
    const edited = await t.api('PATCH', `/api/contacts/${contactId}/conversations/${id}`, {
      kind: 'call',
      body: 'Went well',
    });
    expect(edited.body).toMatchObject({ kind: 'call', body: 'Went well', subject: 'Meeting 1' });
    expect((await t.api('DELETE', `/api/contacts/${contactId}/conversations/${id}`)).status).toBe(204);
    expect((await t.api('DELETE', `/api/contacts/${contactId}/conversations/${id}`)).status).toBe(404);
  });

  it('defaults the time to now and needs a subject or a body', async () => {
    const res = await t.api('POST', `/api/contacts/${contactId}/conversations`, {
      kind: 'note',
      body: 'Prefers email',
    });
    expect(res.body.occurredAt).toBe('2026-11-28T09:30:00.000Z');
    const empty = await t.api('POST', `/api/contacts/${contactId}/conversations`, { kind: 'note' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details).toEqual([{ path: 'body', message: 'give a subject or a body', location: 'body' }]);
  });

  it('answers 404 for a conversation of another contact or an unknown contact', async () => {
    const other = (await t.api('POST', '/api/contacts', { fullName: 'Someone Else' })).body.contact.id;
    const conversation = (await t.api('POST', `/api/contacts/${other}/conversations`, { kind: 'call', subject: 'Hi' }))
      .body;
    expect(
      (await t.api('PATCH', `/api/contacts/${contactId}/conversations/${conversation.id}`, { subject: 'Hijack' }))
        .status,
    ).toBe(404);
    expect((await t.api('DELETE', `/api/contacts/${contactId}/conversations/${conversation.id}`)).status).toBe(404);
    expect((await t.api('GET', '/api/contacts/01a2212f-fbb0-76a3-be79-73657157daa2/conversations')).status).toBe(404);
    expect(
      (
        await t.api('POST', '/api/contacts/01a2212f-fbb0-76a3-be79-73657157daa2/conversations', {
          kind: 'call',
          subject: 'x',
        })
      ).status,
    ).toBe(404);
  });
});

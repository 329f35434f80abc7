import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { interaction, sendSigned, slashCommand } from '../../support/fake-slack.js';
import { startSlackRig, type SlackTestRig } from '../../support/slack-app.js';

let rig: SlackTestRig;
let contactId: string;
let conversationId: string;
beforeAll(async () => {
  rig = await startSlackRig({ handler: () => () => ({ hang: true }) });
  contactId = (await rig.t.api('POST', '/api/contacts', { fullName: 'Fuzz Target', email: 'fuzz@target.example' })).body
    .contact.id;
  conversationId = (await rig.t.api('POST', `/api/contacts/${contactId}/conversations`, { kind: 'note', body: 'x' }))
    .body.id;
});
afterAll(async () => {
  await rig.close();
});

async function snapshot() {
  const { db } = rig.t.app.database;
  return JSON.stringify([
    await db.contact.findMany({ orderBy: { id: 'asc' }, include: { tags: true, sources: true } }),
    await db.conversation.findMany({ orderBy: { id: 'asc' } }),
    await db.researchTask.count(),
  ]);
}

/** Values shaped like the fields the API knows, mixed with anything JSON can hold. */
const fieldValue = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 2 }),
);
const FIELDS = [
  'fullName',
  'title',
  'company',
  'email',
  'emailStatus',
  'phone',
  'linkedinUrl',
  'location',
  'website',
  'notes',
  'tags',
  'ownerId',
  'nextFollowUpAt',
  'sources',
  'kind',
  'subject',
  'body',
  'occurredAt',
  'query',
  'maxContacts',
  'days',
  '__proto__',
  'constructor',
];
const body = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(fc.constantFrom(...FIELDS), fieldValue, { maxKeys: 8 }),
);

describe('fuzzed REST bodies', () => {
  const routes = () =>
    [
      ['PATCH', `/api/contacts/${contactId}`],
      ['POST', `/api/contacts/${contactId}/conversations`],
      ['PATCH', `/api/contacts/${contactId}/conversations/${conversationId}`],
      ['POST', '/api/research'],
      ['POST', `/api/contacts/${contactId}/follow-up/snooze`],
    ] as const;

  it('never answer 500, and a refused request writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(0, 1, 2, 3, 4), body, async (routeIndex, payload) => {
        const [method, path] = routes()[routeIndex];
        const before = await snapshot();
        const res = await rig.t.api(method, path, JSON.stringify(payload) ?? 'null');
        expect(res.status, `${method} ${path} ${JSON.stringify(payload)}`).toBeLessThan(500);
        expect(res.body?.error ?? res.body, 'a JSON answer').toBeDefined();
        if (res.status >= 400) expect(await snapshot()).toBe(before);
      }),
      { numRuns: 150 },
    );
  });

  it('create and import refuse bad rows without 500 and without writing them', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(body, { maxLength: 5 }), async (rows) => {
        const before = await rig.t.app.database.db.contact.count();
        const res = await rig.t.api('POST', '/api/contacts/import', rows);
        expect(res.status).toBeLessThan(500);
        if (res.status === 200) expect(await rig.t.app.database.db.contact.count()).toBe(before + res.body.created);
        else expect(await rig.t.app.database.db.contact.count()).toBe(before);
      }),
      { numRuns: 60 },
    );
  });
});

describe('fuzzed Slack payloads', () => {
  const payload = fc.oneof(
    fc.record({
      type: fc.constantFrom(
        'block_actions',
        'view_submission',
        'shortcut',
        'message_action',
        'view_closed',
        'nonsense',
      ),
      // Slack always names the user and team; everything inside may be anything.
      user: fc.record({ id: fc.string({ maxLength: 12 }) }),
      team: fc.constant({ id: 'T0TEST' }),
      trigger_id: fc.string({ maxLength: 20 }),
      callback_id: fc.constantFrom('research_shortcut', 'lookup_contact', 'research_from_message', 'x'),
      actions: fc.array(
        fc.record({
          action_id: fc.constantFrom(
            'contact_view',
            'contact_edit',
            'result_dismiss',
            'digest_follow_up',
            'contact_delete',
            'zzz',
          ),
          value: fc.string({ maxLength: 80 }),
        }),
        { maxLength: 2 },
      ),
      view: fc.record({
        id: fc.string({ maxLength: 10 }),
        callback_id: fc.constantFrom('contact_edit', 'conversation_log', 'follow_up', 'research_start', 'x'),
        private_metadata: fc.oneof(fc.string({ maxLength: 60 }), fc.json()),
        state: fc.record({ values: fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 })) }),
      }),
    }),
  );

  // An interaction Bolt cannot route is answered only after its 3-second ack timeout, as Slack
  // would see it: few runs, long enough to wait for them.
  it(
    'never answer 500 and never write for signed garbage interactions and commands',
    { timeout: 180_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(payload, fc.string({ maxLength: 600 }), async (p, text) => {
          const before = await rig.t.app.database.db.contact.count();
          const a = await sendSigned(rig.t.url, interaction(p));
          expect(a.status).toBeLessThan(500);
          const c = await sendSigned(rig.t.url, slashCommand(rig.slack, '/contacts', text));
          expect(c.status).toBeLessThan(500);
          expect(await rig.t.app.database.db.contact.count()).toBeLessThanOrEqual(before);
        }),
        { numRuns: 25 },
      );
    },
  );

  // Issue 15: any payload that names another workspace — well-formed actions on real contacts,
  // from real user ids — changes nothing and starts nothing.
  it('never act on payloads from another workspace', { timeout: 180_000 }, async () => {
    const target = (await rig.t.app.services.contacts.create({ fullName: 'Fuzz Target', ownerId: 'U0ALICE001' }))
      .contact;
    const otherTeam = fc.stringMatching(/^T[A-Z0-9]{4,10}$/).filter((t) => t !== 'T0TEST');
    const crossPayload = fc.record({
      type: fc.constantFrom('block_actions', 'view_submission'),
      user: fc.record({
        id: fc.constantFrom('U0ALICE001', 'U0ADMIN001'),
        team_id: fc.oneof(otherTeam, fc.constant('T0TEST')),
      }),
      team: fc.record({ id: otherTeam }),
      trigger_id: fc.constant('1.1'),
      actions: fc.array(
        fc.record({
          type: fc.constant('button'),
          action_id: fc.constantFrom(
            'contact_delete',
            'contact_restore',
            'result_dismiss',
            'contact_edit',
            'digest_follow_up',
          ),
          value: fc.constantFrom(target.id, `${target.id}:x`, `done:${target.id}`),
        }),
        { minLength: 1, maxLength: 1 },
      ),
      view: fc.record({
        id: fc.constant('V0FUZZ0001'),
        callback_id: fc.constantFrom('contact_edit', 'conversation_log', 'follow_up', 'research_start'),
        hash: fc.constant('h'),
        private_metadata: fc.constant(
          JSON.stringify({ openedBy: 'U0ALICE001', contactId: target.id, channelId: 'C0RESEARCH' }),
        ),
        state: fc.constant({
          values: {
            fullName: { value: { type: 'plain_text_input', value: 'Pwned' } },
            query: { value: { type: 'plain_text_input', value: 'steal everything' } },
          },
        }),
      }),
    });
    const changesBefore = await rig.t.app.database.db.contactChange.count({ where: { contactId: target.id } });
    const tasksBefore = await rig.t.app.database.db.researchTask.count();
    await fc.assert(
      fc.asyncProperty(crossPayload, otherTeam, async (p, team) => {
        expect((await sendSigned(rig.t.url, interaction(p as Record<string, unknown>))).status).toBeLessThan(500);
        expect(
          (await sendSigned(rig.t.url, slashCommand(rig.slack, '/research', 'steal the pipeline', { team_id: team })))
            .status,
        ).toBe(200);
      }),
      { numRuns: 30 },
    );
    await new Promise((r) => setTimeout(r, 300));
    const after = await rig.t.app.database.db.contact.findUniqueOrThrow({ where: { id: target.id } });
    expect(after).toMatchObject({ fullName: 'Fuzz Target', deletedAt: null });
    expect(await rig.t.app.database.db.contactChange.count({ where: { contactId: target.id } })).toBe(changesBefore);
    expect(await rig.t.app.database.db.researchTask.count()).toBe(tasksBefore);
  });
});

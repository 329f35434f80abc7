import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { messageAction, sendSigned, slashCommand } from '../../support/fake-slack.js';
import type { ScratchDatabase } from '../../support/scratch-database.js';
import { eventually, startSlackRig, type SlackTestRig } from '../../support/slack-app.js';
import { createTestDatabase } from '../../support/test-database.js';

const CHANNEL = 'C0DIGEST01';
const DIGEST_ENV = { DIGEST_CHANNEL: CHANNEL, DIGEST_CRON: '0 9 * * 1-5', DIGEST_TIMEZONE: 'Europe/London' };

/** A clock the test moves; the app reads it for "now". */
function testClock(iso: string) {
  let now = new Date(iso);
  return { read: () => now, set: (next: string) => (now = new Date(next)) };
}

const digestPosts = (rig: SlackTestRig) =>
  rig.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === CHANNEL);
const headers = (rig: SlackTestRig) =>
  digestPosts(rig).map((c) =>
    c.args.blocks[0]?.type === 'header' ? c.args.blocks[0].text.text : c.args.blocks[0]?.elements?.[0]?.text,
  );

describe('the scheduled digest', () => {
  const clock = testClock('2026-11-23T08:00:00Z'); // Monday, before 09:00 London
  let rig: SlackTestRig;
  beforeAll(async () => {
    rig = await startSlackRig({
      env: DIGEST_ENV,
      overrides: { clock: clock.read, digestScheduler: { cron: false, retryMs: 50 } },
    });
  });
  afterAll(async () => {
    await rig.close();
  });

  it('posts what is new since the previous period, once per period', async () => {
    const { contacts, digests } = rig.t.app.services;
    clock.set('2026-11-20T12:00:00Z'); // Friday, after Friday's digest time
    await contacts.importMany([
      { fullName: 'Friday Person', company: 'Fri Co', ownerId: 'U0OWNER001', nextFollowUpAt: '2026-11-21' },
    ]);
    clock.set('2026-11-23T08:30:00Z'); // Monday, before 09:00
    await contacts.importMany([{ fullName: 'Monday Early', title: 'CTO', company: 'Early Co' }]);
    clock.set('2026-11-23T10:00:00Z'); // Monday 10:00 London
    await contacts.importMany([{ fullName: 'Monday Late' }]);

    expect(await digests.runDue()).toBe('posted');
    expect(headers(rig)).toEqual(['Digest · Mon, 23 Nov 2026']);
    const json = JSON.stringify(digestPosts(rig)[0]!.args.blocks);
    expect(json).toContain('Friday Person');
    expect(json).toContain('Monday Early — CTO, Early Co');
    expect(json).not.toContain('Monday Late'); // after this period's time: next digest
    expect(json).toContain('Follow-ups due for <@U0OWNER001>');
    expect(json).toContain('(overdue)');

    expect(await digests.runDue()).toBe('already-posted');
    expect(digestPosts(rig)).toHaveLength(1);

    clock.set('2026-11-24T09:01:00Z'); // Tuesday
    expect(await digests.runDue()).toBe('posted');
    const tuesday = JSON.stringify(digestPosts(rig)[1]!.args.blocks);
    expect(tuesday).toContain('Monday Late');
    expect(tuesday).not.toContain('Monday Early');
  });

  it('does not post an empty digest unless asked to', async () => {
    const { db } = rig.t.app.database;
    await db.contact.updateMany({ data: { nextFollowUpAt: null } });
    clock.set('2026-11-25T09:30:00Z'); // Wednesday: nothing new
    expect(await rig.t.app.services.digests.runDue()).toBe('empty');
    expect(digestPosts(rig)).toHaveLength(2);
    expect(await db.digest.findFirst({ where: { periodStart: new Date('2026-11-25T09:00:00Z') } })).toMatchObject({
      status: 'empty',
    });
  });

  it('resumes a digest that Slack refused mid-way, without repeating a part', async () => {
    const { contacts, digests } = rig.t.app.services;
    clock.set('2026-11-26T08:00:00Z');
    await contacts.importMany(
      Array.from({ length: 500 }, (_, i) => ({
        fullName: `Due Person ${i}`,
        company: `Company ${i % 7}`,
        ownerId: `U0OWNER${String(i % 3).padStart(3, '0')}`,
        nextFollowUpAt: '2026-11-20',
      })),
    );
    clock.set('2026-11-26T09:10:00Z'); // Thursday
    rig.slack.failWhen(
      'chat.postMessage',
      (args) => args.channel === CHANNEL && String(args.text).includes('(part 2 of'),
      { error: 'internal_error' },
    );
    expect(await digests.runDue()).toBe('failed');
    expect(await digests.runDue()).toBe('posted');
    const thursday = digestPosts(rig).slice(2);
    const parts = thursday.map((c) =>
      String(c.args.text)
        .match(/part (\d+) of (\d+)/)!
        .slice(1)
        .map(Number),
    );
    const total = parts[0]![1]!;
    expect(parts.map((p) => p[0])).toEqual([1, 2, ...Array.from({ length: total - 1 }, (_, i) => i + 2)]);
    for (const post of thursday) expect(post.args.blocks.length).toBeLessThanOrEqual(50);
    const lines = new Set(
      thursday
        .flatMap((c) => c.args.blocks)
        .filter((b: { block_id?: string }) => b.block_id?.startsWith('followup:'))
        .map((b: { block_id: string }) => b.block_id),
    );
    expect(lines.size).toBe(500);
  });

  it('marks a follow-up done or snoozes it from the digest', async () => {
    const { db } = rig.t.app.database;
    const [a, b] = await db.contact.findMany({
      where: { fullName: { in: ['Due Person 1', 'Due Person 2'] } },
      orderBy: { fullName: 'asc' },
    });
    const post = digestPosts(rig).at(-1)!;
    // The digest message as Slack stored it (chat.update only edits a message that exists).
    const posted = rig.slack.messagesIn(CHANNEL).at(-1)!;
    const message = {
      ts: posted.ts,
      text: post.args.text,
      blocks: [
        { type: 'section', block_id: `followup:${a!.id}`, text: { type: 'mrkdwn', text: 'x' } },
        { type: 'section', block_id: `followup:${b!.id}`, text: { type: 'mrkdwn', text: 'y' } },
      ],
    };
    const act = (value: string) =>
      sendSigned(
        rig.t.url,
        messageAction(rig.slack, {
          userId: 'U0BOB00001',
          channelId: CHANNEL,
          message,
          action: {
            type: 'overflow',
            action_id: 'digest_follow_up',
            selected_option: { text: { type: 'plain_text', text: 'x' }, value },
          },
        }),
      );
    await act(`done:${a!.id}`);
    await act(`snooze:${b!.id}`);
    await eventually(
      async () => (await db.contact.findUniqueOrThrow({ where: { id: a!.id } })).nextFollowUpAt === null,
    );
    expect(await db.conversation.findFirst({ where: { contactId: a!.id } })).toMatchObject({
      kind: 'note',
      subject: 'Follow-up done (due 2026-11-20)',
      loggedBy: 'U0BOB00001',
    });
    await eventually(
      async () =>
        (await db.contact.findUniqueOrThrow({ where: { id: b!.id } })).nextFollowUpAt?.toISOString() ===
        '2026-12-03T09:10:00.000Z',
    );
    const updates = () =>
      rig.slack
        .callsTo('chat.update')
        .filter((c) => c.args.ts === posted.ts)
        .map((c) => JSON.stringify(c.args.blocks));
    await eventually(() => updates().some((u) => u.includes('snoozed to 2026-12-03 by <@U0BOB00001>')));
    await eventually(() => updates().some((u) => u.includes('~Due Person 1~ followed up by <@U0BOB00001>')));
  });

  it('previews on demand: ephemeral in Slack and JSON from the API, recording nothing', async () => {
    const before = await rig.t.app.database.db.digest.count();
    await sendSigned(rig.t.url, slashCommand(rig.slack, '/contacts', 'digest'));
    const preview = await eventually(() =>
      rig.slack.responses.find((r) => String(r.body.text).startsWith('Preview (only you can see this)')),
    );
    expect(preview.body.response_type).toBe('ephemeral');
    const api = await rig.t.api('GET', '/api/digest/preview');
    expect(api.body).toMatchObject({
      channelId: CHANNEL,
      period: { start: '2026-11-26T09:00:00.000Z', timezone: 'Europe/London' },
    });
    expect(await rig.t.app.database.db.digest.count()).toBe(before);
    // Run now: nothing new since Thursday's digest (its follow-ups were already in it).
    expect((await rig.t.api('POST', '/api/digest/run')).body).toEqual({ outcome: 'empty' });
  });
});

describe('exactly once', () => {
  let shared: ScratchDatabase;
  beforeAll(async () => {
    shared = await createTestDatabase();
  });
  afterAll(async () => {
    await shared.drop();
  });
  const onShared = () => Promise.resolve({ ...shared, drop: async () => undefined });

  it('posts one digest when two copies of the app run it at the same moment', async () => {
    const clock = testClock('2026-11-24T08:00:00Z');
    const a = await startSlackRig({
      env: DIGEST_ENV,
      database: onShared,
      overrides: { clock: clock.read, digestScheduler: { cron: false } },
    });
    const b = await startSlackRig({
      env: DIGEST_ENV,
      database: onShared,
      overrides: { clock: clock.read, digestScheduler: { cron: false } },
    });
    try {
      await a.t.app.services.contacts.importMany([{ fullName: 'Raced For' }]);
      clock.set('2026-11-24T09:00:00Z');
      const outcomes = await Promise.all([
        a.t.app.services.digests.runDue(),
        b.t.app.services.digests.runDue(),
        a.t.app.services.digests.runDue(),
        b.t.app.services.digests.runDue(),
      ]);
      expect(outcomes.filter((o) => o === 'posted')).toHaveLength(1);
      expect(outcomes.every((o) => ['posted', 'in-progress', 'already-posted'].includes(o))).toBe(true);
      expect([...digestPosts(a), ...digestPosts(b)]).toHaveLength(1);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('posts a digest missed while the app was down when it starts, within the period', async () => {
    const clock = testClock('2026-11-25T08:00:00Z');
    const down = await startSlackRig({
      env: DIGEST_ENV,
      database: onShared,
      overrides: { clock: clock.read, digestScheduler: { cron: false } },
    });
    await down.t.app.services.contacts.importMany([{ fullName: 'Added While Down' }]);
    await down.close();
    clock.set('2026-11-25T15:00:00Z'); // Wednesday afternoon: the 09:00 digest was missed
    const up = await startSlackRig({
      env: DIGEST_ENV,
      database: onShared,
      overrides: { clock: clock.read, digestScheduler: { cron: false } },
    });
    try {
      const post = await eventually(() => digestPosts(up)[0]);
      expect(JSON.stringify(post.args.blocks)).toContain('Added While Down');
      expect(headers(up)).toEqual(['Digest · Wed, 25 Nov 2026']);
    } finally {
      await up.close();
    }
  });
});

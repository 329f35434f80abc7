/**
 * Regression tests for the Slack attacks an outside tester found (A1, A3, A5, W1, P1b, L2, L2b;
 * first written as attack tests in test/integration/attacks of the tester's clone). Each one asserts
 * the SAFE behaviour, so it failed while the attack worked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ChatHandler } from '../../support/fake-openai.js';
import { BOT_USER, detailViewClick, interaction, messageAction, sendSigned } from '../../support/fake-slack.js';
import { currentTurn, isAssistantRequest } from '../../support/scripted-assistant.js';
import { contactEditSubmission, eventually, startSlackRig, type SlackTestRig } from '../../support/slack-app.js';
import { appMention, eventCallback, imMessage, nextTs, sendEvent } from '../../support/slack-events.js';

const ALICE = 'U0ALICE001';
const BOB = 'U0BOB00001';
const MALLORY = 'U0MALLORY1';
const E = '😀';
const LONG_NOTES = `Met at the conference. ${'Great conversation about pricing and roadmap. '.repeat(70)}`;
/** The change a long notes value would hide: one before notes in the schema's order, and ones after it. */
const HIDDEN: Record<string, unknown> = {
  email: 'attacker@evil.example',
  tags: ['hidden-tag'],
  nextFollowUpAt: new Date(Date.now() + 400 * 86_400_000).toISOString().slice(0, 10),
};

/** Every question the model was asked, in order (to tell whether a refused event reached it). */
const questions: string[] = [];
/** The tool results the model saw, by the question they answered. */
const toolResults = new Map<string, string[]>();

/** Emoji, & and < straddling every likely cut point. */
function nasty(len: number): string {
  let s = '';
  while (s.length < len) s += s.length % 7 === 0 ? E : s.length % 5 === 0 ? '&' : s.length % 11 === 0 ? '<' : 'a';
  return s.slice(0, len).replace(/[\ud800-\udbff]$/, 'x');
}

/** An assistant model the asker steers (as a prompt injection would). */
const handler: ChatHandler = (request) => {
  if (!isAssistantRequest(request)) return { content: 'nothing' };
  const { question, results } = currentTurn(request);
  if (results.length === 0) questions.push(question);
  else toolResults.set(question, results);
  const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  let m: RegExpMatchArray | null;
  if ((m = question.match(/^OWN (\S+) (\S+)/))) {
    if (results.length === 0)
      return { toolCalls: [{ name: 'update_contact', arguments: { contactId: m[1], changes: { ownerId: m[2] } } }] };
    return { content: 'Proposed; confirm below.' };
  }
  if ((m = question.match(/^HIDEOWNER (\S+)/))) {
    if (results.length === 0)
      return {
        toolCalls: [
          { name: 'update_contact', arguments: { contactId: m[1], changes: { notes: LONG_NOTES, ownerId: MALLORY } } },
        ],
      };
    return { content: 'I proposed adding your meeting notes.' };
  }
  if ((m = question.match(/^HIDE (\S+) (\w+)/))) {
    if (results.length === 0)
      return {
        toolCalls: [
          {
            name: 'update_contact',
            arguments: { contactId: m[1], changes: { notes: LONG_NOTES, [m[2]!]: HIDDEN[m[2]!] } },
          },
        ],
      };
    return { content: 'I proposed adding your meeting notes.' };
  }
  if ((m = question.match(/^NOTE (\S+) (.+)/))) {
    if (results.length === 0)
      return { toolCalls: [{ name: 'update_contact', arguments: { contactId: m[1], changes: { notes: m[2] } } }] };
    return { content: 'Proposed; confirm below.' };
  }
  if ((m = question.match(/^FOLLOW (\S+)/))) {
    if (results.length === 0)
      return { toolCalls: [{ name: 'set_follow_up', arguments: { contactId: m[1], date: inAWeek } }] };
    return { content: 'Proposed; confirm below.' };
  }
  if ((m = question.match(/^LEAK (.+)/))) {
    if (results.length === 0) return { toolCalls: [{ name: 'search_contacts', arguments: { query: m[1] } }] };
    return { content: results.at(-1)!.slice(0, 1500) };
  }
  if (question === 'EMOJICUT') return { content: `${'a'.repeat(2899)}${E} and the rest of the emoji answer` };
  if (question === 'AMPCUT') return { content: `${'a'.repeat(2899)}& and the rest of the ampersand answer` };
  if ((m = question.match(/^BIG (\d+)/))) return { content: `${nasty(Number(m[1]))} END-OF-BIG` };
  if ((m = question.match(/^SAY ([\s\S]*)/))) return { content: m[1]! };
  return { content: `You said: ${question}` };
};

let rig: SlackTestRig;
beforeAll(async () => {
  rig = await startSlackRig({ handler: () => handler });
});
afterAll(async () => {
  await rig?.close();
});

const db = () => rig.t.app.database.db;
const posts = (channel: string, threadTs?: string) =>
  rig.slack
    .callsTo('chat.postMessage')
    .filter((c) => c.args.channel === channel && (threadTs === undefined || c.args.thread_ts === threadTs));
const shown = (c: { args: Record<string, any> }) => `${c.args.text ?? ''} ${JSON.stringify(c.args.blocks ?? [])}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function ask(user: string, channel: string, text: string, n = 1) {
  const ts = nextTs();
  expect((await sendEvent(rig.t.url, eventCallback(imMessage({ user, channel, text, ts })))).status).toBe(200);
  await eventually(() => posts(channel, ts).length >= n);
  return ts;
}
const confirm = (user: string, proposal: { id: string; channelId: string; messageTs: string | null }) =>
  sendSigned(
    rig.t.url,
    messageAction(rig.slack, {
      userId: user,
      channelId: proposal.channelId,
      message: { ts: proposal.messageTs! },
      action: { type: 'button', action_id: 'assistant_confirm', value: proposal.id },
    }),
  );
const deleteAction = (user: string, contactId: string) =>
  sendSigned(rig.t.url, detailViewClick(rig.slack, { userId: user, contactId, actionId: 'contact_delete' }));
const contact = (id: string) => db().contact.findUniqueOrThrow({ where: { id } });

describe('A1: the assistant cannot hand out ownership', () => {
  it("update_contact with ownerId makes no proposal, so Bob cannot take over Alice's contact and then delete it", async () => {
    const c = (await rig.t.app.services.contacts.create({ fullName: 'Alice Owned', ownerId: ALICE })).contact;
    // Bob cannot delete it directly.
    await deleteAction(BOB, c.id);
    await sleep(400);
    expect((await contact(c.id)).deletedAt).toBeNull();

    const question = `OWN ${c.id} ${BOB}`;
    const ts = await ask(BOB, 'D0BOB00001', question);
    // The model got the tool's refusal back (it answered its second turn), and no proposal was posted.
    await eventually(() => toolResults.has(question));
    await sleep(500);
    const proposals = await db().assistantAction.findMany({ where: { threadTs: ts } });
    expect(proposals.filter((p) => p.messageTs !== null)).toEqual([]);
    // Even were a proposal recorded, confirming it must not change the owner.
    for (const p of proposals) await confirm(BOB, p);
    await sleep(500);
    expect((await contact(c.id)).ownerId).toBe(ALICE);

    // And so Bob still cannot delete it.
    await deleteAction(BOB, c.id);
    await sleep(400);
    expect((await contact(c.id)).deletedAt).toBeNull();
    expect(await db().contactChange.count({ where: { contactId: c.id, field: 'ownerId' } })).toBe(0);
  });

  it('an ownerId hidden behind a long notes change (the P1b attack) makes no proposal either', async () => {
    const c = (await rig.t.app.services.contacts.create({ fullName: 'Hidden Owner', ownerId: ALICE, notes: 'short' }))
      .contact;
    const question = `HIDEOWNER ${c.id}`;
    const ts = await ask(ALICE, 'D0ALICE013', question);
    await eventually(() => toolResults.has(question));
    await sleep(500);
    const proposals = await db().assistantAction.findMany({ where: { threadTs: ts } });
    expect(proposals.filter((p) => p.messageTs !== null)).toEqual([]);
    for (const p of proposals) await confirm(ALICE, p);
    await sleep(500);
    expect((await contact(c.id)).ownerId).toBe(ALICE);
    expect((await contact(c.id)).notes).toBe('short');
  });
});

describe('A5: /contacts import from Slack', () => {
  it('owns the imported contacts by the importer whatever the ownerId column says, never assigns an owner on a merge, and records slack:<user>', async () => {
    const existing = (
      await rig.t.app.services.contacts.create({ fullName: 'Research Find', email: 'find@corp.example' })
    ).contact;
    const csv = [
      'name,email,title,ownerId',
      `Research Find,find@corp.example,Chief Finder,${BOB}`,
      `Planted,planted@corp.example,Plant,${ALICE}`,
      'No Owner Column Value,noowner@corp.example,Blank,',
      '',
    ].join('\n');
    const res = await sendSigned(
      rig.t.url,
      interaction({
        type: 'view_submission',
        user: { id: BOB, team_id: 'T0TEST' },
        team: { id: 'T0TEST' },
        api_app_id: 'A0TEST',
        view: {
          id: 'V0IMPX0001',
          team_id: 'T0TEST',
          callback_id: 'contact_import',
          hash: 'h',
          private_metadata: JSON.stringify({ openedBy: BOB }),
          state: { values: { csvText: { value: { type: 'plain_text_input', value: csv } } } },
        },
      }),
    );
    expect(res.status).toBe(200);
    // The import ran (the merge filled the empty title; the new rows exist).
    await eventually(async () => (await contact(existing.id)).title === 'Chief Finder');
    const planted = await eventually(() => db().contact.findFirst({ where: { email: 'planted@corp.example' } }));
    const blank = await eventually(() => db().contact.findFirst({ where: { email: 'noowner@corp.example' } }));

    // New contacts: owned by the importer, not by whoever the column names.
    expect(planted.ownerId).toBe(BOB);
    expect(blank.ownerId).toBe(BOB);
    // A merge into an existing contact never assigns an owner.
    expect((await contact(existing.id)).ownerId).toBeNull();

    // The history names the Slack user, not `import`.
    const actors = await db().contactChange.findMany({
      where: { contactId: { in: [existing.id, planted.id, blank.id] } },
      select: { contactId: true, action: true, field: true, actor: true },
    });
    const byImport = actors.filter((h) => !(h.contactId === existing.id && h.action === 'created'));
    expect(byImport.length).toBeGreaterThan(0);
    expect(byImport.filter((h) => h.actor !== `slack:${BOB}`)).toEqual([]);
    expect(byImport.some((h) => h.contactId === existing.id && h.field === 'title')).toBe(true);

    // Bob got no delete rights over the contact he merged into.
    await deleteAction(BOB, existing.id);
    await sleep(400);
    expect((await contact(existing.id)).deletedAt).toBeNull();
  });
});

describe('A3: Slack writes are recorded as the Slack user', () => {
  it('the edit form records slack:<user>, not api', async () => {
    const c = (await rig.t.app.services.contacts.create({ fullName: 'Edit Me', ownerId: ALICE })).contact;
    const res = await sendSigned(
      rig.t.url,
      contactEditSubmission({
        user: { id: ALICE, team_id: 'T0TEST' },
        team: { id: 'T0TEST' },
        viewId: 'V0EDITX001',
        contactId: c.id,
        fullName: 'Edited By Alice',
      }),
    );
    expect(res.status).toBe(200);
    await eventually(async () => (await contact(c.id)).fullName === 'Edited By Alice');
    const history = await db().contactChange.findMany({ where: { contactId: c.id, action: 'updated' } });
    expect(history.length).toBeGreaterThan(0);
    expect(history.map((h) => h.actor)).toEqual(history.map(() => `slack:${ALICE}`));
  });

  it("the assistant's update_contact and set_follow_up record slack:<user>, not api", async () => {
    const c = (await rig.t.app.services.contacts.create({ fullName: 'Assist Me', ownerId: ALICE })).contact;
    for (const question of [`NOTE ${c.id} Spoke about the renewal`, `FOLLOW ${c.id}`]) {
      const ts = await ask(ALICE, 'D0ALICE003', question);
      const proposal = await eventually(() =>
        db().assistantAction.findFirst({ where: { threadTs: ts, messageTs: { not: null } } }),
      );
      await confirm(ALICE, proposal);
    }
    await eventually(
      async () => (await contact(c.id)).nextFollowUpAt && (await contact(c.id)).notes === 'Spoke about the renewal',
    );
    const history = await db().contactChange.findMany({ where: { contactId: c.id, action: 'updated' } });
    expect(history.map((h) => h.field).sort()).toEqual(expect.arrayContaining(['nextFollowUpAt', 'notes']));
    expect(history.map((h) => `${h.field}:${h.actor}`)).toEqual(history.map((h) => `${h.field}:slack:${ALICE}`));
  });
});

describe("W1: Slack Connect — events from another organisation's user", () => {
  it('an app_mention or message whose user_team / source_team is another team is not answered and never reaches the model', async () => {
    await rig.t.app.services.contacts.create({
      fullName: 'Secretdeal Person',
      email: 'ceo@secretdeal.example',
      phone: '+1 555 0100',
      notes: 'Pricing: 40% discount agreed',
      ownerId: ALICE,
    });
    const sent: { channel: string; ts: string; text: string }[] = [];
    const variants: Record<string, unknown>[] = [
      { user_team: 'T0OTHER99', source_team: 'T0OTHER99' },
      { user_team: 'T0OTHER99' },
      { source_team: 'T0OTHER99' },
    ];
    for (const [i, over] of variants.entries()) {
      const ts = nextTs();
      const text = `LEAK Secretdeal mention ${i}`;
      const body = JSON.parse(
        eventCallback({
          ...appMention({ user: 'U0EXTERN01', channel: 'C0SHARED01', text: `<@${BOT_USER}> ${text}`, ts }),
          ...over,
        }),
      );
      body.is_ext_shared_channel = true;
      expect((await sendEvent(rig.t.url, JSON.stringify(body))).status).toBe(200);
      sent.push({ channel: 'C0SHARED01', ts, text });
    }
    for (const [i, over] of variants.entries()) {
      const ts = nextTs();
      const text = `LEAK Secretdeal message ${i}`;
      const body = JSON.parse(
        eventCallback({ ...imMessage({ user: 'U0EXTERN01', channel: 'D0EXTERN01', text, ts }), ...over }),
      );
      expect((await sendEvent(rig.t.url, JSON.stringify(body))).status).toBe(200);
      sent.push({ channel: 'D0EXTERN01', ts, text });
    }
    await sleep(1500);
    for (const s of sent) expect(posts(s.channel, s.ts), `${s.channel} ${s.text}`).toEqual([]);
    expect(posts('C0SHARED01').filter((p) => shown(p).includes('Secretdeal') || shown(p).includes('40%'))).toEqual([]);
    expect(posts('D0EXTERN01')).toEqual([]);
    expect(questions.filter((q) => q.includes('Secretdeal'))).toEqual([]);

    // Control: the same mention from this workspace's own user is answered.
    const ts = nextTs();
    expect(
      (
        await sendEvent(
          rig.t.url,
          eventCallback(
            appMention({ user: ALICE, channel: 'C0SHARED01', text: `<@${BOT_USER}> SAY hello from home`, ts }),
          ),
        )
      ).status,
    ).toBe(200);
    await eventually(() => posts('C0SHARED01', ts).length >= 1);
  });
});

describe('P1b: an update_contact proposal cannot hide a change', () => {
  it.each(Object.keys(HIDDEN))(
    'names every changed field before any value, so a long notes value cannot push the %s change out of sight',
    async (field) => {
      const channel = `D0ALICEP${field.slice(0, 2).toUpperCase()}`;
      // A name and an email that do not spell any field's name.
      const realEmail = `real-${channel.slice(-2).toLowerCase()}@corp.example`;
      const { contact: c } = await rig.t.app.services.contacts.create({
        fullName: `Hidden Change ${channel.slice(-2)}`,
        email: realEmail,
        notes: 'short',
        tags: ['known-tag'],
      });
      const ts = await ask(ALICE, channel, `HIDE ${c.id} ${field}`);
      const proposal = await eventually(() =>
        db().assistantAction.findFirst({ where: { threadTs: ts, messageTs: { not: null } } }),
      );
      expect(proposal.messageTs).toBeTruthy();
      const post = await eventually(() => posts(channel, ts).find((p) => shown(p).includes('Met at the conference')));
      // What a person reads first: the message's first section, and the notification text.
      const blocks = (post.args.blocks ?? []) as { type: string; text?: { text?: string } }[];
      const first =
        blocks.find((b) => b.type === 'section' && b.text?.text?.includes('Met at the conference'))?.text?.text ?? '';
      const values = [
        'short',
        'Met at the conference',
        realEmail,
        'attacker@evil.example',
        'known-tag',
        'hidden-tag',
        String(HIDDEN.nextFollowUpAt),
      ];
      for (const text of [first, String(post.args.text ?? '')]) {
        const firstValue = Math.min(...values.map((v) => (text.includes(v) ? text.indexOf(v) : Infinity)));
        expect(Number.isFinite(firstValue), text.slice(0, 300)).toBe(true);
        const head = text.slice(0, firstValue);
        expect(head, text.slice(0, 300)).toMatch(/\bnotes\b/);
        expect(head, text.slice(0, 300)).toMatch(new RegExp(`\\b${field}\\b`));
      }
    },
  );
});

describe('L2: long assistant answers', () => {
  it('L2: a 40,000-character answer with emoji, & and < everywhere is posted without any rejection', async () => {
    const before = rig.slack.rejections.length;
    const ts = await ask(ALICE, 'D0ALICE009', 'BIG 40000');
    await sleep(800);
    expect(rig.slack.rejections.slice(before)).toEqual([]);
    const delivered = posts('D0ALICE009', ts).filter((p) => p.ok !== false);
    expect(delivered.length).toBeGreaterThanOrEqual(1);
  });

  it.each([
    ['an emoji', 'EMOJICUT', 'emoji answer'],
    ['an &', 'AMPCUT', 'ampersand answer'],
  ])(
    'L2b: 2,899 ASCII characters then %s at the 2,900 cut: posted whole in the thread, nothing rejected',
    async (_what, question, tail) => {
      const before = rig.slack.rejections.length;
      const channel = `D0ALICE0${question === 'EMOJICUT' ? '12' : '14'}`;
      const ts = await ask(ALICE, channel, question);
      await sleep(800);
      expect(rig.slack.rejections.slice(before)).toEqual([]);
      const delivered = posts(channel, ts).filter((p) => p.ok !== false);
      expect(delivered.length).toBeGreaterThanOrEqual(1);
      const all = delivered.map(shown).join('\n');
      expect(all).toContain(tail);
      if (question === 'EMOJICUT') expect(all).toContain(E);
      // No lone surrogate anywhere in what was sent (JSON.stringify writes one as a \\udXXX escape).
      for (const p of delivered) expect(JSON.stringify(p.args)).not.toMatch(/\\ud[89a-f][0-9a-f]{2}/i);
    },
  );
});

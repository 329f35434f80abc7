import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import {
  globalShortcut,
  messageAction,
  messageShortcut,
  sendSigned,
  slashCommand,
  viewAction,
  wireText,
} from '../../support/fake-slack.js';
import { eventually, startSlackRig, type SlackTestRig } from '../../support/slack-app.js';
import { liveMarkup, renderedTexts } from '../../support/slack-rules/index.js';

/**
 * Slack as Slack behaves: every payload the app sends passes the fake's documented rules (no
 * rejections), input arrives in Slack's wire form, and every failure reaches the person.
 */
let rig: SlackTestRig;
const ALICE = 'U0ALICE001';
const text = (value: string | null) => ({ type: 'plain_text_input', value });
beforeAll(async () => {
  rig = await startSlackRig({ env: { DIGEST_CHANNEL: 'C0DIGEST01' } });
});
afterAll(async () => {
  await rig.close();
});
afterEach(() => {
  expect(rig.slack.rejections).toEqual([]);
});

/** Every text Slack would render in the messages posted to `channel` (as finally stored). */
const textsIn = (channel: string) =>
  rig.slack.messagesIn(channel).flatMap((m) => renderedTexts({ text: m.text, blocks: m.blocks }));
const dmsTo = (user: string) => rig.slack.messagesIn(user);
const inputs = (viewId: string) =>
  (
    rig.slack.view(viewId)!.view.blocks as {
      type: string;
      block_id: string;
      element?: { initial_value?: string; initial_date?: string };
    }[]
  ).filter((b) => b.type === 'input');

async function openLookup(query = '') {
  const before = rig.slack.callsTo('views.open').length;
  await sendSigned(rig.t.url, slashCommand(rig.slack, '/contacts', wireText(query)));
  await eventually(
    () => rig.slack.callsTo('views.open').length > before && rig.slack.callsTo('views.open').at(-1)!.ok !== undefined,
  );
  expect(rig.slack.callsTo('views.open').at(-1)!.ok).toBe(true);
  return rig.slack.latestView('contact_search')!;
}

async function push(fromView: string, actionId: string, contactId: string, callbackId: string) {
  const before = rig.slack.latestView(callbackId);
  await sendSigned(
    rig.t.url,
    viewAction(rig.slack, {
      userId: ALICE,
      viewId: fromView,
      action: { type: 'button', action_id: actionId, value: contactId },
    }),
  );
  return eventually(() => {
    const latest = rig.slack.latestView(callbackId);
    return latest !== before ? latest : undefined;
  });
}

describe('the lookup modal', () => {
  it('is accepted by Slack (it has a submit), and Search shows the matches', async () => {
    await rig.t.app.services.contacts.create({ fullName: 'Ada Lovelace', company: 'Analytical Engines' });
    const viewId = await openLookup();
    const submitted = await rig.slack.submitView(rig.t.url, viewId, ALICE, {
      search: { contact_search_input: { type: 'plain_text_input', value: 'lovelace' } },
    });
    expect(submitted.json).toMatchObject({ response_action: 'update' });
    expect(JSON.stringify(rig.slack.view(viewId)!.view.blocks)).toContain('Ada Lovelace');
  });

  it("shows the results of the last thing typed, even when an older keystroke's update lands first", async () => {
    await rig.t.app.services.contacts.create({ fullName: 'Grace Hopper', company: 'Navy' });
    const viewId = await openLookup();
    const hashBefore = rig.slack.view(viewId)!.hash;
    const keystroke = (value: string, at: number, hash: string) => {
      const body = viewAction(rig.slack, {
        userId: ALICE,
        viewId,
        action: { type: 'plain_text_input', action_id: 'contact_search_input', value, action_ts: String(at) },
      });
      // Both keystrokes were sent before the first update reached the person's screen: same hash.
      const payload = JSON.parse(new URLSearchParams(body).get('payload')!);
      payload.view.hash = hash;
      return sendSigned(rig.t.url, new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
    };
    const t = Date.now() / 1000;
    await keystroke('ada', t, hashBefore);
    await eventually(() => JSON.stringify(rig.slack.view(viewId)!.view.blocks).includes('Ada Lovelace'));
    await keystroke('grace', t + 0.2, hashBefore);
    await eventually(() => JSON.stringify(rig.slack.view(viewId)!.view.blocks).includes('Grace Hopper'));
    expect(JSON.stringify(rig.slack.view(viewId)!.view.blocks)).not.toContain('Ada Lovelace');
  });
});

describe('escaping: what people and pages write never becomes a mention or a link', () => {
  it('"Research from this message" on a message that said @channel: decoded once, escaped once', async () => {
    const stored =
      'Find the CFO &amp; CTO of Acme &lt;Ltd&gt; <!channel> <@U0BOB00001> <https://evil.example|click here>';
    await sendSigned(
      rig.t.url,
      messageShortcut(rig.slack, {
        callbackId: 'research_from_message',
        userId: ALICE,
        channelId: 'C0SHORT001',
        messageText: stored,
      }),
    );
    const viewId = await eventually(() => rig.slack.latestView('research_start'));
    const query = inputs(viewId).find((b) => b.block_id === 'query')!.element!.initial_value!;
    expect(query).toBe('Find the CFO & CTO of Acme <Ltd> @channel @U0BOB00001 click here (https://evil.example)');
    const ack = await rig.slack.submitView(rig.t.url, viewId, ALICE, {
      query: text(query),
      maxContacts: { type: 'static_select', selected_option: { value: '3' } },
      company: text(null),
      location: text(null),
    });
    expect(ack.text).toBe('');
    const task = await eventually(async () => {
      const found = await rig.t.app.database.db.researchTask.findFirst({ where: { slackChannelId: 'C0SHORT001' } });
      return found?.slackDeliveredAt ? found : undefined;
    }, 20_000);
    expect(task.query).toBe(query);
    const texts = textsIn('C0SHORT001');
    expect(texts.join('\n')).toContain('Find the CFO &amp; CTO of Acme &lt;Ltd&gt; @channel');
    expect(texts.join('\n')).not.toContain('&amp;amp;');
    for (const t of texts)
      for (const markup of liveMarkup(t))
        expect(
          markup === `<@${ALICE}>` || /^<http:\/\/127\.0\.0\.1:\d+\/|^<https:\/\/www\.linkedin\.com\//.test(markup),
          markup,
        ).toBe(true);
  });

  it('slash-command text arrives escaped and is stored as typed', async () => {
    await sendSigned(
      rig.t.url,
      slashCommand(rig.slack, '/research', wireText('Heads of Sales & Ops at <Ledgerly> <!here>'), {
        channel_id: 'C0SLASH001',
      }),
    );
    const task = await eventually(() =>
      rig.t.app.database.db.researchTask.findFirst({ where: { slackChannelId: 'C0SLASH001' } }),
    );
    expect(task.query).toBe('Heads of Sales & Ops at <Ledgerly> <!here>');
    await eventually(() => rig.slack.messagesIn('C0SLASH001').length > 0);
    const announcement = rig.slack.messagesIn('C0SLASH001')[0]!;
    expect(announcement.text).toContain('Heads of Sales &amp; Ops at &lt;Ledgerly&gt; &lt;!here&gt;');
    expect(liveMarkup(announcement.text!)).toEqual([`<@${ALICE}>`]);
  });
});

describe('no silent data loss, no broken replies', () => {
  it('saves notes of 10,000 characters unchanged through the edit form', async () => {
    const notes =
      `Met at the fair 🙂 & talked <a lot>.\n${'Long notes with emoji 🚀 at odd places. '.repeat(260)}`.slice(
        0,
        10_000,
      );
    const { contact } = await rig.t.app.services.contacts.create({ fullName: 'Noted Person', notes });
    const lookup = await openLookup('Noted Person');
    const detail = await push(lookup, 'contact_view', contact.id, 'contact_detail');
    const form = await push(detail, 'contact_edit', contact.id, 'contact_edit');
    const values = Object.fromEntries(inputs(form).map((b) => [b.block_id, text(b.element?.initial_value ?? null)]));
    expect(Object.keys(values).filter((k) => k.startsWith('notes')).length).toBeGreaterThan(1);
    const saved = await rig.slack.submitView(rig.t.url, form, ALICE, values);
    expect(saved.text).toBe('');
    expect((await rig.t.app.services.contacts.get(contact.id)).notes).toBe(notes);
  });

  it('previews a 500-follow-up digest through one response, with no buttons that would change data', async () => {
    await rig.t.app.services.contacts.importMany(
      Array.from({ length: 500 }, (_, i) => ({
        fullName: `Due ${i} & <Co>`,
        ownerId: 'U0OWNER001',
        nextFollowUpAt: '2020-01-01',
      })),
    );
    const body = slashCommand(rig.slack, '/contacts', 'digest');
    const url = new URL(new URLSearchParams(body).get('response_url')!).pathname;
    await sendSigned(rig.t.url, body);
    await eventually(() => rig.slack.responses.some((r) => r.url === url));
    await new Promise((r) => setTimeout(r, 300));
    const replies = rig.slack.responses.filter((r) => r.url === url);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.ok).toBe(true);
    expect(replies[0]!.body.response_type).toBe('ephemeral');
    expect(JSON.stringify(replies[0]!.body.blocks)).not.toContain('"overflow"');
  });

  it('leaves the follow-up date empty so "leave empty to clear" works, and clears it', async () => {
    const { contact } = await rig.t.app.services.contacts.create({
      fullName: 'Follow Me',
      nextFollowUpAt: '2026-12-24',
    });
    const lookup = await openLookup('Follow Me');
    const detail = await push(lookup, 'contact_view', contact.id, 'contact_detail');
    const form = await push(detail, 'contact_follow_up', contact.id, 'follow_up');
    expect(inputs(form).find((b) => b.block_id === 'nextFollowUpAt')!.element!.initial_date).toBeUndefined();
    await rig.slack.submitView(rig.t.url, form, ALICE, { nextFollowUpAt: { type: 'datepicker', selected_date: null } });
    expect((await rig.t.app.services.contacts.get(contact.id)).nextFollowUpAt).toBeNull();
    const log = await push(detail, 'contact_log_conversation', contact.id, 'conversation_log');
    expect(inputs(log).find((b) => b.block_id === 'occurredAt')!.element!.initial_date).toBeUndefined();
  });
});

describe('interactions from ephemeral messages (no `message` in the payload)', () => {
  it('a follow-up marked done from an ephemeral message is confirmed through its response_url', async () => {
    const { contact } = await rig.t.app.services.contacts.create({
      fullName: 'Ephemeral Due',
      nextFollowUpAt: '2020-01-01',
    });
    const body = messageAction(rig.slack, {
      userId: ALICE,
      channelId: 'C0RESEARCH',
      ephemeral: true,
      message: { ts: '1799999999.000200' },
      action: {
        type: 'overflow',
        action_id: 'digest_follow_up',
        selected_option: { text: { type: 'plain_text', text: 'Mark done' }, value: `done:${contact.id}` },
      },
    });
    const url = new URL(JSON.parse(new URLSearchParams(body).get('payload')!).response_url).pathname;
    await sendSigned(rig.t.url, body);
    const reply = await eventually(() => rig.slack.responses.find((r) => r.url === url));
    expect(reply.ok).toBe(true);
    expect(reply.body.text).toContain('followed up by');
    expect((await rig.t.app.services.contacts.get(contact.id)).nextFollowUpAt).toBeNull();
  });
});

describe('channels the bot is not in', () => {
  it("research asked for in a private channel goes on in the person's DM, which says why", async () => {
    rig.slack.notInChannel('G0PRIVATE1', 'private');
    await sendSigned(rig.t.url, globalShortcut(rig.slack, { callbackId: 'research_shortcut', userId: ALICE }));
    const viewId = await eventually(() => {
      const id = rig.slack.latestView('research_start');
      return id && inputs(id).some((b) => b.block_id === 'channel') && rig.slack.isOpen(id) ? id : undefined;
    });
    await rig.slack.submitView(rig.t.url, viewId, ALICE, {
      query: text('Private channel research'),
      maxContacts: { type: 'static_select', selected_option: { value: '3' } },
      company: text(null),
      location: text(null),
      channel: { type: 'conversations_select', selected_conversation: 'G0PRIVATE1' },
    });
    const task = await eventually(async () => {
      const found = await rig.t.app.database.db.researchTask.findFirst({
        where: { query: 'Private channel research' },
      });
      return found?.slackDeliveredAt ? found : undefined;
    }, 20_000);
    const dm = dmsTo(ALICE)
      .map((m) => m.text ?? '')
      .join('\n');
    // One comparison of everything, so a failure shows the whole story (status, error, messages).
    // People in the DM thread: as they were found ("Found", "Also found") or with the results at the end.
    expect({
      channel: task.slackChannelId,
      status: task.status,
      error: task.error,
      deliveryError: task.slackDeliveryError,
      saysWhy: dm.includes('is a place I am not in, so this research is here'),
      people: rig.slack.messagesIn('D0ALICE001').some((m) => /^(Found|Also found|Results)/.test(String(m.text))),
      texts: rig.slack.messagesIn('D0ALICE001').map((m) => String(m.text).slice(0, 80)),
    }).toMatchObject({ channel: 'D0ALICE001', status: 'succeeded', error: null, saysWhy: true, people: true });
  });

  it('posts in a public channel it was not invited to (chat:write.public)', async () => {
    rig.slack.notInChannel('C0PUBLIC01', 'public');
    await sendSigned(
      rig.t.url,
      slashCommand(rig.slack, '/research', 'Public channel research', { channel_id: 'C0PUBLIC01' }),
    );
    await eventually(() => rig.slack.messagesIn('C0PUBLIC01').length > 0);
  });
});

describe('errors reach the person', () => {
  it('a global shortcut whose modal Slack refuses: told in the DM', async () => {
    rig.slack.failNext('views.open', { error: 'internal_error' });
    const before = dmsTo(ALICE).length;
    await sendSigned(rig.t.url, globalShortcut(rig.slack, { callbackId: 'lookup_contact', userId: ALICE }));
    await eventually(() => dmsTo(ALICE).length > before);
    expect(dmsTo(ALICE).at(-1)!.text).toContain('something went wrong');
  });

  it('a fourth window (push_limit_reached): told in the DM', async () => {
    const { contact } = await rig.t.app.services.contacts.create({ fullName: 'Stacked Person' });
    const lookup = await openLookup('Stacked Person');
    const detail = await push(lookup, 'contact_view', contact.id, 'contact_detail');
    await push(detail, 'contact_edit', contact.id, 'contact_edit');
    const before = dmsTo(ALICE).length;
    await sendSigned(
      rig.t.url,
      viewAction(rig.slack, {
        userId: ALICE,
        viewId: detail,
        action: { type: 'button', action_id: 'contact_follow_up', value: contact.id },
      }),
    );
    await eventually(() => dmsTo(ALICE).length > before);
    expect(dmsTo(ALICE).at(-1)!.text).toContain('Too many windows are open');
  });

  it("a form whose save fails answers on the form within 3 s instead of Slack's generic error", async () => {
    const { contact } = await rig.t.app.services.contacts.create({ fullName: 'Gone Soon' });
    const lookup = await openLookup('Gone Soon');
    const detail = await push(lookup, 'contact_view', contact.id, 'contact_detail');
    const form = await push(detail, 'contact_log_conversation', contact.id, 'conversation_log');
    await rig.t.app.services.contacts.delete(contact.id);
    const ack = await rig.slack.submitView(rig.t.url, form, ALICE, {
      kind: { type: 'static_select', selected_option: { value: 'call' } },
      subject: text('Hello'),
      body: text(null),
      occurredAt: { type: 'datepicker', selected_date: null },
    });
    expect(ack.status).toBe(200);
    expect(ack.json).toMatchObject({ response_action: 'errors', errors: { kind: expect.stringContaining('deleted') } });
    // A tampered form whose contact id is not one: the failure still answers on the form.
    rig.slack.view(form)!.view.private_metadata = JSON.stringify({ openedBy: ALICE, contactId: 'not-a-contact-id' });
    const ack2 = await rig.slack.submitView(rig.t.url, form, ALICE, {
      kind: { type: 'static_select', selected_option: { value: 'call' } },
      subject: text('Hello'),
      body: text(null),
      occurredAt: { type: 'datepicker', selected_date: null },
    });
    expect(ack2.status).toBe(200);
    expect(ack2.json).toMatchObject({ response_action: 'errors' });
  });
});

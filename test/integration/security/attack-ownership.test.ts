/**
 * Attack: ownership decides who may delete a contact (README "Who may do what"), and a merge is
 * careful never to assign it — yet the assistant's set_follow_up makes whoever confirms it the
 * owner of a contact that has none. A member who may not delete an unowned contact (one the API
 * or an admin created) sets a follow-up on it, becomes its owner, and deletes it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ChatHandler } from '../../support/fake-openai.js';
import { detailViewClick, messageAction, sendSigned } from '../../support/fake-slack.js';
import { currentTurn, isAssistantRequest } from '../../support/scripted-assistant.js';
import { eventually, startSlackRig, type SlackTestRig } from '../../support/slack-app.js';
import { eventCallback, imMessage, nextTs, sendEvent } from '../../support/slack-events.js';

const BOB = 'U0BOB00001';

const handler: ChatHandler = (request) => {
  if (!isAssistantRequest(request)) return { content: 'nothing' };
  const { question, results } = currentTurn(request);
  const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  const m = question.match(/^FOLLOW (\S+)/);
  if (m && results.length === 0)
    return { toolCalls: [{ name: 'set_follow_up', arguments: { contactId: m[1], date: inAWeek } }] };
  return { content: 'Proposed; confirm below.' };
};

let rig: SlackTestRig;
beforeAll(async () => {
  rig = await startSlackRig({ handler: () => handler });
});
afterAll(async () => {
  await rig?.close();
});

const db = () => rig.t.app.database.db;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const contact = (id: string) => db().contact.findUniqueOrThrow({ where: { id } });

const deleteAction = (user: string, contactId: string) =>
  sendSigned(rig.t.url, detailViewClick(rig.slack, { userId: user, contactId, actionId: 'contact_delete' }));

describe('attack: taking ownership through a follow-up', () => {
  it('a member who may not delete an unowned contact cannot become its owner by setting a follow-up, then delete it', async () => {
    // Created with the admin token (an import, the API): no owner, so only admins may delete it.
    const c = (await rig.t.app.services.contacts.create({ fullName: 'Unowned Key Account' })).contact;
    await deleteAction(BOB, c.id);
    await sleep(400);
    expect((await contact(c.id)).deletedAt).toBeNull();

    const ts = nextTs();
    const channel = 'D0BOB00077';
    expect(
      (await sendEvent(rig.t.url, eventCallback(imMessage({ user: BOB, channel, text: `FOLLOW ${c.id}`, ts })))).status,
    ).toBe(200);
    const proposal = await eventually(() =>
      db().assistantAction.findFirst({ where: { threadTs: ts, messageTs: { not: null } } }),
    );
    await sendSigned(
      rig.t.url,
      messageAction(rig.slack, {
        userId: BOB,
        channelId: proposal.channelId,
        message: { ts: proposal.messageTs! },
        action: { type: 'button', action_id: 'assistant_confirm', value: proposal.id },
      }),
    );
    await eventually(async () => (await contact(c.id)).nextFollowUpAt);

    await deleteAction(BOB, c.id);
    await sleep(600);
    // Safe: Bob's follow-up did not hand him the right to delete a contact he could not delete before.
    expect((await contact(c.id)).deletedAt).toBeNull();
  });

  it('the follow-up proposal promises no ownership, and shows no markup literally', async () => {
    const c = (await rig.t.app.services.contacts.create({ fullName: 'Unowned Second' })).contact;
    const ts = nextTs();
    const channel = 'D0BOB00078';
    await sendEvent(rig.t.url, eventCallback(imMessage({ user: BOB, channel, text: `FOLLOW ${c.id}`, ts })));
    await eventually(() => db().assistantAction.findFirst({ where: { threadTs: ts, messageTs: { not: null } } }));
    const posted = rig.slack
      .callsTo('chat.postMessage')
      .filter(
        (call) => call.args.channel === channel && JSON.stringify(call.args.blocks ?? []).includes('Proposed change'),
      )
      .map((call) => JSON.stringify(call.args.blocks));
    expect(posted.join('')).toContain('Set the follow-up with Unowned Second');
    // A follow-up hands out no ownership (that is what allows Delete), so the proposal offers none,
    // and no mention is shown as escaped characters.
    expect(posted.join('')).not.toContain('owner');
    expect(posted.join('')).not.toContain('&lt;@');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { interaction, sendSigned, slashCommand } from '../../support/fake-slack.js';
import { eventually, startSlackRig, type SlackTestRig } from '../../support/slack-app.js';

let rig: SlackTestRig;
let contactId: string;
beforeAll(async () => {
  rig = await startSlackRig();
  const created = await rig.t.app.services.contacts.create({
    fullName: 'Grace Hopper',
    title: 'Rear Admiral',
    company: 'US Navy',
    email: 'grace@navy.example',
    tags: ['legend'],
    ownerId: 'U0ALICE001',
  });
  contactId = created.contact.id;
  await rig.t.app.services.contacts.create({
    fullName: 'Alan Turing',
    company: 'Bletchley Park',
    email: 'alan@bletchley.example',
  });
});
afterAll(async () => {
  expect(rig.slack.rejections).toEqual([]);
  await rig.close();
});

const ALICE = { id: 'U0ALICE001', team_id: 'T0TEST' };
// A trigger from inside a modal can push onto that modal (Slack's view stack): the fake knows which view it came from.
const blockAction = (
  view: { id: string; hash?: string; private_metadata: string } | undefined,
  action: Record<string, unknown>,
  user = ALICE,
) =>
  sendSigned(
    rig.t.url,
    interaction({
      type: 'block_actions',
      user,
      team: { id: 'T0TEST' },
      api_app_id: 'A0TEST',
      trigger_id: rig.slack.trigger(Date.now(), view?.id),
      ...(view
        ? { view: { ...view, type: 'modal' }, container: { type: 'view', view_id: view.id } }
        : { channel: { id: 'C0RESEARCH' }, container: { type: 'message' } }),
      actions: [{ block_id: 'b', action_ts: '1', ...action }],
    }),
  );
const submit = (
  view: { id: string; callback_id: string; private_metadata: string },
  values: Record<string, Record<string, unknown>>,
  user = ALICE,
) =>
  sendSigned(
    rig.t.url,
    interaction({
      type: 'view_submission',
      user,
      team: { id: 'T0TEST' },
      api_app_id: 'A0TEST',
      trigger_id: rig.slack.trigger(),
      view: {
        ...view,
        hash: 'h',
        state: { values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { value: v }])) },
      },
    }),
  );
const text = (value: string | null) => ({ type: 'plain_text_input', value });

describe('contact lookup in Slack', () => {
  it('opens /contacts with matches, and searches as you type', async () => {
    await sendSigned(rig.t.url, slashCommand(rig.slack, '/contacts', 'grace'));
    const opened = await eventually(() =>
      rig.slack.callsTo('views.open').find((c) => c.args.view.callback_id === 'contact_search'),
    );
    expect(JSON.stringify(opened.args.view.blocks)).toContain('Grace Hopper');
    expect(JSON.stringify(opened.args.view.blocks)).not.toContain('Alan Turing');
    const viewId = 'V00000001';
    const stored = rig.slack.view(viewId)!;
    await blockAction(
      { id: viewId, hash: stored.hash, private_metadata: opened.args.view.private_metadata },
      { type: 'plain_text_input', action_id: 'contact_search_input', value: 'bletchley' },
    );
    const updated = await eventually(() => rig.slack.callsTo('views.update').find((c) => c.args.view_id === viewId));
    expect(JSON.stringify(updated.args.view.blocks)).toContain('Alan Turing');
    // A keystroke typed before the one on screen (older action_ts) arriving late loses quietly to it.
    await blockAction(
      { id: viewId, hash: 'stale', private_metadata: opened.args.view.private_metadata },
      { type: 'plain_text_input', action_id: 'contact_search_input', value: 'nobody', action_ts: '0.5' },
    );
    await new Promise((r) => setTimeout(r, 200));
    expect(rig.slack.view(viewId)!.view.blocks).toEqual(updated.args.view.blocks);
  });

  it("pushes the detail view, edits with the API's rules, and refreshes the detail", async () => {
    await blockAction(
      { id: 'V00000001', private_metadata: JSON.stringify({ openedBy: ALICE.id }) },
      { type: 'button', action_id: 'contact_view', value: contactId },
    );
    const detail = await eventually(() =>
      rig.slack.callsTo('views.push').find((c) => c.args.view.callback_id === 'contact_detail'),
    );
    const detailJson = JSON.stringify(detail.args.view.blocks);
    for (const fact of [
      'Grace Hopper',
      'Rear Admiral',
      'grace@navy.example',
      'legend',
      'Log conversation',
      'Set follow-up',
      'Delete',
    ])
      expect(detailJson).toContain(fact);
    const detailId = `V${String(rig.slack.callsTo('views.open').length + rig.slack.callsTo('views.push').length).padStart(8, '0')}`;

    await blockAction(
      { id: detailId, private_metadata: detail.args.view.private_metadata },
      { type: 'button', action_id: 'contact_edit', value: contactId },
    );
    const form = await eventually(() =>
      rig.slack.callsTo('views.push').find((c) => c.args.view.callback_id === 'contact_edit'),
    );
    const formView = {
      id: 'VFORM0001',
      callback_id: 'contact_edit',
      private_metadata: form.args.view.private_metadata,
    };
    const values = {
      fullName: text('Grace Hopper'),
      title: text('Rear Admiral'),
      company: text('US Navy'),
      email: text('not-an-email'),
      phone: text(null),
      linkedinUrl: text(null),
      location: text('Arlington'),
      website: text(null),
      tags: text('legend, cobol'),
      notes: text(null),
    };
    expect((await submit(formView, values)).json).toEqual({
      response_action: 'errors',
      errors: { email: 'must be an email address such as jane@example.com' },
    });
    expect(
      (
        await submit(
          formView,
          { ...values, email: text('grace@navy.example') },
          { id: 'U0MALLORY1', team_id: 'T0TEST' },
        )
      ).json,
    ).toEqual({ response_action: 'errors', errors: { fullName: 'This form was opened by someone else.' } });
    expect((await submit(formView, { ...values, email: text('alan@bletchley.example') })).json).toEqual({
      response_action: 'errors',
      errors: { email: 'Another contact already has this email' },
    });
    const saved = await submit(formView, { ...values, email: text('Grace@Navy.example') });
    expect(saved.status).toBe(200);
    expect(saved.text).toBe('');
    expect(await rig.t.app.services.contacts.get(contactId)).toMatchObject({
      location: 'Arlington',
      email: 'grace@navy.example',
      tags: ['cobol', 'legend'],
    });
    const refreshed = await eventually(() =>
      rig.slack.callsTo('views.update').find((c) => c.args.view_id === detailId),
    );
    expect(JSON.stringify(refreshed.args.view.blocks)).toContain('Arlington');
  });

  it('logs a conversation and sets a follow-up from the detail view', async () => {
    const meta = JSON.stringify({ openedBy: ALICE.id, contactId, parentViewId: 'V00000002' });
    expect(
      (
        await submit(
          { id: 'VLOG00001', callback_id: 'conversation_log', private_metadata: meta },
          {
            kind: { type: 'static_select', selected_option: { value: 'meeting' } },
            subject: text(null),
            body: text(null),
            occurredAt: { type: 'datepicker', selected_date: '2026-11-20' },
          },
        )
      ).json,
    ).toEqual({
      response_action: 'errors',
      errors: { body: 'give a subject or a body' },
    });
    await submit(
      { id: 'VLOG00001', callback_id: 'conversation_log', private_metadata: meta },
      {
        kind: { type: 'static_select', selected_option: { value: 'meeting' } },
        subject: text('Coffee'),
        body: text('Talked about compilers'),
        occurredAt: { type: 'datepicker', selected_date: '2026-11-20' },
      },
    );
    await submit(
      { id: 'VFOL00001', callback_id: 'follow_up', private_metadata: meta },
      { nextFollowUpAt: { type: 'datepicker', selected_date: '2026-12-15' } },
    );
    const contact = await rig.t.app.services.contacts.get(contactId);
    expect(contact.conversations).toMatchObject([
      { kind: 'meeting', subject: 'Coffee', loggedBy: ALICE.id, occurredAt: '2026-11-20T00:00:00.000Z' },
    ]);
    expect(contact.nextFollowUpAt).toBe('2026-12-15T00:00:00.000Z');
  });

  it('handles an expired trigger by telling the person to try again', async () => {
    await sendSigned(
      rig.t.url,
      slashCommand(rig.slack, '/contacts', '', { trigger_id: rig.slack.trigger(Date.now() - 10_000) }),
    );
    const reply = await eventually(() =>
      rig.slack.responses.find((r) => String(r.body.text).includes('took Slack too long')),
    );
    expect(reply.body.response_type).toBe('ephemeral');
  });

  it('deletes after confirmation and says so in the modal', async () => {
    const detailId = 'V00000002';
    await blockAction(
      { id: detailId, private_metadata: JSON.stringify({ openedBy: ALICE.id, contactId }) },
      { type: 'button', action_id: 'contact_delete', value: contactId },
    );
    await eventually(
      async () =>
        (await rig.t.app.database.db.contact.count({ where: { id: contactId, deletedAt: { not: null } } })) === 1,
    );
    const notice = await eventually(() =>
      rig.slack
        .callsTo('views.update')
        .find((c) => c.args.view_id === detailId && JSON.stringify(c.args.view).includes('is in the trash')),
    );
    expect(notice.args.view.title.text).toBe('Deleted');
  });
});

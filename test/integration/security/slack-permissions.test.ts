import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { interaction, sendSigned, slashCommand } from '../../support/fake-slack.js';
import { contactEditSubmission, eventually, startSlackRig, type SlackTestRig } from '../../support/slack-app.js';

const ALICE = 'U0ALICE001';
const BOB = 'U0BOB00001';
const ADMIN = 'U0ADMIN001';
const WS_ADMIN = 'U0WSADMIN1';

let rig: SlackTestRig;
beforeAll(async () => {
  rig = await startSlackRig({
    env: { SLACK_ADMIN_USER_IDS: `${ADMIN}, U0OTHERADM`, SLACK_WORKSPACE_ADMINS_ARE_ADMINS: 'true' },
  });
  rig.slack.makeWorkspaceAdmin(WS_ADMIN);
});
afterAll(async () => {
  await rig.close();
});

const action = (userId: string, value: string, actionId: string, over: Record<string, unknown> = {}) =>
  sendSigned(
    rig.t.url,
    interaction({
      type: 'block_actions',
      user: { id: userId, team_id: 'T0TEST' },
      team: { id: 'T0TEST' },
      api_app_id: 'A0TEST',
      trigger_id: rig.slack.trigger(),
      view: {
        id: 'V0DETAIL01',
        type: 'modal',
        private_metadata: JSON.stringify({ openedBy: userId, contactId: value }),
      },
      container: { type: 'view', view_id: 'V0DETAIL01' },
      actions: [{ block_id: 'b', action_ts: '1', type: 'button', action_id: actionId, value }],
      ...over,
    }),
  );
const deletedAt = async (id: string) =>
  (await rig.t.app.database.db.contact.findUniqueOrThrow({ where: { id } })).deletedAt;
const pushedNotice = (text: string) =>
  eventually(() => rig.slack.callsTo('views.push').find((c) => JSON.stringify(c.args.view).includes(text)));

describe('Slack requests from another workspace', () => {
  it('are refused before anything runs, in plain words where Slack lets us answer', async () => {
    const contact = (await rig.t.app.services.contacts.create({ fullName: 'Cross Workspace', ownerId: ALICE })).contact;
    const tasksBefore = await rig.t.app.database.db.researchTask.count();
    const command = await sendSigned(
      rig.t.url,
      slashCommand(rig.slack, '/research', 'steal the pipeline', { team_id: 'T0OTHER99', user_id: ALICE }),
    );
    expect(command.json).toEqual({
      response_type: 'ephemeral',
      text: expect.stringContaining('belongs to another Slack workspace'),
    });
    const lookup = await sendSigned(rig.t.url, slashCommand(rig.slack, '/contacts', 'cross', { team_id: 'T0OTHER99' }));
    expect(lookup.json).toMatchObject({ response_type: 'ephemeral' });
    // The same user id, from a payload whose team (or whose user's team) is another one.
    for (const over of [
      { team: { id: 'T0OTHER99' } },
      { user: { id: ALICE, team_id: 'T0OTHER99' } },
      { team: null, user: { id: ALICE } },
    ]) {
      expect((await action(ALICE, contact.id, 'contact_delete', over)).status).toBe(200);
      expect((await action(ALICE, contact.id, 'contact_edit', over)).status).toBe(200);
    }
    const edit = await sendSigned(
      rig.t.url,
      contactEditSubmission({
        user: { id: ALICE, team_id: 'T0OTHER99' },
        team: { id: 'T0OTHER99' },
        viewId: 'V0EDIT0001',
        contactId: contact.id,
        fullName: 'Pwned',
      }),
    );
    expect(edit.status).toBe(200);
    await new Promise((r) => setTimeout(r, 400));
    expect(await deletedAt(contact.id)).toBeNull();
    expect((await rig.t.app.services.contacts.get(contact.id)).fullName).toBe('Cross Workspace');
    expect(await rig.t.app.database.db.researchTask.count()).toBe(tasksBefore);
    expect(
      rig.slack.callsTo('views.open').filter((c) => JSON.stringify(c.args.view).includes('Cross Workspace')),
    ).toHaveLength(0);
    // The installed workspace was learned from auth.test.
    expect(rig.slack.callsTo('auth.test').length).toBeGreaterThan(0);
  });
});

describe('delete and restore in Slack', () => {
  it('lets the owner and admins delete, refuses other members in plain words, and restores', async () => {
    const contact = (await rig.t.app.services.contacts.create({ fullName: 'Owned By Alice', ownerId: ALICE })).contact;
    await action(BOB, contact.id, 'contact_delete');
    const notice = await pushedNotice('can delete this contact');
    expect(notice.args.view.title.text).toBe('Not allowed');
    expect(JSON.stringify(notice.args.view)).toContain(
      "Only the contact's owner, the person who asked for the research that found them, or a CRM admin can delete this contact.",
    );
    expect(await deletedAt(contact.id)).toBeNull();

    // Bob may still edit (members edit), and that edit is in the history under his name.
    const edit = await sendSigned(
      rig.t.url,
      interaction({
        type: 'view_submission',
        user: { id: BOB, team_id: 'T0TEST' },
        team: { id: 'T0TEST' },
        api_app_id: 'A0TEST',
        view: {
          id: 'V0EDIT0002',
          callback_id: 'contact_edit',
          hash: 'h',
          private_metadata: JSON.stringify({ openedBy: BOB, contactId: contact.id }),
          state: {
            values: {
              fullName: { value: { type: 'plain_text_input', value: 'Owned By Alice' } },
              title: { value: { type: 'plain_text_input', value: 'Director' } },
            },
          },
        },
      }),
    );
    expect(edit.status).toBe(200);
    await eventually(async () => (await rig.t.app.services.contacts.get(contact.id)).title === 'Director');
    const history = await rig.t.api('GET', `/api/contacts/${contact.id}/history`);
    expect(history.body.data[0]).toMatchObject({
      actor: `slack:${BOB}`,
      action: 'updated',
      field: 'title',
      before: null,
      after: 'Director',
    });

    // The History button shows it in Slack.
    await action(BOB, contact.id, 'contact_history');
    const historyView = await eventually(() =>
      rig.slack
        .callsTo('views.push')
        .find((c) => c.args.view.title?.text === 'History' && JSON.stringify(c.args.view).includes('Director')),
    );
    expect(JSON.stringify(historyView.args.view.blocks)).toContain(`<@${BOB}> changed *Title*: _empty_ → “Director”`);

    // The owner deletes: to the trash, with Restore at hand.
    await action(ALICE, contact.id, 'contact_delete');
    await eventually(async () => (await deletedAt(contact.id)) !== null);
    const deleted = await eventually(() =>
      rig.slack
        .callsTo('views.update')
        .find(
          (c) =>
            JSON.stringify(c.args.view).includes('Owned By Alice') === false &&
            JSON.stringify(c.args.view).includes('contact_restore'),
        ),
    );
    expect(deleted.args.view.title.text).toBe('Deleted');

    // Bob cannot restore it either; Alice can, and the detail view comes back.
    await action(BOB, contact.id, 'contact_restore');
    await pushedNotice('can restore this contact');
    expect(await deletedAt(contact.id)).not.toBeNull();
    await action(ALICE, contact.id, 'contact_restore');
    await eventually(async () => (await deletedAt(contact.id)) === null);

    // Admins: listed in SLACK_ADMIN_USER_IDS, or workspace admins per users.info.
    for (const admin of [ADMIN, WS_ADMIN]) {
      const other = (await rig.t.app.services.contacts.create({ fullName: `For ${admin}`, ownerId: ALICE })).contact;
      await action(admin, other.id, 'contact_delete');
      await eventually(async () => (await deletedAt(other.id)) !== null);
    }
    expect(rig.slack.callsTo('users.info').some((c) => c.args.user === WS_ADMIN)).toBe(true);

    // /contacts trash lists them with Restore, for the asker alone.
    await sendSigned(rig.t.url, slashCommand(rig.slack, '/contacts', 'trash'));
    const trash = await eventually(() => rig.slack.responses.find((r) => String(r.body.text).startsWith('Trash:')));
    expect(trash.body.response_type).toBe('ephemeral');
    expect(JSON.stringify(trash.body.blocks)).toContain(`For ${ADMIN}`);
    expect(JSON.stringify(trash.body.blocks)).toContain('contact_restore');
  });
});

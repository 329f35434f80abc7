import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { interaction, sendSigned, slashCommand, viewAction } from '../../support/fake-slack.js';
import { eventually, startSlackRig, type SlackTestRig } from '../../support/slack-app.js';

let rig: SlackTestRig;
beforeAll(async () => {
  rig = await startSlackRig();
});
afterAll(async () => {
  await rig.close();
});

const ALICE = { id: 'U0ALICE001', team_id: 'T0TEST' };
const BOB = { id: 'U0BOB00001', team_id: 'T0TEST' };

async function openImport(): Promise<{ id: string; callback_id: string; private_metadata: string }> {
  const before = rig.slack.callsTo('views.open').length;
  await sendSigned(
    rig.t.url,
    slashCommand(rig.slack, '/contacts', 'import', { user_id: ALICE.id, channel_id: 'C0IMPORT01' }),
  );
  const call = await eventually(() =>
    rig.slack
      .callsTo('views.open')
      .slice(before)
      .find((c) => c.args.view.callback_id === 'contact_import'),
  );
  expect(call.ok).toBe(true);
  return { id: 'V-import', callback_id: 'contact_import', private_metadata: call.args.view.private_metadata };
}

/** A view_submission in Slack's shape: file_input values carry `files`, checkboxes `selected_options`. */
function submit(
  view: { id: string; callback_id: string; private_metadata: string },
  input: { fileId?: string; text?: string; dryRun?: boolean },
  user = ALICE,
) {
  const values = {
    csvFile: { value: { type: 'file_input', files: input.fileId ? [{ id: input.fileId, name: 'upload.csv' }] : [] } },
    csvText: { value: { type: 'plain_text_input', value: input.text ?? null } },
    dryRun: {
      value: {
        type: 'checkboxes',
        selected_options: input.dryRun ? [{ text: { type: 'plain_text', text: 'Only show' }, value: 'dryRun' }] : [],
      },
    },
  };
  return sendSigned(
    rig.t.url,
    interaction({
      type: 'view_submission',
      user,
      team: { id: 'T0TEST' },
      api_app_id: 'A0TEST',
      trigger_id: rig.slack.trigger(),
      view: { ...view, type: 'modal', hash: 'h', state: { values } },
    }),
  );
}

const answerFor = (userId: string, after: number) =>
  eventually(() =>
    [...rig.slack.callsTo('chat.postEphemeral'), ...rig.slack.callsTo('chat.postMessage')]
      .filter((c) => c.at >= after && (c.args.user === userId || c.args.channel === userId))
      .at(-1),
  );

describe('/contacts import in Slack', () => {
  it('opens a modal with a CSV file input and a paste box', async () => {
    const before = rig.slack.callsTo('views.open').length;
    await openImport();
    const view = rig.slack.callsTo('views.open')[before]!.args.view;
    const blocks = JSON.stringify(view.blocks);
    expect(blocks).toContain('"file_input"');
    expect(blocks).toContain('"multiline":true');
    expect(view.submit.text).toBe('Import');
  });

  it('imports a LinkedIn export uploaded in the modal, downloading it with the bot token, and answers with the counts', async () => {
    const view = await openImport();
    const fileId = rig.slack.addFile(
      'Connections.csv',
      readFileSync(path.join(import.meta.dirname, '../../fixtures/csv/linkedin-connections.csv')),
    );
    const at = Date.now();
    const res = await submit(view, { fileId });
    expect(res.status).toBe(200);
    const answer = await answerFor(ALICE.id, at);
    expect(answer.args.channel).toBe('C0IMPORT01');
    expect(answer.args.text).toMatch(
      /Imported Connections\.csv \(LinkedIn connections\): \*3\* created, \*0\* merged into known contacts, \*1\* rejected/,
    );
    expect(answer.args.text).toMatch(/line 8: fullName/);
    expect(rig.slack.callsTo('files.info').at(-1)!.args.file).toBe(fileId);
    expect(rig.slack.downloads.at(-1)).toEqual({ id: fileId, authorized: true });
    expect(
      await rig.t.app.database.db.contact.count({
        where: { linkedinUrl: 'https://www.linkedin.com/in/aiko-tanaka-li' },
      }),
    ).toBe(1);
  });

  it('imports pasted text, previews without saving, and reports unknown columns', async () => {
    const view = await openImport();
    const csv = 'name;email;favourite colour\nPaste Person;paste@paste.example;blue\n';
    let at = Date.now();
    await submit(view, { text: csv, dryRun: true });
    let answer = await answerFor(ALICE.id, at);
    expect(answer.args.text).toMatch(/Preview of the pasted text \(CSV\): \*1\* would be created.*Nothing was saved/);
    expect(answer.args.text).toContain('Columns not imported: favourite colour.');
    expect(await rig.t.app.database.db.contact.count({ where: { email: 'paste@paste.example' } })).toBe(0);
    at = Date.now();
    await submit(view, { text: csv });
    answer = await answerFor(ALICE.id, at);
    expect(answer.args.text).toMatch(/\*1\* created/);
    expect(await rig.t.app.database.db.contact.count({ where: { email: 'paste@paste.example' } })).toBe(1);
  });

  it('refuses an empty form, both inputs at once, and someone else submitting the form', async () => {
    const view = await openImport();
    const empty = await submit(view, {});
    expect(JSON.parse(empty.text).errors.csvText).toMatch(/Upload a CSV file or paste/);
    const both = await submit(view, { fileId: 'F1', text: 'name\nX' });
    expect(JSON.parse(both.text).errors.csvText).toMatch(/not both/);
    const other = await submit(view, { text: 'name,email\nEve,eve@evil.example' }, BOB);
    expect(JSON.parse(other.text).errors.csvText).toMatch(/someone else/);
    expect(await rig.t.app.database.db.contact.count({ where: { email: 'eve@evil.example' } })).toBe(0);
  });

  it('tells the person when the file is gone or not a CSV it can read', async () => {
    const view = await openImport();
    let at = Date.now();
    await submit(view, { fileId: 'F0MISSING' });
    let answer = await answerFor(ALICE.id, at);
    expect(answer.args.text).toBeTruthy();
    expect(rig.slack.callsTo('files.info').at(-1)!.ok).toBe(false);
    const fileId = rig.slack.addFile('notes.csv', 'just some words\nand more words\n');
    at = Date.now();
    await submit(view, { fileId });
    answer = await answerFor(ALICE.id, at);
    expect(answer.args.text).toMatch(/header/);
  });
});

describe('Enrich in the contact detail view', () => {
  it('shows an Enrich button that starts an enrichment task for that contact and tells the person', async () => {
    const created = await rig.t.app.services.contacts.create({
      fullName: 'Enrich Me',
      company: 'Ledgerly',
      email: 'enrich.me@ledgerly.example',
    });
    const id = created.contact.id;
    const before = rig.slack.callsTo('views.open').length;
    await sendSigned(rig.t.url, slashCommand(rig.slack, '/contacts', 'enrich me', { user_id: ALICE.id }));
    await eventually(() =>
      rig.slack
        .callsTo('views.open')
        .slice(before)
        .find((c) => c.args.view.callback_id === 'contact_search' && c.ok),
    );
    const searchView = rig.slack.latestView('contact_search')!;
    const detailBefore = rig.slack.latestView('contact_detail');
    // The button inside the open lookup modal: its trigger pushes the detail view onto that modal.
    await sendSigned(
      rig.t.url,
      viewAction(rig.slack, {
        userId: ALICE.id,
        viewId: searchView,
        action: { type: 'button', action_id: 'contact_view', value: id },
      }),
    );
    const detailView = await eventually(() => {
      const latest = rig.slack.latestView('contact_detail');
      return latest !== detailBefore ? latest : undefined;
    });
    const detail = rig.slack.view(detailView)!;
    expect(JSON.stringify(detail.view.blocks)).toContain('Enrich Me');
    expect(JSON.stringify(detail.view.blocks)).toContain('"action_id":"contact_enrich"');
    const at = Date.now();
    await sendSigned(
      rig.t.url,
      viewAction(rig.slack, {
        userId: ALICE.id,
        viewId: detailView,
        action: { type: 'button', action_id: 'contact_enrich', value: id },
      }),
    );
    // The announcement in Alice's DM (its thread then gets the progress line and the results).
    await eventually(() =>
      rig.slack
        .callsTo('chat.postMessage')
        .find(
          (c) =>
            c.at >= at &&
            c.args.channel === ALICE.id &&
            /asked to research \*Enrich Me\* again/.test(String(c.args.text)),
        ),
    );
    const task = await rig.t.app.database.db.researchTask.findFirstOrThrow({ where: { contactId: id } });
    expect(task.requestedBy).toBe(ALICE.id);
    expect(rig.slack.rejections).toEqual([]);
  });
});

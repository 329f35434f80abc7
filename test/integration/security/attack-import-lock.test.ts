/**
 * Attack: the CSV import runs in one transaction, and so does its dry run ("answers the same
 * without writing anything"). On SQLite that transaction holds the database's write lock for the
 * whole file: any member who previews a large CSV with `/contacts import` (a 5 MB file, half the
 * Slack upload cap) makes every other write in the CRM wait, and fail after 10 s.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { interaction, sendSigned, slashCommand } from '../../support/fake-slack.js';
import { eventually, startSlackRig, type SlackTestRig } from '../../support/slack-app.js';

const BOB = { id: 'U0BOB00001', team_id: 'T0TEST' };

let rig: SlackTestRig;
beforeAll(async () => {
  rig = await startSlackRig();
});
afterAll(async () => {
  await rig?.close();
});

describe('attack: a dry-run import holds the database', () => {
  it(
    "a member's preview of a large CSV makes no other write fail as our fault meanwhile",
    { timeout: 180_000 },
    async () => {
      const rows = ['name,email,company,title'];
      for (let i = 0; i < 100_000; i += 1) rows.push(`Person ${i},p${i}@bulk.example,Company ${i % 500},Title ${i}`);
      const fileId = rig.slack.addFile('big.csv', `${rows.join('\n')}\n`);

      const before = rig.slack.callsTo('views.open').length;
      await sendSigned(rig.t.url, slashCommand(rig.slack, '/contacts', 'import', { user_id: BOB.id }));
      const opened = await eventually(() =>
        rig.slack
          .callsTo('views.open')
          .slice(before)
          .find((c) => c.args.view.callback_id === 'contact_import'),
      );
      const values = {
        csvFile: { value: { type: 'file_input', files: [{ id: fileId, name: 'big.csv' }] } },
        csvText: { value: { type: 'plain_text_input', value: null } },
        dryRun: {
          value: {
            type: 'checkboxes',
            selected_options: [{ text: { type: 'plain_text', text: 'Only show' }, value: 'dryRun' }],
          },
        },
      };
      const submitted = await sendSigned(
        rig.t.url,
        interaction({
          type: 'view_submission',
          user: BOB,
          team: { id: 'T0TEST' },
          api_app_id: 'A0TEST',
          trigger_id: rig.slack.trigger(),
          view: {
            id: 'V-import',
            callback_id: 'contact_import',
            private_metadata: opened.args.view.private_metadata,
            type: 'modal',
            hash: 'h',
            state: { values },
          },
        }),
      );
      expect(submitted.status).toBe(200);
      await new Promise((r) => setTimeout(r, 2_000)); // the download is done, the transaction open

      // Someone else's ordinary write meanwhile.
      const started = performance.now();
      const created = await rig.t.api('POST', '/api/contacts', { fullName: 'Concurrent Writer' });
      const ms = performance.now() - started;
      if (rig.t.app.database.provider === 'postgresql') {
        expect(created.status).toBe(201);
        expect(ms).toBeLessThan(3_000);
      } else if (created.status !== 201) {
        // Open (attack F2): SQLite has one writer at a time, and an import — a preview too — is one
        // transaction. A write that cannot begin in 10 s is answered as what it is, busy (503, nothing
        // written, try again), not as our fault (500).
        expect(created.status).toBe(503);
        expect(created.body.error).toMatchObject({
          code: 'unavailable',
          message: expect.stringContaining('busy with another long write'),
        });
        expect(await rig.t.app.database.db.contact.count({ where: { fullName: 'Concurrent Writer' } })).toBe(0);
      }
    },
  );
});

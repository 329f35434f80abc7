import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { scriptedResearcher } from '../../support/fake-openai.js';
import { interaction, sendSigned, slashCommand, viewAction, type SlackCall } from '../../support/fake-slack.js';
import { RESEARCH_PAGES } from '../../support/research-fixtures.js';
import { eventually, startSlackRig, type SlackTestRig } from '../../support/slack-app.js';

// Pages of this file's own little web (the fixture web serves RESEARCH_PAGES, read at each request).
RESEARCH_PAGES['/enrich/old-team'] = {
  body: '<html><body><h1>Team 2025</h1><p>Amara Okafor, Sales Manager</p><p>Ledgerly</p></body></html>',
};
RESEARCH_PAGES['/globex/leadership'] = {
  body: '<html><body><h1>Globex leadership</h1><div class="person"><h3>Amara Okafor</h3><p>Chief Financial Officer</p><p>Globex, Lagos</p><a href="mailto:amara@globex.example">amara@globex.example</a></div></body></html>',
};

const ALICE = { id: 'U0ALICE001', team_id: 'T0TEST' };
let rig: SlackTestRig;
beforeAll(async () => {
  rig = await startSlackRig({
    handler: (r) =>
      scriptedResearcher({
        pages: () => ['/ledgerly/team', '/globex/leadership'].map((p) => r().web.base + p),
        submit: () => [
          // A namesake: same name, another company and email.
          {
            fullName: 'Amara Okafor',
            title: 'Chief Financial Officer',
            company: 'Globex',
            email: 'amara@globex.example',
            linkedinUrl: null,
            location: 'Lagos',
            sources: [{ url: `${r().web.base}/globex/leadership`, quote: 'Chief Financial Officer', field: 'title' }],
          },
          // This person, now Head of Sales, in London.
          {
            fullName: 'Amara Okafor',
            title: 'Head of Sales',
            company: 'Ledgerly',
            email: 'amara@ledgerly.example',
            linkedinUrl: null,
            location: 'London',
            sources: [
              { url: `${r().web.base}/ledgerly/team`, quote: 'Head of Sales', field: 'title' },
              { url: `${r().web.base}/ledgerly/team`, quote: 'London', field: 'location' },
            ],
          },
        ],
      }),
  });
});
afterAll(async () => {
  await rig?.close();
});

const allText = (call: SlackCall) => `${call.args.text} ${JSON.stringify(call.args.blocks ?? [])}`;

/** Opens the contact's detail modal through /contacts and clicks Enrich in it, as Slack sends it. */
async function clickEnrichInDetail(contactId: string, search: string) {
  const before = rig.slack.callsTo('views.open').length;
  await sendSigned(rig.t.url, slashCommand(rig.slack, '/contacts', search, { user_id: ALICE.id }));
  await eventually(() =>
    rig.slack
      .callsTo('views.open')
      .slice(before)
      .find((c) => c.ok && c.args.view.callback_id === 'contact_search'),
  );
  const searchId = rig.slack.latestView('contact_search')!;
  await sendSigned(
    rig.t.url,
    viewAction(rig.slack, {
      userId: ALICE.id,
      viewId: searchId,
      action: { type: 'button', action_id: 'contact_view', value: contactId },
    }),
  );
  const detail = await eventually(() =>
    rig.slack
      .callsTo('views.push')
      .find(
        (c) =>
          c.ok &&
          c.args.view?.callback_id === 'contact_detail' &&
          JSON.stringify(c.args.view.blocks).includes(contactId),
      ),
  );
  expect(JSON.stringify(detail.args.view.blocks)).toContain('"action_id":"contact_enrich"');
  const detailId = rig.slack.latestView('contact_detail')!;
  const res = await sendSigned(
    rig.t.url,
    viewAction(rig.slack, {
      userId: ALICE.id,
      viewId: detailId,
      action: { type: 'button', action_id: 'contact_enrich', value: contactId },
    }),
  );
  expect(res.status).toBe(200);
}

describe('Enrich from Slack', () => {
  it("posts what was found in the asker's DM thread: fields added with their page, a differing value kept with both pages, the namesake left out — once, even when Slack fails a post", async () => {
    const base = rig.web.base;
    const created = await rig.t.app.services.contacts.create({
      fullName: 'Amara Okafor',
      company: 'Ledgerly',
      title: 'Sales Manager',
      email: 'amara@ledgerly.example',
      sources: [{ url: `${base}/enrich/old-team`, quote: 'Amara Okafor, Sales Manager', field: 'title' }],
    });
    const id = created.contact.id;
    // The first attempt to post the findings fails (Slack hiccups): the delivery tries again later.
    rig.slack.failWhen('chat.postMessage', (args) => String(args.text).startsWith(':white_check_mark: Enriched'), {
      error: 'internal_error',
    });
    const at = Date.now();
    await clickEnrichInDetail(id, 'amara');

    // Announced in the app's DM with Alice (the button was in a modal), the findings in its thread.
    const announcement = await eventually(() =>
      rig.slack.callsTo('chat.postMessage').find((c) => c.at >= at && c.args.channel === ALICE.id && !c.args.thread_ts),
    );
    expect(announcement.ok).toBe(true);
    expect(allText(announcement)).toContain('research *Amara Okafor* again');
    const started = await eventually(() =>
      rig.t.app.database.db.researchTask.findFirst({ where: { contactId: id, slackThreadTs: { not: null } } }),
    );
    const threadTs = started.slackThreadTs!;
    const channel = started.slackChannelId!;
    expect(rig.slack.message(channel, threadTs)?.text).toContain('Amara Okafor');
    const inThread = () => rig.slack.callsTo('chat.postMessage').filter((c) => c.ok && c.args.thread_ts === threadTs);
    const found = await eventually(
      () => inThread().find((c) => String(c.args.text).startsWith(':white_check_mark: Enriched')),
      20_000,
    );
    const text = allText(found);
    expect(found.args.text).toMatch(
      /Enriched \*Amara Okafor\*: 1 field added, 1 differing value left for you to check, \d+ new sources?/,
    );
    expect(text).toContain('*Location* added: “London” — from <' + base + '/ledgerly/team|127.0.0.1>');
    expect(text).toContain(
      '*Title* not changed: known “Sales Manager” (<' +
        base +
        '/enrich/old-team|127.0.0.1>), a page shows “Head of Sales” (<' +
        base +
        '/ledgerly/team|127.0.0.1>)',
    );
    expect(text).toContain('Not merged: Amara Okafor at Globex — another email (amara@globex.example)');
    expect(JSON.stringify(found.args.blocks)).toContain(`"value":"${id}"`);
    // The first try was refused by Slack; the retry posted it; it is never posted twice.
    expect(
      rig.slack
        .callsTo('chat.postMessage')
        .filter((c) => !c.ok && String(c.args.text).startsWith(':white_check_mark: Enriched')),
    ).toHaveLength(1);
    const task = await eventually(async () => {
      const row = await rig.t.app.database.db.researchTask.findFirstOrThrow({ where: { contactId: id } });
      return row.slackDeliveredAt ? row : undefined;
    });
    expect(task).toMatchObject({ requestedBy: ALICE.id, slackChannelId: channel, slackPostedParts: 1 });
    // Later delivery rounds (every 100 ms here) post nothing more.
    await new Promise((r) => setTimeout(r, 400));
    expect(inThread().filter((c) => String(c.args.text).startsWith(':white_check_mark: Enriched'))).toHaveLength(1);
    // The progress line ends with the outcome; the contact kept its title and gained the location.
    expect(
      rig.slack
        .callsTo('chat.update')
        .some((c) => c.args.channel === channel && String(c.args.text).includes('Finished: 1 added, 1 differing')),
    ).toBe(true);
    expect(await rig.t.app.services.contacts.get(id)).toMatchObject({ title: 'Sales Manager', location: 'London' });
  });

  it('says so when nothing new was found', async () => {
    const created = await rig.t.app.services.contacts.create({ fullName: 'Quiet Person', company: 'Nowhere Ltd' });
    const at = Date.now();
    await clickEnrichInDetail(created.contact.id, 'quiet');
    const told = await eventually(
      () =>
        rig.slack
          .callsTo('chat.postMessage')
          .find(
            (c) =>
              c.at >= at && c.ok && c.args.thread_ts && String(c.args.text).includes('Nothing new on *Quiet Person*'),
          ),
      20_000,
    );
    expect(told.args.text).toContain('no page read showed this person');
  });

  it('tells the person, and starts nothing, when the contact was deleted meanwhile', async () => {
    const created = await rig.t.app.services.contacts.create({ fullName: 'Gone Soon', company: 'Vanish Inc' });
    const id = created.contact.id;
    await rig.t.app.services.contacts.delete(id);
    const at = Date.now();
    await sendSigned(
      rig.t.url,
      interaction({
        type: 'block_actions',
        user: ALICE,
        team: { id: 'T0TEST' },
        api_app_id: 'A0TEST',
        trigger_id: rig.slack.trigger(),
        view: { id: 'V-old', type: 'modal', private_metadata: JSON.stringify({ openedBy: ALICE.id, contactId: id }) },
        container: { type: 'view', view_id: 'V-old' },
        actions: [
          { block_id: 'contact_actions', action_ts: '1', type: 'button', action_id: 'contact_enrich', value: id },
        ],
      }),
    );
    const told = await eventually(() =>
      [...rig.slack.callsTo('chat.postEphemeral'), ...rig.slack.callsTo('chat.postMessage')].find(
        (c) => c.at >= at && c.ok && (c.args.user === ALICE.id || c.args.channel === ALICE.id) && !c.args.thread_ts,
      ),
    );
    expect(told.args.text).toMatch(/not found|no longer|does not exist/i);
    expect(told.args.thread_ts).toBeUndefined();
    expect(await rig.t.app.database.db.researchTask.count({ where: { contactId: id } })).toBe(0);
  });
});

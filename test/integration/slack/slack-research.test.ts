import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CALLBACKS } from '../../../src/slack/blocks/action-ids.js';
import {
  globalShortcut,
  interaction,
  messageShortcut,
  sendSigned,
  slackSignature,
  slashCommand,
} from '../../support/fake-slack.js';
import { eventually, startSlackRig, type SlackTestRig } from '../../support/slack-app.js';

let rig: SlackTestRig;
beforeAll(async () => {
  rig = await startSlackRig();
});
afterAll(async () => {
  expect(rig.slack.rejections).toEqual([]);
  await rig.close();
});

const inThread = (ts: string) => rig.slack.calls.filter((c) => c.args.thread_ts === ts);

describe('Slack requests are verified', () => {
  it('refuses a forged signature, a stale timestamp and a missing signature with 401', async () => {
    const body = slashCommand(rig.slack, '/research', 'CTOs in Berlin');
    expect(
      (
        await sendSigned(rig.t.url, body, {
          signature: slackSignature(body, Math.floor(Date.now() / 1000), 'wrong-secret-wrong-secret'),
        })
      ).status,
    ).toBe(401);
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    expect(
      (await sendSigned(rig.t.url, body, { timestamp: stale, signature: slackSignature(body, stale) })).status,
    ).toBe(401);
    const res = await fetch(`${rig.t.url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    expect(res.status).toBe(401);
    expect(await rig.t.app.database.db.researchTask.count()).toBe(0);
  });

  it('answers 400 to a signed but malformed payload', async () => {
    expect((await sendSigned(rig.t.url, 'payload=%7Bnot-json')).status).toBe(400);
  });
});

describe('/research <query>', () => {
  it('acks at once, announces in the channel, shows progress in the thread and posts verified results there', async () => {
    const ack = await sendSigned(rig.t.url, slashCommand(rig.slack, '/research', 'Heads of Sales at Ledgerly'));
    expect(ack.status).toBe(200);
    expect(ack.ms).toBeLessThan(3_000);
    const announcement = await eventually(() =>
      rig.slack.callsTo('chat.postMessage').find((c) => c.args.channel === 'C0RESEARCH' && !c.args.thread_ts),
    );
    expect(announcement.args.text).toContain('<@U0ALICE001>');
    expect(announcement.args.text).toContain('Heads of Sales at Ledgerly');
    const threadTs = `${rig.slack.callsTo('chat.postMessage').indexOf(announcement) + 1800000001}.000100`;
    const task = await eventually(async () => {
      const t = await rig.t.app.database.db.researchTask.findFirst({ where: { slackChannelId: 'C0RESEARCH' } });
      return t?.slackDeliveredAt ? t : undefined;
    });
    expect(task.slackThreadTs).toBe(threadTs);
    expect(task.status).toBe('succeeded');
    expect(task.slackDeliveryError).toBeNull();

    // The task is accepted before anything is posted: the announcement names it from the start.
    expect(JSON.stringify(announcement.args.blocks)).toContain(task.id);
    // Results in the thread: one block group per person, with View / Edit / Dismiss.
    // People are posted as they are found ("Found: …"): the first one as soon as the model has
    // written it, the others with a later post ("Found", or "Also found" with the results when the
    // task ended first) — one hand-in, written person by person. Here the task goes on for only a
    // model call after that: when it ends before the delivery loop has claimed it as running, everyone
    // comes with the results ("Results: …"). That people are shown while the task runs is
    // research-incremental's to show, where the task runs for seconds after its first hand-in.
    const results = inThread(threadTs).filter(
      (c) => c.method === 'chat.postMessage' && /^(Found|Also found|Results)/.test(String(c.args.text)),
    );
    expect(results.length).toBeGreaterThanOrEqual(1);
    expect(String(results[0]!.args.text)).toMatch(/^(Found|Results): Amara Okafor/);
    const blocks = results.flatMap(
      (r) =>
        r.args.blocks as {
          type: string;
          block_id?: string;
          text?: { text: string };
          elements?: { action_id: string }[];
        }[],
    );
    const people = blocks.filter((b) => b.block_id?.startsWith('person:'));
    // The fixture web is on 127.0.0.1, not on Ledgerly's own domain: the cards say so.
    expect(people.map((b) => b.text!.text.split('\n')[0])).toEqual([
      '*Amara Okafor*  ·  _new_  ·  _known only from third-party pages_',
      '*Tomás Brennan*  ·  _new_  ·  _known only from third-party pages_',
      '*Priya Raman*  ·  _new_  ·  _known only from third-party pages_',
    ]);
    expect(people[0]!.text!.text).toContain(':email: amara@ledgerly.example _(found)_');
    expect(people[0]!.text!.text).toContain('<https://www.linkedin.com/in/amara-okafor-ledgerly|LinkedIn profile>');
    expect(blocks.find((b) => b.type === 'actions')!.elements!.map((e) => e.action_id)).toEqual([
      'contact_view',
      'contact_edit',
      'result_dismiss',
    ]);
    expect(JSON.stringify(blocks)).toContain(`${rig.web.base}/ledgerly/team`);
    // The progress line ends as the outcome.
    const progressTs = task.slackProgressTs!;
    const last = rig.slack
      .callsTo('chat.update')
      .filter((c) => c.args.ts === progressTs)
      .at(-1);
    // What verification left out is summed up with its reasons.
    expect(last?.args.text).toMatch(
      /^:white_check_mark: Found 3 people: 3 new, 0 already known\.( \d+ (people|person|facts?)( and \d+ facts?)? left out — why: .+)?$/,
    );
    // The thread's last line: time, people found, cost.
    const summary = inThread(threadTs)
      .filter((c) => c.method === 'chat.postMessage')
      .at(-1)!;
    expect(summary.args.text).toMatch(
      /^:checkered_flag: Done in [\d.]+ s · 3 people found \(3 new, 0 already known\) · cost \$0\.\d+$/,
    );
    expect(JSON.stringify(summary.args.blocks)).toMatch(/prompt tokens.*model calls, 1 searches/);
  });

  it('refuses an over-long query in words, without starting anything', async () => {
    const before = await rig.t.app.database.db.researchTask.count();
    const ack = await sendSigned(rig.t.url, slashCommand(rig.slack, '/research', 'x'.repeat(800)));
    expect(ack.json).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringContaining('must be at most 500 characters'),
    });
    expect(await rig.t.app.database.db.researchTask.count()).toBe(before);
  });

  it('tells the person when the bot cannot post anywhere for them', async () => {
    // A private channel the bot is not in: research moves to the person's DM; when that fails too, they are told.
    rig.slack.notInChannel('G0NOTIN001', 'private');
    rig.slack.failWhen('chat.postMessage', (args) => args.channel === 'U0ALICE001', { error: 'not_in_channel' });
    const body = slashCommand(rig.slack, '/research', 'CFOs in Paris', { channel_id: 'G0NOTIN001' });
    await sendSigned(rig.t.url, body);
    const reply = await eventually(() => rig.slack.responses.find((r) => String(r.body.text).includes('/invite')));
    expect(reply.body).toMatchObject({
      response_type: 'ephemeral',
      text: 'I am not in that channel. Invite me with `/invite @PersonableCRM` and try again.',
    });
  });

  it('opens the launcher for an empty /research, and starts research from its submission', async () => {
    await sendSigned(rig.t.url, slashCommand(rig.slack, '/research', '  '));
    const opened = await eventually(() =>
      rig.slack.callsTo('views.open').find((c) => c.args.view.callback_id === 'research_start'),
    );
    const metadata = opened.args.view.private_metadata as string;
    const submit = (user: string, query: string) =>
      sendSigned(
        rig.t.url,
        interaction({
          type: 'view_submission',
          team: { id: 'T0TEST' },
          user: { id: user, team_id: 'T0TEST' },
          api_app_id: 'A0TEST',
          trigger_id: rig.slack.trigger(),
          view: {
            id: 'V0LAUNCH01',
            callback_id: 'research_start',
            private_metadata: metadata,
            hash: 'h',
            state: {
              values: {
                query: { value: { type: 'plain_text_input', value: query } },
                maxContacts: { value: { type: 'static_select', selected_option: { value: '3' } } },
                company: { value: { type: 'plain_text_input', value: 'Ledgerly' } },
                location: { value: { type: 'plain_text_input', value: null } },
              },
            },
          },
        }),
      );
    expect((await submit('U0MALLORY1', 'Sales leaders')).json).toEqual({
      response_action: 'errors',
      errors: { query: 'This form was opened by someone else.' },
    });
    expect((await submit('U0ALICE001', 'ab')).json).toEqual({
      response_action: 'errors',
      errors: { query: 'must be at least 3 characters' },
    });
    const ok = await submit('U0ALICE001', 'Sales leaders');
    expect(ok.status).toBe(200);
    const task = await eventually(() =>
      rig.t.app.database.db.researchTask.findFirst({ where: { query: 'Sales leaders' } }),
    );
    expect(task).toMatchObject({
      requestedBy: 'U0ALICE001',
      slackChannelId: 'C0RESEARCH',
      options: { maxContacts: 3, company: 'Ledgerly', location: null },
    });
  });

  it('answers unknown commands and buttons without an error in Slack', async () => {
    const unknown = await sendSigned(rig.t.url, slashCommand(rig.slack, '/crm-unknown', 'x'));
    expect(unknown.json).toMatchObject({ text: "I don't know /crm-unknown. Try /research or /contacts." });
    const button = await sendSigned(
      rig.t.url,
      interaction({
        type: 'block_actions',
        user: { id: 'U0ALICE001' },
        team: { id: 'T0TEST' },
        trigger_id: rig.slack.trigger(),
        actions: [{ type: 'button', action_id: 'from_an_old_version', block_id: 'b', value: 'x', action_ts: '1' }],
      }),
    );
    expect(button.status).toBe(200);
    // Shortcuts from another app's manifest, a known callback ID under the other kind of shortcut, a
    // modal this version never opened: acknowledged at once (unacknowledged, Slack shows an error).
    const opened = rig.slack.callsTo('views.open').length;
    const others = [
      globalShortcut(rig.slack, { callbackId: 'someone_elses_shortcut', userId: 'U0ALICE001' }),
      globalShortcut(rig.slack, { callbackId: CALLBACKS.researchFromMessage, userId: 'U0ALICE001' }),
      messageShortcut(rig.slack, {
        callbackId: CALLBACKS.lookupShortcut,
        userId: 'U0ALICE001',
        channelId: 'C0SALES001',
        messageText: 'hello',
      }),
      interaction({
        type: 'view_submission',
        user: { id: 'U0ALICE001' },
        team: { id: 'T0TEST' },
        view: { id: 'V0OLD', callback_id: 'from_an_old_version', state: { values: {} } },
      }),
    ];
    for (const body of others) {
      const answer = await sendSigned(rig.t.url, body);
      expect(answer).toMatchObject({ status: 200, text: '' });
      expect(answer.ms).toBeLessThan(2_500);
    }
    expect(rig.slack.callsTo('views.open')).toHaveLength(opened);
  });
});

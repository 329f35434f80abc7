import { describe, expect, it } from 'vitest';

import { scriptedResearcher } from '../../support/fake-openai.js';
import { messageAction, sendSigned, slashCommand } from '../../support/fake-slack.js';
import { BIG_TEAM } from '../../support/research-fixtures.js';
import { eventually, startSlackRig, type SlackTestRig } from '../../support/slack-app.js';

async function withRig(options: Parameters<typeof startSlackRig>[0], test: (rig: SlackTestRig) => Promise<void>) {
  const rig = await startSlackRig(options);
  try {
    await test(rig);
  } finally {
    await rig.close();
  }
}

const bigTeam = (rig: () => SlackTestRig) =>
  scriptedResearcher({
    pages: () => [`${rig().web.base}/bigco/team`],
    submit: () =>
      BIG_TEAM.map((p) => ({
        fullName: p.fullName,
        title: p.title,
        company: 'Bigco',
        email: null,
        linkedinUrl: null,
        location: 'London',
        sources: [{ url: `${rig().web.base}/bigco/team`, quote: p.fullName, field: 'fullName' as const }],
      })),
  });

async function researchInSlack(rig: SlackTestRig, query: string, timeoutMs = 20_000) {
  await sendSigned(rig.t.url, slashCommand(rig.slack, '/research', query));
  return eventually(async () => {
    const task = await rig.t.app.database.db.researchTask.findFirst({ where: { query } });
    return task?.slackDeliveredAt ? task : undefined;
  }, timeoutMs);
}

/** Messages in the thread that show people (posted as they are found, or with the results at the end). */
const resultParts = (rig: SlackTestRig, threadTs: string) =>
  rig.slack
    .callsTo('chat.postMessage')
    .filter(
      (c) =>
        c.args.thread_ts === threadTs &&
        (c.args.blocks ?? []).some((b: { block_id?: string }) => b.block_id?.startsWith('person:')),
    );
const peopleIn = (call: { args: { blocks?: { block_id?: string }[] } }) =>
  (call.args.blocks ?? []).flatMap((b) => (b.block_id?.startsWith('person:') ? [b.block_id] : []));

/** Someone presses Dismiss on a person in a results message, as Slack sends it. */
function pressDismiss(
  rig: SlackTestRig,
  message: { ts: string; text: unknown; blocks: unknown },
  contactId: string,
  taskId: string,
  userId: string,
) {
  return sendSigned(
    rig.t.url,
    messageAction(rig.slack, {
      userId,
      channelId: 'C0RESEARCH',
      message: { ts: message.ts, text: String(message.text), blocks: message.blocks as unknown[] },
      action: {
        type: 'button',
        action_id: 'result_dismiss',
        block_id: `actions:${contactId}`,
        value: `${contactId}:${taskId}`,
      },
    }),
  );
}

describe('delivering results to Slack', () => {
  it("splits 40 people into messages within Slack's limits, and resumes after a failure without losing or repeating a person", async () => {
    await withRig({ handler: bigTeam, env: { RESEARCH_MAX_CONTACTS: '50' } }, async (rig) => {
      rig.slack.failWhen(
        'chat.postMessage',
        (args) => /^(Found|Also found|Results), part 2 of/.test(String(args.text)),
        { error: 'internal_error' },
      );
      const task = await researchInSlack(rig, 'Bigco leadership');
      expect(task).toMatchObject({ status: 'succeeded', contactsNew: 40, slackDeliveryError: null });
      const parts = resultParts(rig, task.slackThreadTs!);
      expect(parts.length).toBeGreaterThanOrEqual(3);
      for (const part of parts) expect(part.args.blocks.length).toBeLessThanOrEqual(50);
      // One message was refused; its people came again later. Of the messages Slack took, each person is in exactly
      // one.
      const refused = parts.filter((p) => p.ok === false);
      expect(refused).toHaveLength(1);
      const delivered = parts.filter((p) => p.ok).flatMap(peopleIn);
      expect(delivered).toHaveLength(40);
      expect(new Set(delivered).size).toBe(40);
      for (const id of peopleIn(refused[0]!)) expect(delivered).toContain(id);
      // Every person is recorded as posted; the thread ends with the summary.
      expect(
        await rig.t.app.database.db.researchTaskContact.count({ where: { taskId: task.id, slackPostedAt: null } }),
      ).toBe(0);
      const last = rig.slack
        .callsTo('chat.postMessage')
        .filter((c) => c.args.thread_ts === task.slackThreadTs)
        .at(-1)!;
      expect(last.args.text).toMatch(
        /^:checkered_flag: Done in [\d.]+ (s|min) · 40 people found \(40 new, 0 already known\) · cost \$/,
      );
    });
  });

  it('waits out a 429 from Slack and delivers', async () => {
    await withRig({}, async (rig) => {
      rig.slack.failWhen('chat.postMessage', (args) => /^(Found|Results)/.test(String(args.text)), {
        status: 429,
        retryAfter: 1,
      });
      const task = await researchInSlack(rig, 'Sales people at Ledgerly');
      // The refused post (answered 429, so never ok) is sent again; everyone is shown once.
      const parts = resultParts(rig, task.slackThreadTs!);
      const refused = parts.filter((p) => p.ok !== true);
      expect(refused).toHaveLength(1);
      const delivered = parts.filter((p) => p.ok).flatMap(peopleIn);
      for (const id of peopleIn(refused[0]!)) expect(delivered).toContain(id);
      expect(delivered).toHaveLength(3);
      expect(new Set(delivered).size).toBe(3);
      expect(task.slackDeliveryError).toBeNull();
    });
  });

  it('shows the outcome last on the progress line, even when a progress edit Slack answered 429 is sent again late', async () => {
    // A model answering in 300 ms keeps the task running while its first progress edit is made.
    await withRig({ latencyMs: 300 }, async (rig) => {
      const isProgress = (args: Record<string, unknown>) => String(args.text).startsWith(':hourglass_flowing_sand:');
      // The WebClient waits out Retry-After and sends the edit again: by then the task has ended.
      rig.slack.failWhen('chat.update', isProgress, { status: 429, retryAfter: 2 });
      const task = await researchInSlack(rig, 'Sales people at Ledgerly');
      const onProgressLine = () => rig.slack.callsTo('chat.update').filter((c) => c.args.ts === task.slackProgressTs);
      // The refused edit and the one sent again both reached Slack.
      await eventually(() => onProgressLine().filter((c) => isProgress(c.args)).length >= 2);
      await new Promise((r) => setTimeout(r, 200));
      const updates = onProgressLine();
      const progress = updates.filter((c) => isProgress(c.args));
      expect(progress[0]!.ok).toBeUndefined(); // answered 429
      expect(progress[1]!.ok).toBe(true); // the same edit, sent again after Retry-After
      expect(updates.at(-1)!.args.text).toMatch(/^:white_check_mark: /);
    });
  });

  it('gives up on a Slack call that never answers (SLACK_API_TIMEOUT_MS) and still delivers the outcome', async () => {
    await withRig({ latencyMs: 300, env: { SLACK_API_TIMEOUT_MS: '1000' } }, async (rig) => {
      const isProgress = (args: Record<string, unknown>) => String(args.text).startsWith(':hourglass_flowing_sand:');
      // Every progress edit hangs, as a call on a connection gone half-open does; the outcome waits for the edit in flight.
      rig.slack.failWhile('chat.update', isProgress, { hang: true });
      // Four tries of 1 s and the WebClient's pauses between them (0.5 + 1 + 2 s), then the outcome.
      const task = await researchInSlack(rig, 'Sales people at Ledgerly', 25_000);
      const updates = rig.slack.callsTo('chat.update').filter((c) => c.args.ts === task.slackProgressTs);
      expect(updates.filter((c) => isProgress(c.args)).length).toBeGreaterThanOrEqual(1);
      expect(updates.at(-1)!.args.text).toMatch(/^:white_check_mark: /);
      expect(updates.at(-1)!.ok).toBe(true);
      expect(task.slackDeliveryError).toBeNull();
    });
  });

  it('says in the thread why research failed', async () => {
    await withRig({ handler: () => () => ({ status: 500 }), env: { OPENAI_MAX_RETRIES: '0' } }, async (rig) => {
      const task = await researchInSlack(rig, 'Anyone at all');
      const outcome = rig.slack
        .callsTo('chat.update')
        .filter((c) => c.args.ts === task.slackProgressTs)
        .at(-1);
      expect(outcome?.args.text).toBe(':x: Research failed: the language model failed (HTTP 500), even after retries.');
    });
  });

  it('dismisses a new person only for the requester: to the trash, and the message says so', async () => {
    await withRig({}, async (rig) => {
      const task = await researchInSlack(rig, 'Ledgerly sales');
      // A message that shows two people or more (people are posted as the model writes them).
      const part = resultParts(rig, task.slackThreadTs!).find((p) => p.ok && peopleIn(p).length >= 2)!;
      const [first, second] = peopleIn(part).map((b) => b.slice('person:'.length));
      const amara = await rig.t.app.database.db.contact.findUniqueOrThrow({ where: { id: first } });
      const priya = await rig.t.app.database.db.contact.findUniqueOrThrow({ where: { id: second } });
      // The results message as Slack stored it: chat.update only edits a message that exists.
      const stored = rig.slack.messagesIn('C0RESEARCH').find((m) => m.text === part.args.text)!;
      const dismiss = (userId: string) =>
        pressDismiss(rig, { ts: stored.ts, text: part.args.text, blocks: part.args.blocks }, amara.id, task.id, userId);
      // Bob did not ask for this research and owns nothing: told so, to him alone; nothing changes.
      expect((await dismiss('U0BOB00001')).status).toBe(200);
      const refusal = await eventually(() =>
        rig.slack.responses.find((r) => String(r.body.text).includes('Only the contact')),
      );
      expect(refusal.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
      expect(rig.slack.callsTo('chat.update').find((c) => c.args.ts === stored.ts)).toBeUndefined();
      expect((await rig.t.app.database.db.contact.findUniqueOrThrow({ where: { id: amara.id } })).deletedAt).toBeNull();
      // Alice asked for it: dismissed.
      expect((await dismiss('U0ALICE001')).status).toBe(200);
      const updated = await eventually(() =>
        rig.slack.callsTo('chat.update').find((c) => c.args.ts === stored.ts && c.ok),
      );
      const json = JSON.stringify(updated.args.blocks);
      expect(json).toContain(`~${amara.fullName}~ dismissed by <@U0ALICE001> and moved to the trash`);
      expect(json).not.toContain(`person:${amara.id}`);
      expect(json).toContain(priya.fullName);
      expect((await rig.t.app.database.db.contact.findUniqueOrThrow({ where: { id: amara.id } })).deletedBy).toBe(
        'slack:U0ALICE001',
      );
      expect((await rig.t.api('GET', `/api/contacts/${amara.id}`)).status).toBe(404);

      // Once someone else has worked with a person (here Bob logged a call), Dismiss keeps them.
      await rig.t.app.services.conversations.add(priya.id, { kind: 'call', subject: 'Intro', loggedBy: 'U0BOB00001' });
      await pressDismiss(
        rig,
        { ts: stored.ts, text: part.args.text, blocks: part.args.blocks },
        priya.id,
        task.id,
        'U0ALICE001',
      );
      await eventually(() =>
        rig.slack.responses.find((r) => String(r.body.text).includes('Others have worked with this contact')),
      );
      expect((await rig.t.app.database.db.contact.findUniqueOrThrow({ where: { id: priya.id } })).deletedAt).toBeNull();
    });
  });

  it('strikes an already-known person from the results only for the requester; the contact stays', async () => {
    await withRig({}, async (rig) => {
      const known = await rig.t.app.services.contacts.create({
        fullName: 'Amara Okafor',
        email: 'amara@ledgerly.example',
        ownerId: 'U0BOB00001',
      });
      const task = await researchInSlack(rig, 'Ledgerly sales');
      // The message that shows her (people are posted as the model writes them).
      const part = resultParts(rig, task.slackThreadTs!).find(
        (p) => p.ok && peopleIn(p).includes(`person:${known.contact.id}`),
      )!;
      const stored = rig.slack.messagesIn('C0RESEARCH').find((m) => m.text === part.args.text)!;
      const dismiss = (userId: string) =>
        pressDismiss(
          rig,
          { ts: stored.ts, text: part.args.text, blocks: part.args.blocks },
          known.contact.id,
          task.id,
          userId,
        );
      // Carol neither asked for the research nor is an admin: the shared message is not hers to edit.
      await dismiss('U0CAROL001');
      const refusal = await eventually(() =>
        rig.slack.responses.find((r) => String(r.body.text).includes('Only the person who asked for this research')),
      );
      expect(refusal.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
      expect(rig.slack.callsTo('chat.update').find((c) => c.args.ts === stored.ts)).toBeUndefined();
      // Alice asked: struck from the message, the contact (Bob's) stays.
      await dismiss('U0ALICE001');
      const updated = await eventually(() =>
        rig.slack.callsTo('chat.update').find((c) => c.args.ts === stored.ts && c.ok),
      );
      const json = JSON.stringify(updated.args.blocks);
      expect(json).toContain('~Amara Okafor~ dismissed by <@U0ALICE001>');
      expect(json).not.toContain('moved to the trash');
      expect(
        (await rig.t.app.database.db.contact.findUniqueOrThrow({ where: { id: known.contact.id } })).deletedAt,
      ).toBeNull();
    });
  });

  it('answers plainly when research is not configured; lookup still works', async () => {
    await withRig({ env: { OPENAI_API_KEY: '', OPENAI_BASE_URL: '' } }, async (rig) => {
      const ack = await sendSigned(rig.t.url, slashCommand(rig.slack, '/research', 'Heads of Sales in London'));
      expect(ack.json).toMatchObject({
        response_type: 'ephemeral',
        text: expect.stringContaining('Sorry — research is not configured: set OPENAI_API_KEY'),
      });
      await sendSigned(rig.t.url, slashCommand(rig.slack, '/contacts', ''));
      await eventually(() => rig.slack.callsTo('views.open').length === 1);
    });
  });
});

describe('Socket Mode', () => {
  it('connects with the app token and answers a slash command over the socket', async () => {
    await withRig({ socket: true }, async (rig) => {
      await eventually(() => rig.slack.connected > 0);
      expect(rig.slack.callsTo('apps.connections.open')).toHaveLength(1);
      const ack = await rig.slack.sendEnvelope('slash_commands', {
        token: 'x',
        team_id: 'T0TEST',
        channel_id: 'C0RESEARCH',
        user_id: 'U0ALICE001',
        command: '/contacts',
        text: '',
        api_app_id: 'A0TEST',
        response_url: rig.slack.responseUrl(),
        trigger_id: rig.slack.trigger(),
      });
      expect(ack ?? {}).toEqual({});
      await eventually(() => rig.slack.callsTo('views.open').find((c) => c.args.view.callback_id === 'contact_search'));
      // HTTP mode's endpoint is not served in Socket Mode.
      expect((await fetch(`${rig.t.url}/slack/events`, { method: 'POST' })).status).toBe(404);
    });
  });
});

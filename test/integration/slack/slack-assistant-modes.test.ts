import { describe, expect, it } from 'vitest';

import type { ChatReply } from '../../support/fake-openai.js';
import { BOT_USER, SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, startFakeSlack } from '../../support/fake-slack.js';
import { assistantOrResearch, currentTurn, isAssistantRequest } from '../../support/scripted-assistant.js';
import { eventually, startSlackRig } from '../../support/slack-app.js';
import { appHomeOpened, appMention, eventCallback, imMessage, nextTs, sendEvent } from '../../support/slack-events.js';
import { startTestApp } from '../../support/test-app.js';

const ALICE = 'U0ALICE001';

describe('the assistant in Socket Mode', () => {
  it('answers a DM and publishes the Home tab over the socket', { timeout: 60_000 }, async () => {
    const rig = await startSlackRig({
      socket: true,
      handler: () => assistantOrResearch(() => ({ content: 'unused' })),
    });
    try {
      await rig.t.app.services.contacts.create({ fullName: 'Dana Scully', title: 'VP Sales', company: 'Northwind' });
      await eventually(() => rig.slack.connected > 0);
      const ts = nextTs();
      const ack = await rig.slack.sendEnvelope(
        'events_api',
        JSON.parse(
          eventCallback(imMessage({ user: ALICE, channel: 'D0SOCKET01', text: 'Who do we know at Northwind?', ts })),
        ),
      );
      expect(ack ?? {}).toEqual({});
      const answer = await eventually(() =>
        rig.slack.callsTo('chat.postMessage').find((c) => c.args.channel === 'D0SOCKET01' && c.args.thread_ts === ts),
      );
      expect(answer.args.text).toContain('Dana Scully');
      await rig.slack.sendEnvelope(
        'events_api',
        JSON.parse(eventCallback(appHomeOpened({ user: ALICE, channel: 'D0SOCKET01' }))),
      );
      await eventually(() => rig.slack.surfaces.homes.get(ALICE));
    } finally {
      await rig.close();
    }
  });
});

describe('stopping the app', () => {
  it('finishes answers already acknowledged before closing the database', { timeout: 60_000 }, async () => {
    const rig = await startSlackRig({
      latencyMs: 400,
      handler: () => assistantOrResearch(() => ({ content: 'unused' })),
    });
    try {
      const ts = nextTs();
      await sendEvent(
        rig.t.url,
        eventCallback(imMessage({ user: ALICE, channel: 'D0STOP0001', text: 'still there?', ts })),
      );
      await eventually(() => rig.model.requests.length > 0);
      await rig.t.app.stop();
      const answer = rig.slack
        .callsTo('chat.postMessage')
        .find((c) => c.args.channel === 'D0STOP0001' && c.args.thread_ts === ts);
      expect(answer?.args.text).toBe('You said: still there?');
    } finally {
      await rig.close();
    }
  });
});

describe('the assistant without a model', () => {
  it('says in the thread that no model is configured and what to set', { timeout: 60_000 }, async () => {
    const slack = await startFakeSlack();
    const t = await startTestApp({ env: { SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_API_URL: slack.apiUrl } });
    try {
      const ts = nextTs();
      expect(
        (
          await sendEvent(
            t.url,
            eventCallback(
              appMention({
                user: ALICE,
                channel: 'C0SALES01',
                text: `<@${BOT_USER}> who do we know at Northwind?`,
                ts,
              }),
            ),
          )
        ).status,
      ).toBe(200);
      const reply = await eventually(() =>
        slack.callsTo('chat.postMessage').find((c) => c.args.channel === 'C0SALES01' && c.args.thread_ts === ts),
      );
      expect(reply.args.text).toMatch(/no language model is configured.*OPENAI_API_KEY/);
    } finally {
      await t.close();
      await slack.close();
    }
  });
});

describe('hostile and oversized input', () => {
  it(
    'bounds a huge question, escapes what the model says, and survives a model that misuses its tools',
    { timeout: 60_000 },
    async () => {
      const huge = `Who is ${'very '.repeat(10_000)}important?`;
      const script = (request: Parameters<typeof isAssistantRequest>[0]): ChatReply => {
        const { question, results } = currentTurn(request);
        if (question.startsWith('misuse')) {
          if (results.length === 0)
            return {
              toolCalls: [
                { name: 'delete_everything', arguments: {} },
                { name: 'get_contact', arguments: '{not json' },
                {
                  name: 'update_contact',
                  arguments: { contactId: '00000000-0000-7000-8000-000000000000', changes: { email: 'x@y.example' } },
                },
                { name: 'search_contacts', arguments: { query: '' } },
              ],
            };
          return { content: `Tool results: ${results.join(' | ')}` };
        }
        if (question.startsWith('shout')) return { content: `<!channel> & <@U0ALICE001> ${'x'.repeat(30_000)}` };
        return { content: `length ${question.length}` };
      };
      const rig = await startSlackRig({
        handler: () => (request, n) => (isAssistantRequest(request) ? script(request) : { content: String(n) }),
      });
      try {
        const ask = async (text: string) => {
          const ts = nextTs();
          expect(
            (await sendEvent(rig.t.url, eventCallback(imMessage({ user: ALICE, channel: 'D0HOSTILE1', text, ts }))))
              .status,
          ).toBe(200);
          return eventually(() =>
            rig.slack.callsTo('chat.postMessage').find((c) => c.args.thread_ts === ts && c.ok !== undefined),
          );
        };
        expect((await ask(huge)).args.text).toBe('length 4000');

        const shouted = await ask('shout please');
        expect(shouted.ok).toBe(true);
        expect(shouted.args.text).not.toContain('<!channel>');
        expect(JSON.stringify(shouted.args.blocks)).not.toContain('<!channel>');
        expect(JSON.stringify(shouted.args.blocks)).toContain('&lt;!channel&gt;');

        const misused = await ask('misuse the tools');
        expect(misused.ok).toBe(true);
        for (const text of ['there is no tool "delete_everything"', 'not valid JSON', 'does not exist', 'query:'])
          expect(misused.args.text).toContain(text);
        expect(await rig.t.app.database.db.assistantAction.count()).toBe(0);
      } finally {
        await rig.close();
      }
    },
  );
});

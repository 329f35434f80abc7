import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startAppProcess, type AppProcess } from '../../support/app-process.js';
import { startFakeOpenAI, type FakeOpenAI } from '../../support/fake-openai.js';
import { SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, startFakeSlack, type FakeSlack } from '../../support/fake-slack.js';
import { scriptedAssistant } from '../../support/scripted-assistant.js';
import { eventually } from '../../support/slack-app.js';
import { eventCallback, imMessage, nextTs, sendEvent } from '../../support/slack-events.js';
import { TEST_TOKEN } from '../../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';

// The app in its own process, as deployed: the acknowledgements measured are the app's, not
// those of a test process that also plays Slack and the model.
let database: TestDatabase;
let slack: FakeSlack;
let model: FakeOpenAI;
let app: AppProcess;
beforeAll(async () => {
  database = await createTestDatabase();
  slack = await startFakeSlack();
  // A model that answers in 200 ms — far faster than any real one — so the app's own work, not
  // an instant fake, is what competes with the acknowledgements.
  model = await startFakeOpenAI(scriptedAssistant, { latencyMs: 200 });
  app = await startAppProcess(database.url, {
    ADMIN_API_TOKEN: TEST_TOKEN,
    SLACK_BOT_TOKEN,
    SLACK_SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    OPENAI_API_KEY: 'sk-test',
    OPENAI_BASE_URL: model.baseUrl,
  });
  for (const contact of [
    { fullName: 'Dana Scully', title: 'VP Sales', company: 'Northwind' },
    { fullName: 'Fox Mulder', company: 'Northwind' },
  ]) {
    const res = await fetch(`${app.url}/api/contacts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(contact),
    });
    expect(res.status).toBe(201);
  }
}, 120_000);
afterAll(async () => {
  app?.child.kill('SIGTERM');
  await app?.exited;
  await model?.close();
  await slack?.close();
  await database?.drop();
});

describe('the assistant under load', () => {
  it(
    "answers 50 concurrent conversations, each acknowledged within Slack's 3 seconds and answered once",
    { timeout: 120_000 },
    async () => {
      // One conversation first, as a running app has had: the burst measures a warm process.
      const warm = { user: 'U0WARM0001', channel: 'D0WARM0001', ts: nextTs() };
      await sendEvent(app.url, eventCallback(imMessage({ ...warm, text: 'Who do we know at Northwind?' })));
      await eventually(() => slack.callsTo('chat.postMessage').some((c) => c.args.channel === warm.channel), 30_000);
      // And events it has handled before: on this shared 2-core machine a cold process spends its
      // first seconds compiling (the first burst of no-op events takes as long as the conversations).
      for (let round = 0; round < 2; round += 1) {
        await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            sendEvent(
              app.url,
              eventCallback({
                type: 'app_home_opened',
                user: `U0WARM${String(i).padStart(4, '0')}`,
                channel: 'D0WARM0001',
                tab: 'messages',
              }),
            ),
          ),
        );
      }
      const asks = Array.from({ length: 50 }, (_, i) => ({
        user: `U0LOAD${String(i).padStart(4, '0')}`,
        channel: `D0LOAD${String(i).padStart(4, '0')}`,
        ts: nextTs(),
      }));
      const acks = await Promise.all(
        asks.map((a) => sendEvent(app.url, eventCallback(imMessage({ ...a, text: 'Who do we know at Northwind?' })))),
      );
      console.log(
        'assistant burst ack ms',
        acks
          .map((a) => Math.round(a.ms))
          .sort((a, b) => a - b)
          .join(' '),
      );
      for (const ack of acks) {
        expect(ack.status).toBe(200);
        // https://docs.slack.dev/apis/events-api/#responding — respond within 3 seconds or Slack retries.
        expect(ack.ms).toBeLessThan(3_000);
      }
      const answers = (a: (typeof asks)[number]) =>
        slack.callsTo('chat.postMessage').filter((c) => c.args.channel === a.channel && c.args.thread_ts === a.ts);
      await eventually(() => asks.every((a) => answers(a).length === 1), 90_000);
      for (const a of asks) expect(answers(a)[0]!.args.text).toContain('Dana Scully');
      await new Promise((r) => setTimeout(r, 300));
      expect(asks.every((a) => answers(a).length === 1)).toBe(true);
    },
  );
});

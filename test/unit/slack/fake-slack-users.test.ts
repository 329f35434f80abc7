import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { SLACK_BOT_TOKEN, startFakeSlack, type FakeSlack } from '../../support/fake-slack.js';

let slack: FakeSlack;
beforeAll(async () => {
  slack = await startFakeSlack();
});
afterAll(() => slack?.close());

describe('users.info in the fake Slack (https://api.slack.com/types/user)', () => {
  it("answers the user's time zone as Slack does: tz (IANA), tz_label, tz_offset in seconds east of UTC", async () => {
    const client = new WebClient(SLACK_BOT_TOKEN, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
    slack.setUserTimezone('U0KOLKATA1', 'Asia/Kolkata');
    const kolkata = (await client.users.info({ user: 'U0KOLKATA1' })).user as {
      tz: string;
      tz_label: string;
      tz_offset: number;
    };
    expect(kolkata).toMatchObject({ tz: 'Asia/Kolkata', tz_label: 'India Standard Time', tz_offset: 19_800 });
    slack.setUserTimezone('U0LA000001', 'America/Los_Angeles');
    const la = (await client.users.info({ user: 'U0LA000001' })).user as { tz_offset: number };
    expect([-28_800, -25_200]).toContain(la.tz_offset); // PST or PDT
  });
});

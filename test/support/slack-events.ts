import { randomBytes } from 'node:crypto';

import { BOT_USER, notePersonMessage, slackSignature } from './fake-slack.js';

/**
 * An Events API `event_callback` envelope as Slack sends it (JSON).
 * https://docs.slack.dev/apis/events-api/#callback-field
 */
export function eventCallback(
  event: Record<string, unknown>,
  eventId = `Ev${randomBytes(5).toString('hex').toUpperCase()}`,
): string {
  const now = Math.floor(Date.now() / 1000);
  return JSON.stringify({
    token: 'legacy-verification-token',
    team_id: 'T0TEST',
    api_app_id: 'A0TEST',
    event: { event_ts: `${now}.000100`, ...event },
    type: 'event_callback',
    event_id: eventId,
    event_time: now,
    authorizations: [
      { enterprise_id: null, team_id: 'T0TEST', user_id: BOT_USER, is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
  });
}

/**
 * POSTs a signed event to /slack/events. A redelivery carries X-Slack-Retry-Num and
 * X-Slack-Retry-Reason (https://docs.slack.dev/apis/events-api/#retries); Slack waits 3 s for the 200.
 */
export async function sendEvent(
  appUrl: string,
  body: string,
  options: { retryNum?: number; retryReason?: string } = {},
) {
  const timestamp = Math.floor(Date.now() / 1000);
  const { event } = JSON.parse(body) as {
    event?: {
      type?: string;
      channel?: string;
      ts?: string;
      text?: string;
      user?: string;
      assistant_thread?: { channel_id: string; thread_ts: string; user_id: string };
    };
  };
  if ((event?.type === 'message' || event?.type === 'app_mention') && event.channel && event.ts)
    notePersonMessage(event.channel, event.ts, event.text ?? '', event.user ?? '');
  // An assistant thread starts at a message Slack itself posts in the app's DM.
  if (event?.type === 'assistant_thread_started' && event.assistant_thread)
    notePersonMessage(
      event.assistant_thread.channel_id,
      event.assistant_thread.thread_ts,
      '',
      event.assistant_thread.user_id,
    );
  const started = performance.now();
  const res = await fetch(`${appUrl}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': slackSignature(body, timestamp),
      ...(options.retryNum !== undefined
        ? {
            'x-slack-retry-num': String(options.retryNum),
            'x-slack-retry-reason': options.retryReason ?? 'http_timeout',
          }
        : {}),
    },
    body,
  });
  await res.text();
  return { status: res.status, ms: performance.now() - started };
}

let seq = 0;
/** A fresh message ts, as Slack makes them. */
export const nextTs = () => `${1_900_000_000 + ++seq}.${String(seq).padStart(6, '0')}`;

/** https://docs.slack.dev/reference/events/app_mention */
export const appMention = (input: { user: string; channel: string; text: string; ts?: string; threadTs?: string }) => ({
  type: 'app_mention',
  user: input.user,
  text: input.text,
  ts: input.ts ?? nextTs(),
  channel: input.channel,
  ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
});

/** https://docs.slack.dev/reference/events/message.im */
export const imMessage = (input: {
  user: string;
  channel: string;
  text: string;
  ts?: string;
  threadTs?: string;
  botId?: string;
  subtype?: string;
}) => ({
  type: 'message',
  channel: input.channel,
  user: input.user,
  text: input.text,
  ts: input.ts ?? nextTs(),
  channel_type: 'im',
  ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
  ...(input.botId ? { bot_id: input.botId } : {}),
  ...(input.subtype ? { subtype: input.subtype } : {}),
});

/** https://docs.slack.dev/reference/events/assistant_thread_started */
export const assistantThreadStarted = (input: {
  user: string;
  channel: string;
  threadTs: string;
  contextChannel?: string;
}) => ({
  type: 'assistant_thread_started',
  assistant_thread: {
    user_id: input.user,
    context: {
      ...(input.contextChannel ? { channel_id: input.contextChannel } : {}),
      team_id: 'T0TEST',
      enterprise_id: null,
    },
    channel_id: input.channel,
    thread_ts: input.threadTs,
  },
});

/** https://docs.slack.dev/reference/events/app_home_opened */
export const appHomeOpened = (input: { user: string; channel: string; tab?: 'home' | 'messages' }) => ({
  type: 'app_home_opened',
  user: input.user,
  channel: input.channel,
  tab: input.tab ?? 'home',
});

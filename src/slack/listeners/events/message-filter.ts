import type { IncomingQuestion } from './conversation.js';
import { questionText } from './slack-text.js';

/** The parts of a Slack `message` / `app_mention` event this app reads. */
export interface MessageLike {
  type?: string;
  subtype?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  ts?: string;
  thread_ts?: string;
  channel?: string;
  channel_type?: string;
}

/**
 * A message a person wrote (not an edit, a deletion, a join, or any bot's message — our own
 * included: answering ourselves would loop). https://docs.slack.dev/reference/events/message
 */
export function personMessage(
  event: MessageLike,
  botUserId: string | undefined,
): (MessageLike & { user: string; ts: string; channel: string }) | undefined {
  if (event.subtype !== undefined && event.subtype !== 'file_share') return undefined;
  if (event.bot_id || !event.user || !event.ts || !event.channel) return undefined;
  if (botUserId && event.user === botUserId) return undefined;
  return event as MessageLike & { user: string; ts: string; channel: string };
}

/**
 * The question a person's message asks, to be answered in its thread (the message's own when it
 * started none); undefined for what `personMessage` leaves out.
 */
export function questionIn(event: MessageLike, botUserId: string | undefined): IncomingQuestion | undefined {
  const m = personMessage(event, botUserId);
  if (!m) return undefined;
  return {
    userId: m.user,
    channelId: m.channel,
    threadTs: m.thread_ts ?? m.ts,
    messageTs: m.ts,
    text: questionText(m.text ?? '', botUserId),
  };
}

import type { SlackContext } from '../../slack-context.js';
import type { EventCallback } from '../callbacks.js';
import { answerInThread } from './conversation.js';
import { personMessage, type MessageLike } from './message-filter.js';
import { questionText } from './slack-text.js';

/**
 * `@PersonableCRM …` in a channel (answered in the mention's thread) and direct messages to the
 * bot (answered in a thread under the message). IM messages already in a thread are Bolt
 * Assistant's (see assistant.events.ts).
 * https://docs.slack.dev/reference/events/app_mention · https://docs.slack.dev/reference/events/message.im
 */
export function appMention(ctx: SlackContext): EventCallback<'app_mention'> {
  return async ({ event, client, context }) => {
    const m = personMessage({ ...(event as MessageLike), channel: event.channel }, context.botUserId);
    if (!m) return;
    await answerInThread(ctx, client, {
      userId: m.user,
      channelId: m.channel,
      threadTs: m.thread_ts ?? m.ts,
      messageTs: m.ts,
      text: questionText(m.text ?? '', context.botUserId),
    });
  };
}

/** A direct message to the bot (not in a thread: those are the assistant panel's). */
export function directMessage(ctx: SlackContext): EventCallback<'message'> {
  return async ({ event, client, context }) => {
    const e = event as MessageLike;
    if (e.channel_type !== 'im') return;
    const m = personMessage(e, context.botUserId);
    if (!m) return;
    await answerInThread(ctx, client, {
      userId: m.user,
      channelId: m.channel,
      threadTs: m.thread_ts ?? m.ts,
      messageTs: m.ts,
      text: questionText(m.text ?? '', context.botUserId),
    });
  };
}

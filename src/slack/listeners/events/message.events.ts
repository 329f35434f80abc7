import type { SlackContext } from '../../slack-context.js';
import type { EventCallback } from '../callbacks.js';
import { answerInThread } from './conversation.js';
import { questionIn, type MessageLike } from './message-filter.js';

/**
 * `@PersonableCRM …` in a channel (answered in the mention's thread) and direct messages to the
 * bot (answered in a thread under the message). IM messages already in a thread are Bolt
 * Assistant's (see assistant.events.ts).
 * https://docs.slack.dev/reference/events/app_mention · https://docs.slack.dev/reference/events/message.im
 */
export function appMention(ctx: SlackContext): EventCallback<'app_mention'> {
  return async ({ event, client, context }) => {
    const question = questionIn({ ...(event as MessageLike), channel: event.channel }, context.botUserId);
    if (question) await answerInThread(ctx, client, question);
  };
}

/** A direct message to the bot (not in a thread: those are the assistant panel's). */
export function directMessage(ctx: SlackContext): EventCallback<'message'> {
  return async ({ event, client, context }) => {
    const e = event as MessageLike;
    if (e.channel_type !== 'im') return;
    const question = questionIn(e, context.botUserId);
    if (question) await answerInThread(ctx, client, question);
  };
}

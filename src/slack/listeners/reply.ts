import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';

import type { Logger } from '../../logging/logger.js';
import { describeForUser } from '../slack-errors.js';

/**
 * Tells the person who acted, in plain words, what went wrong — through `respond` (an ephemeral
 * reply where Slack gave a response URL), an ephemeral message in the channel, or, when neither
 * reaches them (a global shortcut, a modal, a channel the bot is not in), a message in the app's
 * DM with them (chat.postMessage with their user ID as the channel).
 */
export async function tellUser(
  error: unknown,
  target: { logger: Logger; respond?: RespondFn; client?: WebClient; channelId?: string; userId?: string },
): Promise<void> {
  const { text, expected } = describeForUser(error);
  if (expected) target.logger.info({ err: error }, 'Slack interaction refused');
  else target.logger.error({ err: error }, 'Slack interaction failed');
  await tellUserText(text, target);
}

/** Sends `text` to the person by the first way that works (see tellUser). */
export async function tellUserText(
  text: string,
  target: { logger: Logger; respond?: RespondFn; client?: WebClient; channelId?: string; userId?: string },
): Promise<boolean> {
  const ways: (() => Promise<unknown>)[] = [];
  if (target.respond) ways.push(() => target.respond!({ response_type: 'ephemeral', replace_original: false, text }));
  if (target.client && target.channelId && target.userId)
    ways.push(() => target.client!.chat.postEphemeral({ channel: target.channelId!, user: target.userId!, text }));
  if (target.client && target.userId)
    ways.push(() => target.client!.chat.postMessage({ channel: target.userId!, text }));
  for (const way of ways) {
    try {
      await way();
      return true;
    } catch (reportError) {
      target.logger.warn({ err: reportError }, 'could not tell the user this way; trying the next');
    }
  }
  if (ways.length === 0) target.logger.warn('no way to tell the user about an error');
  return false;
}

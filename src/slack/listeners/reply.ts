import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../logging/logger.js';
import { describeForUser } from '../slack-errors.js';

/**
 * Tells the person who acted, in plain words, what went wrong — through `respond` (an ephemeral
 * reply where Slack gave a response URL) or an ephemeral message in the channel.
 */
export async function tellUser(
  error: unknown,
  target: { logger: Logger; respond?: RespondFn; client?: WebClient; channelId?: string; userId?: string },
): Promise<void> {
  const { text, expected } = describeForUser(error);
  if (expected) target.logger.info({ err: error }, 'Slack interaction refused');
  else target.logger.error({ err: error }, 'Slack interaction failed');
  try {
    if (target.respond) await target.respond({ response_type: 'ephemeral', replace_original: false, text });
    else if (target.client && target.channelId && target.userId) await target.client.chat.postEphemeral({ channel: target.channelId, user: target.userId, text });
  } catch (reportError) {
    target.logger.warn({ err: reportError }, 'could not tell the user about an error');
  }
}

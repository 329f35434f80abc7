import type { AckFn, ViewResponseAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';

import type { Logger } from '../../../logging/logger.js';
import { describeForUser } from '../../slack-errors.js';
import { tellUser } from '../reply.js';

type Ack = AckFn<void> | AckFn<ViewResponseAction>;

/**
 * Runs a view_submission handler so that a failure always reaches the person: before the ack it
 * becomes an error under the form's first input (an ack within Slack's 3 s, instead of Slack's
 * generic "We had some trouble connecting"); after the ack, a message in the app's DM.
 */
export async function guardedSubmission(
  input: { ack: Ack; logger: Logger; client: WebClient; userId: string; firstBlock: string },
  handler: (ack: Ack) => Promise<void>,
): Promise<void> {
  let acked = false;
  const ack: Ack = async (response?: ViewResponseAction) => {
    acked = true;
    await (input.ack as AckFn<ViewResponseAction>)(response);
  };
  try {
    await handler(ack);
  } catch (error) {
    if (!acked) {
      const { text, expected } = describeForUser(error);
      if (expected) input.logger.info({ err: error }, 'form refused');
      else input.logger.error({ err: error }, 'form submission failed');
      await (input.ack as AckFn<ViewResponseAction>)({
        response_action: 'errors',
        errors: { [input.firstBlock]: text.slice(0, 150) },
      });
      return;
    }
    await tellUser(error, { logger: input.logger, client: input.client, userId: input.userId });
  }
}

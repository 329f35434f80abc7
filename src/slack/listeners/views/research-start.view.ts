import { ResearchRequestSchema } from '../../../research/research-task.schemas.js';
import type { SlackContext } from '../../slack-context.js';
import type { ViewSubmissionCallback } from '../callbacks.js';
import { tellUser } from '../reply.js';
import { readMetadata } from '../view-metadata.js';
import { guardedSubmission } from './guarded-submission.js';
import { fieldErrorsFor, inputValue } from './view-input.js';

/** The research launcher submitted: validated like the API's request, then announced in the channel. */
export function researchStartSubmission(ctx: SlackContext): ViewSubmissionCallback {
  return async ({ ack: rawAck, view, body, client }) =>
    guardedSubmission(
      { ack: rawAck, logger: ctx.logger, client, userId: body.user.id, firstBlock: 'query' },
      async (ack) => {
        const meta = readMetadata(view.private_metadata);
        if (!meta || meta.openedBy !== body.user.id) {
          await ack({ response_action: 'errors', errors: { query: 'This form was opened by someone else.' } });
          return;
        }
        if (ctx.research.disabledReason) {
          await ack({ response_action: 'errors', errors: { query: `Sorry — ${ctx.research.disabledReason}.` } });
          return;
        }
        const channelId = meta.channelId ?? inputValue(view, 'channel');
        const parsed = ResearchRequestSchema.safeParse({
          query: inputValue(view, 'query') ?? '',
          maxContacts: Number(inputValue(view, 'maxContacts') ?? ctx.maxContacts),
          company: inputValue(view, 'company'),
          location: inputValue(view, 'location'),
        });
        if (!parsed.success) {
          await ack({
            response_action: 'errors',
            errors: fieldErrorsFor(parsed.error, ['query', 'maxContacts', 'company', 'location']),
          });
          return;
        }
        if (!channelId) {
          await ack({ response_action: 'errors', errors: { channel: 'Choose where to post the results.' } });
          return;
        }
        await ack();
        await ctx.afterAck.run(async () => {
          try {
            await ctx.delivery.startInChannel(
              { ...parsed.data, maxContacts: Math.min(parsed.data.maxContacts ?? ctx.maxContacts, ctx.maxContacts) },
              body.user.id,
              channelId,
            );
          } catch (error) {
            await tellUser(error, { logger: ctx.logger, client, channelId, userId: body.user.id });
          }
        });
      },
    );
}

import type { SlackContext } from '../../slack-context.js';
import type { ActionCallback } from '../callbacks.js';
import { tellUser } from '../reply.js';
import { readMetadata } from '../view-metadata.js';

/**
 * Enrich (contact detail view, or a contact's card in a message): researches the contact again.
 * What it finds is posted where it was asked for — in the thread of the message the button was on,
 * or, from a modal or the Home tab, in the person's DM with the app — by the research delivery.
 */
export function contactEnrich(ctx: SlackContext): ActionCallback {
  return async ({ ack, action, body, client, respond }) => {
    await ack();
    await ctx.afterAck.run(async () => {
      const userId = body.user.id;
      const contactId = action.value ?? '';
      try {
        const meta = body.view ? readMetadata(body.view.private_metadata) : undefined;
        const message = body.message as { ts?: string; thread_ts?: string } | undefined;
        const channelId = body.view ? meta?.channelId : body.channel?.id;
        const threadTs = body.view ? meta?.threadTs : (message?.thread_ts ?? message?.ts);
        if (channelId && threadTs) await ctx.delivery.enrichInThread(contactId, userId, channelId, threadTs);
        else await ctx.delivery.enrichInChannel(contactId, userId, channelId ?? userId);
      } catch (error) {
        await tellUser(error, {
          logger: ctx.logger,
          respond: body.view ? undefined : respond,
          client,
          userId,
          channelId: body.channel?.id ?? userId,
        });
      }
    });
  };
}

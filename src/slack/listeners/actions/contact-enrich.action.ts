import { escapeText } from '../../blocks/block-kit.js';
import type { SlackContext } from '../../slack-context.js';
import { tellUser } from '../reply.js';
import type { ActionCallback } from '../callbacks.js';

/** Enrich (contact detail view): researches the contact again; the person is told it started. */
export function contactEnrich(ctx: SlackContext): ActionCallback {
  return async ({ ack, action, body, client, respond }) => {
    await ack();
    await ctx.afterAck.run(async () => {
      try {
        const task = await ctx.research.enrich(action.value ?? '', { requestedBy: body.user.id });
        const contact = await ctx.contacts.get(action.value ?? '');
        const text = `Researching ${escapeText(contact.fullName)} again (task ${task.id}). Empty fields will be filled; a value that differs from what is known is reported on the task, not overwritten.`;
        if (body.channel?.id) await client.chat.postEphemeral({ channel: body.channel.id, user: body.user.id, text });
        else await client.chat.postMessage({ channel: body.user.id, text });
      } catch (error) {
        await tellUser(error, { logger: ctx.logger, respond: body.view ? undefined : respond, client, userId: body.user.id, channelId: body.channel?.id ?? body.user.id });
      }
    });
  };
}

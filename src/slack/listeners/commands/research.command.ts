import { ResearchRequestSchema } from '../../../research/research-task.schemas.js';
import { fromSlackText } from '../../blocks/block-kit.js';
import { researchModalView } from '../../blocks/research-modal.builder.js';
import type { SlackContext } from '../../slack-context.js';
import type { CommandCallback } from '../callbacks.js';
import { tellUser } from '../reply.js';

/** `/research <query>`: acknowledged at once, then announced in the channel; no text opens the launcher. */
export function researchCommand(ctx: SlackContext): CommandCallback {
  return async ({ ack, command, client, respond }) => {
    // Slack sends the text escaped (&amp; &lt; &gt;) with mentions and links as markup: read it as the person wrote it.
    const text = fromSlackText(command.text).trim();
    if (ctx.research.disabledReason) {
      await ack({ response_type: 'ephemeral', text: `Sorry — ${ctx.research.disabledReason}.` });
      return;
    }
    if (!text) {
      await ack();
      try {
        await client.views.open({
          trigger_id: command.trigger_id,
          view: researchModalView({
            maxContacts: ctx.maxContacts,
            defaultCount: Math.min(5, ctx.maxContacts),
            meta: { openedBy: command.user_id, channelId: command.channel_id },
          }),
        });
      } catch (error) {
        await tellUser(error, { logger: ctx.logger, respond, client, userId: command.user_id });
      }
      return;
    }
    const parsed = ResearchRequestSchema.safeParse({ query: text });
    if (!parsed.success) {
      const problem = parsed.error.issues[0]!.message;
      await ack({
        response_type: 'ephemeral',
        text: `Your query ${problem}. Try something like \`/research Heads of Sales at fintech startups in London\`.`,
      });
      return;
    }
    await ack();
    await ctx.afterAck.run(async () => {
      try {
        await ctx.delivery.startInChannel(parsed.data, command.user_id, command.channel_id);
      } catch (error) {
        await tellUser(error, { logger: ctx.logger, respond, client, userId: command.user_id });
      }
    });
  };
}

import type { Decision } from '../../../assistant/pending-actions.js';
import { decidedProposal } from '../../blocks/assistant-messages.builder.js';
import type { SlackContext } from '../../slack-context.js';
import type { ActionCallback } from '../callbacks.js';
import { tellUser } from '../reply.js';

/**
 * Confirm / Cancel under a change the assistant proposed. The button carries only the proposal's
 * ID; the stored proposal is applied, and only when the person who asked clicks.
 */
function assistantDecision(ctx: SlackContext, confirm: boolean): ActionCallback {
  return async ({ ack, action, body, client, respond }) => {
    await ack();
    const userId = body.user.id;
    try {
      const id = action.value ?? '';
      const decision: Decision = confirm
        ? await ctx.pending.confirm(id, userId, {
            services: { contacts: ctx.contacts, conversations: ctx.conversations, research: ctx.research },
            clock: ctx.clock,
            startResearch: (request, where) =>
              ctx.delivery.startInThread(request, where.userId, where.channelId, where.threadTs),
            startEnrichment: (contactId, where) =>
              ctx.delivery.enrichInThread(contactId, where.userId, where.channelId, where.threadTs),
          })
        : await ctx.pending.cancel(id, userId);
      if (decision.outcome === 'failed' && decision.cause)
        ctx.logger.error({ err: decision.cause, proposalId: id }, 'confirmed change failed');
      if (decision.outcome === 'not_yours') {
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: `Only <@${decision.requestedBy}>, who asked, can confirm or cancel this.`,
        });
        return;
      }
      if (decision.outcome === 'not_found') {
        await respond({ response_type: 'ephemeral', replace_original: false, text: 'This proposal no longer exists.' });
        return;
      }
      if (decision.outcome === 'already_decided') {
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: `This was already ${decision.status === 'cancelled' ? 'cancelled' : 'confirmed'}.`,
        });
        return;
      }
      const message = body.message as
        { ts?: string; blocks?: { type: string; text?: { text?: string } }[] } | undefined;
      const preview =
        message?.blocks?.find((b) => b.type === 'section')?.text?.text?.replace(/^\*Proposed change\*[^\n]*\n/, '') ??
        'Proposed change';
      const container = body.container as { channel_id?: string } | undefined;
      const channel = body.channel?.id ?? container?.channel_id;
      if (message?.ts && channel) {
        const shown = decidedProposal(unescape(preview), decision, userId);
        await client.chat.update({ channel, ts: message.ts, text: shown.text, blocks: shown.blocks });
      }
      if (decision.outcome === 'done') void ctx.home.refresh(userId);
    } catch (error) {
      await tellUser(error, { logger: ctx.logger, respond });
    }
  };
}

export const assistantConfirm = (ctx: SlackContext): ActionCallback => assistantDecision(ctx, true);
export const assistantCancel = (ctx: SlackContext): ActionCallback => assistantDecision(ctx, false);

/** The preview was shown escaped; the decided message escapes it again. */
const unescape = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

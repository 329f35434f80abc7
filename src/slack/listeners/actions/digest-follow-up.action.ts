import type { OverflowAction } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';

import { slackActor } from '../../../crm/history/contact-history.js';
import { contactDetailView } from '../../blocks/contact-modals.builder.js';
import { followUpDoneNote } from '../../blocks/digest.builder.js';
import type { SlackContext } from '../../slack-context.js';
import type { ActionCallback } from '../callbacks.js';
import { tellUser } from '../reply.js';

const SNOOZE_DAYS = 7;

/** A due follow-up in the digest or on the Home tab: View, Mark done (logs a note, clears the date), Snooze a week. */
export function digestFollowUp(ctx: SlackContext): ActionCallback<OverflowAction> {
  return async ({ ack, action, body, client, respond }) => {
    await ack();
    try {
      const [what, contactId = ''] = action.selected_option.value.split(':');
      if (what === 'view') {
        await client.views.open({
          trigger_id: body.trigger_id,
          view: contactDetailView(await ctx.contacts.get(contactId), { openedBy: body.user.id }),
        });
        return;
      }
      let note: KnownBlock;
      if (what === 'done') {
        const { fullName } = await ctx.followUps.markDone(contactId, body.user.id);
        note = followUpDoneNote(fullName, body.user.id, 'done');
      } else if (what === 'snooze') {
        const { fullName, nextFollowUpAt } = await ctx.followUps.snooze(
          contactId,
          SNOOZE_DAYS,
          slackActor(body.user.id),
        );
        note = followUpDoneNote(fullName, body.user.id, 'snoozed', nextFollowUpAt.toISOString().slice(0, 10));
      } else {
        return;
      }
      // The same menu is on the Home tab: show the change there too.
      void ctx.home.refresh(body.user.id);
      const message = body.message as { ts: string; text?: string; blocks?: KnownBlock[] } | undefined;
      if (!message || !body.channel) {
        // An ephemeral message (Slack sends no `message` for one, and chat.update cannot edit it): say it through its
        // response_url.
        const line = (note as { elements?: { text?: string }[] }).elements?.[0]?.text ?? 'Done.';
        await respond({ response_type: 'ephemeral', replace_original: false, text: line });
        return;
      }
      const blocks = (message.blocks ?? []).map((b) => (b.block_id === `followup:${contactId}` ? note : b));
      await client.chat.update({ channel: body.channel.id, ts: message.ts, text: message.text ?? 'Digest', blocks });
    } catch (error) {
      await tellUser(error, { logger: ctx.logger, respond, client, userId: body.user.id, channelId: body.channel?.id });
    }
  };
}

import { fromSlackText } from '../../blocks/block-kit.js';
import { researchModalView } from '../../blocks/research-modal.builder.js';
import type { SlackContext } from '../../slack-context.js';
import type { GlobalShortcutCallback, MessageShortcutCallback } from '../callbacks.js';
import { tellUser } from '../reply.js';

/** "Research people" (global): the launcher modal. */
export function researchShortcut(ctx: SlackContext): GlobalShortcutCallback {
  const defaultCount = Math.min(5, ctx.maxContacts);
  return async ({ ack, shortcut, client }) => {
    await ack();
    try {
      await client.views.open({
        trigger_id: shortcut.trigger_id,
        view: researchModalView({
          maxContacts: ctx.maxContacts,
          defaultCount,
          meta: { openedBy: shortcut.user.id },
          disabledReason: ctx.research.disabledReason,
        }),
      });
    } catch (error) {
      // A global shortcut has no channel and no response_url: the app's DM is where the person hears of it.
      await tellUser(error, { logger: ctx.logger, client, userId: shortcut.user.id });
    }
  };
}

/** "Research from this message" (message): the launcher modal, with the message as the query. */
export function researchFromMessageShortcut(ctx: SlackContext): MessageShortcutCallback {
  const defaultCount = Math.min(5, ctx.maxContacts);
  return async ({ ack, shortcut, client, respond }) => {
    await ack();
    try {
      await client.views.open({
        trigger_id: shortcut.trigger_id,
        view: researchModalView({
          // The message's text as stored by Slack (escaped, mentions and links as markup), read as a person wrote it.
          query: fromSlackText(shortcut.message.text ?? '').slice(0, 500),
          maxContacts: ctx.maxContacts,
          defaultCount,
          meta: { openedBy: shortcut.user.id, channelId: shortcut.channel.id },
          disabledReason: ctx.research.disabledReason,
        }),
      });
    } catch (error) {
      await tellUser(error, {
        logger: ctx.logger,
        respond,
        client,
        userId: shortcut.user.id,
        channelId: shortcut.channel.id,
      });
    }
  };
}

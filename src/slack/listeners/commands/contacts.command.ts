import type { WebClient } from '@slack/web-api';

import { fromSlackText } from '../../blocks/block-kit.js';
import { trashMessage } from '../../blocks/contact-history.builder.js';
import { contactImportView } from '../../blocks/contact-import.builder.js';
import { contactSearchView } from '../../blocks/contact-modals.builder.js';
import { digestPreviewMessage } from '../../blocks/digest.builder.js';
import type { SlackContext } from '../../slack-context.js';
import type { CommandCallback } from '../callbacks.js';
import { tellUser } from '../reply.js';

const PAGE = 20;

/** Opens the lookup modal on the first results for `query` (the newest contacts when empty). */
export async function openContactSearch(
  ctx: SlackContext,
  client: WebClient,
  triggerId: string,
  userId: string,
  query: string,
): Promise<void> {
  const page = await ctx.contacts.list({ q: query || undefined, limit: PAGE });
  await client.views.open({
    trigger_id: triggerId,
    view: contactSearchView({
      query,
      results: page.data,
      hasMore: page.nextCursor !== null,
      meta: { openedBy: userId },
    }),
  });
}

/**
 * `/contacts [query]`: the lookup modal. `/contacts digest`: a preview of the next digest;
 * `/contacts trash`: the trash with Restore — each for the asker only. `/contacts import`: the CSV import modal.
 */
export function contactsCommand(ctx: SlackContext): CommandCallback {
  return async ({ ack, command, client, respond }) => {
    await ack();
    try {
      const text = fromSlackText(command.text).trim();
      if (text.toLowerCase() === 'digest') {
        const preview = digestPreviewMessage(await ctx.digests.preview(command.channel_id));
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: preview.text,
          blocks: preview.blocks,
        });
        return;
      }
      if (text.toLowerCase() === 'import') {
        await client.views.open({
          trigger_id: command.trigger_id,
          view: contactImportView({ openedBy: command.user_id, channelId: command.channel_id }),
        });
        return;
      }
      if (text.toLowerCase() === 'trash') {
        const message = trashMessage(await ctx.contacts.listTrash(24));
        await respond({ response_type: 'ephemeral', replace_original: false, ...message });
        return;
      }
      await openContactSearch(ctx, client, command.trigger_id, command.user_id, text.slice(0, 200));
    } catch (error) {
      await tellUser(error, { logger: ctx.logger, respond, client, userId: command.user_id });
    }
  };
}

import type { App, BlockAction, PlainTextInputAction } from '@slack/bolt';
import { ACTIONS } from '../../blocks/action-ids.js';
import { contactSearchView } from '../../blocks/contact-modals.builder.js';
import type { SlackContext } from '../../slack-context.js';
import { slackErrorCode } from '../../slack-errors.js';
import { readMetadata } from '../view-metadata.js';

/** Search as you type in the lookup modal. */
export function registerContactSearchAction(app: App, ctx: SlackContext): void {
  app.action<BlockAction<PlainTextInputAction>>(ACTIONS.contactSearchInput, async ({ ack, action, body, client }) => {
    await ack();
    if (!body.view) return;
    const meta = readMetadata(body.view.private_metadata) ?? { openedBy: body.user.id };
    const query = (action.value ?? '').trim().slice(0, 200);
    const page = await ctx.contacts.list({ q: query || undefined, limit: 20 });
    try {
      await client.views.update({ view_id: body.view.id, hash: body.view.hash, view: contactSearchView({ query, results: page.data, hasMore: page.nextCursor !== null, meta }) });
    } catch (error) {
      // A newer keystroke's update won the race: its results are the ones to show.
      if (slackErrorCode(error) === 'hash_conflict') return;
      throw error;
    }
  });
}

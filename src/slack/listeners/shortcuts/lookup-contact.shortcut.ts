import type { SlackContext } from '../../slack-context.js';
import type { GlobalShortcutCallback } from '../callbacks.js';
import { openContactSearch } from '../commands/contacts.command.js';
import { tellUser } from '../reply.js';

/** "Look up contact" (global): the lookup modal. */
export function lookupContactShortcut(ctx: SlackContext): GlobalShortcutCallback {
  return async ({ ack, shortcut, client }) => {
    await ack();
    try {
      await openContactSearch(ctx, client, shortcut.trigger_id, shortcut.user.id, '');
    } catch (error) {
      // A global shortcut has no channel and no response_url: the app's DM is where the person hears of it.
      await tellUser(error, { logger: ctx.logger, client, userId: shortcut.user.id });
    }
  };
}

import type { App } from '@slack/bolt';
import { CALLBACKS } from '../../blocks/action-ids.js';
import type { SlackContext } from '../../slack-context.js';
import { openContactSearch } from '../commands/contacts.command.js';
import { tellUser } from '../reply.js';

/** "Look up contact" (global): the lookup modal. */
export function registerLookupShortcut(app: App, ctx: SlackContext): void {
  app.shortcut({ callback_id: CALLBACKS.lookupShortcut, type: 'shortcut' }, async ({ ack, shortcut, client }) => {
    await ack();
    try {
      await openContactSearch(ctx, client, shortcut.trigger_id, shortcut.user.id, '');
    } catch (error) {
      await tellUser(error, { logger: ctx.logger });
    }
  });
}

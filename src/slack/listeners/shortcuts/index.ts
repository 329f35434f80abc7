import type { App } from '@slack/bolt';

import { CALLBACKS } from '../../blocks/action-ids.js';
import type { SlackContext } from '../../slack-context.js';
import { lookupContactShortcut } from './lookup-contact.shortcut.js';
import { researchFromMessageShortcut, researchShortcut } from './research.shortcut.js';

/** Shortcuts (global and message), as manifest.yml declares them: callback_id → callback. */
export function registerShortcuts(app: App, ctx: SlackContext): void {
  app.shortcut({ callback_id: CALLBACKS.researchShortcut, type: 'shortcut' }, researchShortcut(ctx));
  app.shortcut(
    { callback_id: CALLBACKS.researchFromMessage, type: 'message_action' },
    researchFromMessageShortcut(ctx),
  );
  app.shortcut({ callback_id: CALLBACKS.lookupShortcut, type: 'shortcut' }, lookupContactShortcut(ctx));
}

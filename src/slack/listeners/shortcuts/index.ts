import type { App } from '@slack/bolt';

import { CALLBACKS } from '../../blocks/action-ids.js';
import type { SlackContext } from '../../slack-context.js';
import { routeById, type GlobalShortcutCallback, type MessageShortcutCallback } from '../callbacks.js';
import { unknownShortcut } from '../unknown.js';
import { lookupContactShortcut } from './lookup-contact.shortcut.js';
import { researchFromMessageShortcut, researchShortcut } from './research.shortcut.js';

/** Global shortcuts (the lightning menu), as manifest.yml declares them (type global): callback_id → callback. */
export const GLOBAL_SHORTCUTS = {
  [CALLBACKS.researchShortcut]: researchShortcut,
  [CALLBACKS.lookupShortcut]: lookupContactShortcut,
} as const satisfies Record<string, (ctx: SlackContext) => GlobalShortcutCallback>;

/** Message shortcuts (a message's "More actions" menu), as manifest.yml declares them (type message). */
export const MESSAGE_SHORTCUTS = {
  [CALLBACKS.researchFromMessage]: researchFromMessageShortcut,
} as const satisfies Record<string, (ctx: SlackContext) => MessageShortcutCallback>;

export function registerShortcuts(app: App, ctx: SlackContext): void {
  const unknown = unknownShortcut(ctx);
  app.shortcut(
    { type: 'shortcut' },
    routeById(GLOBAL_SHORTCUTS, ctx, unknown, ({ shortcut }) => shortcut.callback_id),
  );
  app.shortcut(
    { type: 'message_action' },
    routeById(MESSAGE_SHORTCUTS, ctx, unknown, ({ shortcut }) => shortcut.callback_id),
  );
}

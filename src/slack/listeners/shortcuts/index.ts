import type { App } from '@slack/bolt';
import type { SlackContext } from '../../slack-context.js';
import { registerLookupShortcut } from './lookup-contact.shortcut.js';
import { registerResearchShortcuts } from './research.shortcut.js';

export function registerShortcuts(app: App, ctx: SlackContext): void {
  registerResearchShortcuts(app, ctx);
  registerLookupShortcut(app, ctx);
}

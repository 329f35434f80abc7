import type { App } from '@slack/bolt';

import type { SlackContext } from '../slack-context.js';
import { registerActions } from './actions/index.js';
import { registerCommands } from './commands/index.js';
import { registerEvents } from './events/index.js';
import { registerShortcuts } from './shortcuts/index.js';
import { registerViews } from './views/index.js';

/**
 * Every Slack input this app answers: commands, shortcuts, button actions, modal submissions,
 * events. Each kind is one routing table behind one Bolt listener; an ID a table does not know is
 * acknowledged and logged (`unknown.ts`).
 */
export function registerListeners(app: App, ctx: SlackContext): void {
  registerCommands(app, ctx);
  registerShortcuts(app, ctx);
  registerActions(app, ctx);
  registerViews(app, ctx);
  registerEvents(app, ctx);
}

import type { App } from '@slack/bolt';
import type { SlackContext } from '../../slack-context.js';
import { registerContactsCommand } from './contacts.command.js';
import { registerResearchCommand } from './research.command.js';

export function registerCommands(app: App, ctx: SlackContext): void {
  registerResearchCommand(app, ctx);
  registerContactsCommand(app, ctx);
}

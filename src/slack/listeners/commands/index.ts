import type { App } from '@slack/bolt';

import type { SlackContext } from '../../slack-context.js';
import { routeById, type CommandCallback } from '../callbacks.js';
import { unknownCommand } from '../unknown.js';
import { contactsCommand } from './contacts.command.js';
import { researchCommand } from './research.command.js';

/**
 * Every slash command the app answers: name → callback. `unknown.ts` answers any other command
 * with these names, and manifest.yml must declare exactly these (test/unit/slack/manifest.test.ts).
 */
export const COMMANDS = {
  '/research': researchCommand,
  '/contacts': contactsCommand,
} as const satisfies Record<`/${string}`, (ctx: SlackContext) => CommandCallback>;

export const COMMAND_NAMES: readonly string[] = Object.keys(COMMANDS);

export function registerCommands(app: App, ctx: SlackContext): void {
  app.command(
    /^/,
    routeById(COMMANDS, ctx, unknownCommand(ctx), ({ command }) => command.command),
  );
}

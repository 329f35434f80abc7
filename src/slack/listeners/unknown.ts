import type { App } from '@slack/bolt';

import { ACTIONS, CALLBACKS } from '../blocks/action-ids.js';
import type { SlackContext } from '../slack-context.js';
import { COMMAND_NAMES } from './commands/index.js';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const notOneOf = (ids: string[]) => new RegExp(`^(?!(?:${ids.map(escape).join('|')})$).*`);

/**
 * Inputs this app does not know (an old button, a command from another app's manifest) are
 * acknowledged, so Slack shows no error, and logged; a command gets a plain answer.
 */
export function registerUnknownInputs(app: App, ctx: SlackContext): void {
  app.command(notOneOf([...COMMAND_NAMES]), async ({ ack, command }) => {
    ctx.logger.warn({ command: command.command }, 'unknown slash command');
    await ack({
      response_type: 'ephemeral',
      text: `I don't know ${command.command}. Try ${COMMAND_NAMES.join(' or ')}.`,
    });
  });
  app.action(notOneOf(Object.values(ACTIONS)), async ({ ack, payload }) => {
    ctx.logger.warn({ actionId: (payload as { action_id?: string }).action_id }, 'unknown action');
    await ack();
  });
  app.view(notOneOf(Object.values(CALLBACKS)), async ({ ack, view }) => {
    ctx.logger.warn({ callbackId: view.callback_id }, 'unknown view');
    await ack();
  });
  app.shortcut(notOneOf(Object.values(CALLBACKS)), async ({ ack, shortcut }) => {
    ctx.logger.warn({ callbackId: shortcut.callback_id }, 'unknown shortcut');
    await ack();
  });
}

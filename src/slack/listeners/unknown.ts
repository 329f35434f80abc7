import type { BlockElementAction, Middleware, SlackShortcutMiddlewareArgs } from '@slack/bolt';

import type { SlackContext } from '../slack-context.js';
import type { ActionCallback, CommandCallback, ViewSubmissionCallback } from './callbacks.js';
import { COMMAND_NAMES } from './commands/index.js';

/**
 * What the routing tables do with an input they do not know (an old button, a command or shortcut
 * from another app's manifest): acknowledge it, so Slack shows no error, and log it; a command gets
 * a plain answer.
 */
export function unknownCommand(ctx: SlackContext): CommandCallback {
  return async ({ ack, command }) => {
    ctx.logger.warn({ command: command.command }, 'unknown slash command');
    await ack({
      response_type: 'ephemeral',
      text: `I don't know ${command.command}. Try ${COMMAND_NAMES.join(' or ')}.`,
    });
  };
}

export function unknownAction(ctx: SlackContext): ActionCallback<BlockElementAction> {
  return async ({ ack, action }) => {
    ctx.logger.warn({ actionId: action.action_id }, 'unknown action');
    await ack();
  };
}

export function unknownView(ctx: SlackContext): ViewSubmissionCallback {
  return async ({ ack, view }) => {
    ctx.logger.warn({ callbackId: view.callback_id }, 'unknown view');
    await ack();
  };
}

export function unknownShortcut(ctx: SlackContext): Middleware<SlackShortcutMiddlewareArgs> {
  return async ({ ack, shortcut }) => {
    ctx.logger.warn({ callbackId: shortcut.callback_id, type: shortcut.type }, 'unknown shortcut');
    await ack();
  };
}

import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ACTIONS } from '../../blocks/action-ids.js';
import { noticeView } from '../../blocks/contact-modals.builder.js';
import { AppError } from '../../../errors.js';
import type { SlackContext } from '../../slack-context.js';
import { tellUser } from '../reply.js';

/** Delete (after Slack's own confirmation dialog), from the detail modal. */
export function registerContactDeleteAction(app: App, ctx: SlackContext): void {
  app.action<BlockAction<ButtonAction>>(ACTIONS.contactDelete, async ({ ack, action, body, client }) => {
    await ack();
    try {
      const contactId = action.value ?? '';
      const name = (body.view as { title?: { text?: string } } | undefined)?.title?.text ?? 'The contact';
      await ctx.contacts.delete(contactId).catch((error: unknown) => {
        if (!(error instanceof AppError && error.code === 'not_found')) throw error;
      });
      if (body.view) await client.views.update({ view_id: body.view.id, view: noticeView('Deleted', `${name} has been deleted, with their conversations and sources.`, { openedBy: body.user.id }) });
    } catch (error) {
      await tellUser(error, { logger: ctx.logger, client, userId: body.user.id });
    }
  });
}

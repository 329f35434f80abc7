import { AppError } from '../../../errors.js';
import { ACTIONS } from '../../blocks/action-ids.js';
import { noticeView } from '../../blocks/contact-modals.builder.js';
import type { SlackContext } from '../../slack-context.js';
import type { ActionCallback } from '../callbacks.js';
import { tellUser } from '../reply.js';
import { openOrPush } from './open-view.js';

/** Delete (after Slack's own confirmation dialog), from the detail modal: to the trash, with Restore at hand. */
export function contactDelete(ctx: SlackContext): ActionCallback {
  return async ({ ack, action, body, client, respond }) => {
    await ack();
    try {
      const contactId = action.value ?? '';
      const principal = await ctx.authz.principal(body.user.id);
      const name = (body.view as { title?: { text?: string } } | undefined)?.title?.text ?? 'The contact';
      try {
        await ctx.contacts.delete(contactId, principal);
      } catch (error) {
        if (error instanceof AppError && error.code === 'not_found') return;
        if (error instanceof AppError && error.code === 'forbidden') {
          // A refusal in a modal: a small notice on top, the contact left as it was.
          if (body.view)
            await openOrPush(client, body, noticeView('Not allowed', error.message, { openedBy: body.user.id }));
          else await tellUser(error, { logger: ctx.logger, respond });
          return;
        }
        throw error;
      }
      const notice = noticeView(
        'Deleted',
        `${name} is in the trash, with their conversations and sources.`,
        { openedBy: body.user.id },
        { text: 'Restore', actionId: ACTIONS.contactRestore, value: contactId },
      );
      if (body.view) await client.views.update({ view_id: body.view.id, view: notice });
    } catch (error) {
      await tellUser(error, { logger: ctx.logger, client, userId: body.user.id });
    }
  };
}

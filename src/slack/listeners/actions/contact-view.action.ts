import { AppError } from '../../../errors.js';
import { contactDetailView, noticeView } from '../../blocks/contact-modals.builder.js';
import type { SlackContext } from '../../slack-context.js';
import type { ActionCallback } from '../callbacks.js';
import { tellUser } from '../reply.js';
import { openOrPush } from './open-view.js';

/** View: a contact's detail modal, from a result in a thread or from the lookup modal. */
export function contactView(ctx: SlackContext): ActionCallback {
  return async ({ ack, action, body, client, respond }) => {
    await ack();
    try {
      const contact = await ctx.contacts.get(action.value ?? '').catch((error: unknown) => {
        if (error instanceof AppError && (error.code === 'not_found' || error.code === 'validation_failed'))
          return undefined;
        throw error;
      });
      const meta = { openedBy: body.user.id };
      await openOrPush(
        client,
        body,
        contact ? contactDetailView(contact, meta) : noticeView('Contact', 'This contact has been deleted.', meta),
      );
    } catch (error) {
      await tellUser(error, {
        logger: ctx.logger,
        respond: body.view ? undefined : respond,
        client,
        userId: body.user.id,
        channelId: body.channel?.id,
      });
    }
  };
}

import { AppError } from '../../../errors.js';
import { contactHistoryView } from '../../blocks/contact-history.builder.js';
import { contactDetailView, noticeView } from '../../blocks/contact-modals.builder.js';
import type { SlackContext } from '../../slack-context.js';
import type { ActionCallback } from '../callbacks.js';
import { tellUser } from '../reply.js';
import { openOrPush } from './open-view.js';

/** Restore (from the "Deleted" notice or the trash list). */
export function contactRestore(ctx: SlackContext): ActionCallback {
  return async ({ ack, action, body, client, respond }) => {
    await ack();
    try {
      const principal = await ctx.authz.principal(body.user.id);
      const restored = await ctx.contacts.restore(action.value ?? '', principal);
      if (body.view) {
        await client.views.update({
          view_id: body.view.id,
          view: contactDetailView(await ctx.contacts.get(restored.id), { openedBy: body.user.id }),
        });
      } else {
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: `${restored.fullName} is back, with their conversations and sources.`,
        });
      }
    } catch (error) {
      if (
        body.view &&
        error instanceof AppError &&
        (error.code === 'forbidden' || error.code === 'not_found' || error.code === 'conflict')
      ) {
        await openOrPush(
          client,
          body,
          noticeView(
            'Not restored',
            error.code === 'not_found' ? 'This contact is no longer in the trash.' : error.message,
            { openedBy: body.user.id },
          ),
        ).catch(() => undefined);
        return;
      }
      await tellUser(error, { logger: ctx.logger, respond: body.view ? undefined : respond });
    }
  };
}

/** History (from the detail modal). */
export function contactHistory(ctx: SlackContext): ActionCallback {
  return async ({ ack, action, body, client, respond }) => {
    await ack();
    try {
      const contactId = action.value ?? '';
      const contact = await ctx.contacts.get(contactId);
      const page = await ctx.contacts.history(contactId, { limit: 45 });
      await openOrPush(
        client,
        body,
        contactHistoryView({
          fullName: contact.fullName,
          changes: page.data,
          more: page.nextCursor !== null,
          openedBy: body.user.id,
          contactId,
        }),
      );
    } catch (error) {
      await tellUser(error, { logger: ctx.logger, respond: body.view ? undefined : respond });
    }
  };
}

import type { ModalView } from '@slack/types';

import type { ContactView } from '../../../crm/contacts/contact.schemas.js';
import {
  contactEditView,
  conversationLogView,
  followUpView,
  type ModalMetadata,
} from '../../blocks/contact-modals.builder.js';
import type { SlackContext } from '../../slack-context.js';
import type { ActionCallback } from '../callbacks.js';
import { tellUser } from '../reply.js';
import { openOrPush } from './open-view.js';

/** Edit, Log conversation, Set follow-up: each opens its form over the detail view (or a thread). */
function openForm(ctx: SlackContext, build: (contact: ContactView, meta: ModalMetadata) => ModalView): ActionCallback {
  return async ({ ack, action, body, client, respond }) => {
    await ack();
    try {
      const contact = await ctx.contacts.get(action.value ?? '');
      await openOrPush(client, body, build(contact, { openedBy: body.user.id, parentViewId: body.view?.id }));
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

export const contactEditForm = (ctx: SlackContext): ActionCallback => openForm(ctx, (c, m) => contactEditView(c, m));
export const conversationLogForm = (ctx: SlackContext): ActionCallback =>
  openForm(ctx, (c, m) => conversationLogView(c, m, ctx.clock()));
export const followUpForm = (ctx: SlackContext): ActionCallback =>
  openForm(ctx, (c, m) => followUpView(c, m, ctx.clock()));

import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { ContactView } from '../../../crm/contacts/contact.schemas.js';
import { ACTIONS } from '../../blocks/action-ids.js';
import { contactEditView, conversationLogView, followUpView } from '../../blocks/contact-modals.builder.js';
import type { ModalMetadata } from '../../blocks/contact-modals.builder.js';
import type { SlackContext } from '../../slack-context.js';
import { tellUser } from '../reply.js';
import { openOrPush } from './open-view.js';

/** Edit, Log conversation, Set follow-up: each opens its form over the detail view (or a thread). */
export function registerContactFormActions(app: App, ctx: SlackContext): void {
  const forms: [string, (contact: ContactView, meta: ModalMetadata) => ModalView][] = [
    [ACTIONS.contactEdit, (c, m) => contactEditView(c, m)],
    [ACTIONS.contactLogConversation, (c, m) => conversationLogView(c, m, ctx.clock())],
    [ACTIONS.contactFollowUp, (c, m) => followUpView(c, m, ctx.clock())],
  ];
  for (const [actionId, build] of forms) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, action, body, client, respond }) => {
      await ack();
      try {
        const contact = await ctx.contacts.get(action.value ?? '');
        await openOrPush(client, body, build(contact, { openedBy: body.user.id, parentViewId: body.view?.id }));
      } catch (error) {
        await tellUser(error, { logger: ctx.logger, respond: body.view ? undefined : respond, client, userId: body.user.id, channelId: body.channel?.id });
      }
    });
  }
}

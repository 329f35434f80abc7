import { researchModalView } from '../../blocks/research-modal.builder.js';
import type { SlackContext } from '../../slack-context.js';
import type { ActionCallback } from '../callbacks.js';
import { openContactSearch } from '../commands/contacts.command.js';
import { tellUser } from '../reply.js';

/** The Home tab's buttons: Research people (the launcher, as the global shortcut) and Look up contact. */
export function homeResearch(ctx: SlackContext): ActionCallback {
  return async ({ ack, body, client }) => {
    await ack();
    try {
      await client.views.open({
        trigger_id: body.trigger_id,
        view: researchModalView({
          maxContacts: ctx.maxContacts,
          defaultCount: Math.min(5, ctx.maxContacts),
          meta: { openedBy: body.user.id },
          disabledReason: ctx.research.disabledReason,
        }),
      });
    } catch (error) {
      await tellUser(error, { logger: ctx.logger });
    }
  };
}

export function homeLookup(ctx: SlackContext): ActionCallback {
  return async ({ ack, body, client }) => {
    await ack();
    try {
      await openContactSearch(ctx, client, body.trigger_id, body.user.id, '');
    } catch (error) {
      await tellUser(error, { logger: ctx.logger });
    }
  };
}

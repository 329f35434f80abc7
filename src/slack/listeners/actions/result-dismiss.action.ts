import type { KnownBlock } from '@slack/types';

import { assertMayHideResult } from '../../../crm/permissions/contact-access.js';
import { AppError } from '../../../errors.js';
import { dismissedNote } from '../../blocks/research-messages.builder.js';
import type { SlackContext } from '../../slack-context.js';
import type { ActionCallback } from '../callbacks.js';
import { tellUser } from '../reply.js';

/**
 * Dismiss a person in the results thread: one this research added goes to the trash (only by its
 * requester, the owner or an admin, and only while nobody else has worked with them), one that
 * was already known stays (struck from the message only by the requester or an admin); either way
 * their blocks in the message give way to a note.
 */
export function resultDismiss(ctx: SlackContext): ActionCallback {
  return async ({ ack, action, body, client, respond }) => {
    await ack();
    try {
      const [contactId = '', taskId = ''] = (action.value ?? '').split(':');
      const task = await ctx.research.getTask(taskId);
      const found = task.contacts.find((c) => c.id === contactId);
      const removed = found?.outcome === 'new';
      const principal = await ctx.authz.principal(body.user.id);
      try {
        if (removed) await ctx.contacts.dismiss(contactId, taskId, principal);
        else assertMayHideResult(principal, task.requestedBy);
      } catch (error) {
        // Not theirs to dismiss, or others have worked with the person since: the result stays.
        if (error instanceof AppError && error.code === 'forbidden') {
          await tellUser(error, { logger: ctx.logger, respond });
          return;
        }
        if (!(error instanceof AppError && error.code === 'not_found')) throw error;
      }
      const message = body.message as { ts: string; blocks?: KnownBlock[]; text?: string } | undefined;
      if (!message || !body.channel) return;
      const ours = new Set([`person:${contactId}`, `sources:${contactId}`, `actions:${contactId}`]);
      const blocks: KnownBlock[] = [];
      for (const block of message.blocks ?? []) {
        if (!block.block_id || !ours.has(block.block_id)) blocks.push(block);
        else if (block.block_id === `person:${contactId}`)
          blocks.push(dismissedNote(found?.fullName ?? 'This person', body.user.id, removed));
      }
      await client.chat.update({ channel: body.channel.id, ts: message.ts, text: message.text ?? 'Results', blocks });
    } catch (error) {
      await tellUser(error, { logger: ctx.logger, respond });
    }
  };
}

import { z } from 'zod';

import { CONVERSATION_KINDS, ConversationCreateSchema } from '../../crm/conversations/conversation.schemas.js';
import { dateTime, longText } from '../../crm/field-rules.js';
import { contactIdArg, type WriteTool } from './tool.js';

const Args = z.strictObject({
  contactId: contactIdArg,
  kind: z.enum(CONVERSATION_KINDS),
  summary: longText(5_000).refine((v): v is string => Boolean(v), 'must not be empty'),
  occurredAt: dateTime.optional().describe('YYYY-MM-DD or an ISO date-time; default now'),
});

const day = (d: Date) => d.toISOString().slice(0, 10);

/** Logs a call, meeting, email, Slack thread or note with a contact (after the asker confirms). */
export const logConversationTool: WriteTool<z.output<typeof Args>> = {
  kind: 'write',
  name: 'log_conversation',
  description:
    'Propose logging a conversation (email, call, meeting, slack, note) with a contact. The user must confirm it with a button; nothing is saved before.',
  args: Args,
  async preview(args, { services, clock }) {
    const contact = await services.contacts.get(args.contactId);
    return `Log a ${args.kind} with ${contact.fullName} on ${day(args.occurredAt ?? clock())}: "${args.summary.slice(0, 500)}"`;
  },
  async apply(args, { services, userId }) {
    const data = ConversationCreateSchema.parse({
      kind: args.kind,
      body: args.summary,
      loggedBy: userId,
      ...(args.occurredAt ? { occurredAt: args.occurredAt.toISOString() } : {}),
    });
    const contact = await services.contacts.get(args.contactId);
    await services.conversations.add(args.contactId, data);
    return `Logged the ${args.kind} with ${contact.fullName}.`;
  },
};

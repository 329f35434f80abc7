import { z } from 'zod';

import { ConversationKind } from '../../db/enums.js';
import { dateTime, lineText, longText, pageSize, slackUserId, uuidParam } from '../field-rules.js';

/** The longest a conversation's subject and body may be, in characters. */
export const CONVERSATION_LIMITS = { subject: 300, body: 20_000 } as const;

/** What a conversation was: the schema's enum ConversationKind (prisma/schema.prisma), in its order. */
export const CONVERSATION_KINDS = Object.values(ConversationKind);
export const ConversationKindSchema = z.enum(CONVERSATION_KINDS);

export const ConversationCreateSchema = z
  .strictObject({
    kind: ConversationKindSchema,
    subject: lineText(CONVERSATION_LIMITS.subject).nullish(),
    body: longText(CONVERSATION_LIMITS.body).nullish(),
    occurredAt: dateTime.optional().meta({ description: 'When it happened; defaults to now.' }),
    loggedBy: slackUserId.nullish(),
  })
  .refine((c) => Boolean(c.subject) || Boolean(c.body), { message: 'give a subject or a body', path: ['body'] })
  .meta({ id: 'ConversationCreate' });
export type ConversationCreate = z.output<typeof ConversationCreateSchema>;

export const ConversationPatchSchema = z
  .strictObject({
    kind: ConversationKindSchema.optional(),
    subject: lineText(CONVERSATION_LIMITS.subject).nullish(),
    body: longText(CONVERSATION_LIMITS.body).nullish(),
    occurredAt: dateTime.optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, 'give at least one field to change')
  .meta({ id: 'ConversationPatch' });
export type ConversationPatch = z.output<typeof ConversationPatchSchema>;

export const ConversationListQuerySchema = z.strictObject({
  limit: pageSize,
  cursor: uuidParam.optional(),
});
export type ConversationListQuery = z.output<typeof ConversationListQuerySchema>;

// ---- what the API returns ----

export const ConversationSchema = z
  .object({
    id: z.string(),
    contactId: z.string(),
    kind: ConversationKindSchema,
    subject: z.string().nullable(),
    body: z.string().nullable(),
    occurredAt: z.string(),
    loggedBy: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Conversation' });
export type ConversationView = z.output<typeof ConversationSchema>;

import { z } from 'zod';

import {
  ConversationCreateSchema,
  ConversationListQuerySchema,
  ConversationPatchSchema,
  ConversationSchema,
} from '../../crm/conversations/conversation.schemas.js';
import type { ConversationService } from '../../crm/conversations/conversation.service.js';
import { uuidParam } from '../../crm/field-rules.js';
import { defineRoute, type AnyRouteSpec } from '../route-table.js';

const contactParams = z.strictObject({ id: uuidParam });
const conversationParams = z.strictObject({ id: uuidParam, conversationId: uuidParam });
const ConversationPageSchema = z
  .object({ data: z.array(ConversationSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'ConversationPage' });
const notFound = { description: 'No such contact or conversation' };

export function conversationRoutes(conversations: ConversationService): AnyRouteSpec[] {
  return [
    defineRoute({
      method: 'get',
      path: '/contacts/:id/conversations',
      summary: "A contact's conversations, newest first",
      tag: 'Conversations',
      params: contactParams,
      query: ConversationListQuerySchema,
      responses: { 200: { description: 'A page of conversations', schema: ConversationPageSchema }, 404: notFound },
      handle: async ({ params, query }) => ({ status: 200, body: await conversations.list(params.id, query) }),
    }),
    defineRoute({
      method: 'post',
      path: '/contacts/:id/conversations',
      summary: 'Log a conversation with a contact',
      tag: 'Conversations',
      params: contactParams,
      body: ConversationCreateSchema,
      responses: { 201: { description: 'Logged', schema: ConversationSchema }, 404: notFound },
      handle: async ({ params, body }) => ({ status: 201, body: await conversations.add(params.id, body) }),
    }),
    defineRoute({
      method: 'patch',
      path: '/contacts/:id/conversations/:conversationId',
      summary: 'Change a conversation',
      tag: 'Conversations',
      params: conversationParams,
      body: ConversationPatchSchema,
      responses: { 200: { description: 'The changed conversation', schema: ConversationSchema }, 404: notFound },
      handle: async ({ params, body }) => ({
        status: 200,
        body: await conversations.update(params.id, params.conversationId, body),
      }),
    }),
    defineRoute({
      method: 'delete',
      path: '/contacts/:id/conversations/:conversationId',
      summary: 'Delete a conversation',
      tag: 'Conversations',
      params: conversationParams,
      responses: { 204: { description: 'Deleted' }, 404: notFound },
      handle: async ({ params }) => {
        await conversations.delete(params.id, params.conversationId);
        return { status: 204 };
      },
    }),
  ];
}

import type { Db } from '../../db/database.js';
import { notFound } from '../../errors.js';
import { toPage } from '../../pagination.js';
import { toConversationView } from '../contacts/contact-views.js';
import { NOT_TRASHED } from '../contacts/trash.js';
import type {
  ConversationCreate,
  ConversationListQuery,
  ConversationPatch,
  ConversationView,
} from './conversation.schemas.js';

/** Interactions with a contact: calls, meetings, emails, notes — newest first. */
export class ConversationService {
  constructor(private readonly deps: { db: Db; clock: () => Date }) {}

  private async requireContact(contactId: string): Promise<void> {
    const contact = await this.deps.db.contact.findFirst({
      where: { id: contactId, ...NOT_TRASHED },
      select: { id: true },
    });
    if (!contact) throw notFound('Contact', contactId);
  }

  async add(contactId: string, data: ConversationCreate): Promise<ConversationView> {
    await this.requireContact(contactId);
    const row = await this.deps.db.conversation.create({
      data: { ...data, contactId, occurredAt: data.occurredAt ?? this.deps.clock() },
    });
    return toConversationView(row);
  }

  async list(
    contactId: string,
    query: ConversationListQuery,
  ): Promise<{ data: ConversationView[]; nextCursor: string | null }> {
    await this.requireContact(contactId);
    if (query.cursor) {
      const cursorRow = await this.deps.db.conversation.findFirst({
        where: { id: query.cursor, contactId },
        select: { id: true },
      });
      if (!cursorRow) throw notFound('Conversation', query.cursor);
    }
    const rows = await this.deps.db.conversation.findMany({
      where: { contactId },
      orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
      take: query.limit + 1,
      ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
    });
    return toPage(rows, query.limit, toConversationView);
  }

  async update(contactId: string, id: string, patch: ConversationPatch): Promise<ConversationView> {
    // A contact in the trash keeps its conversations as they were, so a restore gives them all back.
    await this.requireContact(contactId);
    const { count } = await this.deps.db.conversation.updateMany({ where: { id, contactId }, data: patch });
    if (count === 0) throw notFound('Conversation', id);
    return toConversationView(await this.deps.db.conversation.findUniqueOrThrow({ where: { id } }));
  }

  async delete(contactId: string, id: string): Promise<void> {
    await this.requireContact(contactId);
    const { count } = await this.deps.db.conversation.deleteMany({ where: { id, contactId } });
    if (count === 0) throw notFound('Conversation', id);
  }
}

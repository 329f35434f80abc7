import type { Contact, ContactTag, Conversation, ResearchSource, ResearchTaskContact } from '../../db/database.js';
import type { ConversationView } from '../conversations/conversation.schemas.js';
import type { ContactDetailView, ContactView, SourceView } from './contact.schemas.js';

/** Database rows → the shapes the API and Slack show. Pure. */
export type ContactRow = Contact & { tags: Pick<ContactTag, 'tag'>[] };

export function toContactView(row: ContactRow): ContactView {
  return {
    id: row.id,
    fullName: row.fullName,
    title: row.title,
    company: row.company,
    companyDomain: row.companyDomain,
    email: row.email,
    emailStatus: row.emailStatus,
    phone: row.phone,
    linkedinUrl: row.linkedinUrl,
    location: row.location,
    website: row.website,
    notes: row.notes,
    tags: row.tags.map((t) => t.tag).sort(),
    ownerId: row.ownerId,
    nextFollowUpAt: row.nextFollowUpAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toConversationView(row: Conversation): ConversationView {
  return {
    id: row.id,
    contactId: row.contactId,
    kind: row.kind,
    subject: row.subject,
    body: row.body,
    occurredAt: row.occurredAt.toISOString(),
    loggedBy: row.loggedBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toSourceView(s: ResearchSource): SourceView {
  const authority = s.authority === 'first-party' || s.authority === 'third-party' ? s.authority : null;
  return {
    id: s.id,
    url: s.url,
    pageTitle: s.pageTitle,
    quote: s.quote,
    field: s.field,
    fetchedAt: s.fetchedAt.toISOString(),
    taskId: s.taskId,
    missingSince: s.missingSince?.toISOString() ?? null,
    authority,
    agreeingSites: s.agreeingSites,
  };
}

export function toContactDetailView(
  row: ContactRow & { conversations: Conversation[]; sources: ResearchSource[]; researchLinks: ResearchTaskContact[] },
): ContactDetailView {
  return {
    ...toContactView(row),
    conversations: row.conversations.map(toConversationView),
    sources: row.sources.map(toSourceView),
    research: row.researchLinks.map((l) => ({ taskId: l.taskId, outcome: l.outcome })),
  };
}

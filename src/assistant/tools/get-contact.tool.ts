import { z } from 'zod';

import { contactIdArg, crmData, type ReadTool } from './tool.js';

const Args = z.strictObject({ contactId: contactIdArg });

const MAX_CONVERSATIONS = 10;
const MAX_SOURCES = 20;

/** One contact: facts with the pages behind them, recent conversations, the follow-up date. */
export const getContactTool: ReadTool<z.output<typeof Args>> = {
  kind: 'read',
  name: 'get_contact',
  description:
    'One contact with its facts, the sources (web pages and quotes) behind them, recent conversations and follow-up date.',
  args: Args,
  async run(args, { services, seen }) {
    const c = await services.contacts.get(args.contactId);
    seen.set(c.id, c.fullName);
    return crmData({
      id: c.id,
      fullName: c.fullName,
      title: c.title,
      company: c.company,
      email: c.email,
      emailStatus: c.emailStatus,
      phone: c.phone,
      linkedinUrl: c.linkedinUrl,
      location: c.location,
      website: c.website,
      tags: c.tags,
      notes: c.notes,
      owner: c.ownerId,
      nextFollowUpAt: c.nextFollowUpAt,
      addedAt: c.createdAt,
      sources: c.sources.slice(0, MAX_SOURCES).map((s) => ({ field: s.field, url: s.url, quote: s.quote })),
      conversations: c.conversations.slice(0, MAX_CONVERSATIONS).map((v) => ({
        kind: v.kind,
        occurredAt: v.occurredAt,
        subject: v.subject,
        body: v.body?.slice(0, 1000) ?? null,
      })),
      conversationCount: c.conversations.length,
    });
  },
};

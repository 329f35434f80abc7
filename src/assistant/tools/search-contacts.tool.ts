import { z } from 'zod';

import { crmData, type ReadTool } from './tool.js';

const Args = z.strictObject({
  query: z.string().trim().min(1).max(200).describe('Words that must all appear in the name, company, title or email'),
  limit: z.number().int().min(1).max(20).optional().describe('At most this many (default 10)'),
});

/** The CRM's own search: every word must appear in the name, title, company or email. */
export const searchContactsTool: ReadTool<z.output<typeof Args>> = {
  kind: 'read',
  name: 'search_contacts',
  description:
    'Search the CRM contacts by name, company, title or email. Returns id, name, title, company, email, follow-up date.',
  args: Args,
  async run(args, { services, seen }) {
    const page = await services.contacts.list({ q: args.query, limit: args.limit ?? 10 });
    if (page.data.length === 0) return `No contacts in the CRM match "${args.query}".`;
    for (const c of page.data) seen.set(c.id, c.fullName);
    return crmData({
      matches: page.data.map((c) => ({
        id: c.id,
        fullName: c.fullName,
        title: c.title,
        company: c.company,
        email: c.email,
        location: c.location,
        nextFollowUpAt: c.nextFollowUpAt,
      })),
      more: page.nextCursor !== null,
    });
  },
};

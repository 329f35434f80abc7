import { z } from 'zod';

import { AppError } from '../../errors.js';
import { contactIdArg, type WriteTool } from './tool.js';

const Args = z.strictObject({ contactId: contactIdArg });

/**
 * Researches one known person (after the asker confirms) as an enrichment: what is found is merged into the contact and
 * reported in the thread.
 */
export const enrichContactTool: WriteTool<z.output<typeof Args>> = {
  kind: 'write',
  name: 'enrich_contact',
  description:
    'Propose researching one known contact on the web to fill in or check their details. The user must confirm it with a button.',
  args: Args,
  async preview(args, { services }) {
    if (services.research.disabledReason) throw new AppError('unavailable', services.research.disabledReason);
    const contact = await services.contacts.get(args.contactId);
    return `Research ${contact.fullName}${contact.company ? ` (${contact.company})` : ''} on the web and add what is found, with sources. Counts against your hourly research limit.`;
  },
  async apply(args, { services, startEnrichment }) {
    const contact = await services.contacts.get(args.contactId);
    const task = await startEnrichment(contact.id);
    return `Research on ${contact.fullName} started (task ${task.id}); what is found will follow in this thread.`;
  },
};

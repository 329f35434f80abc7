import { z } from 'zod';

import { ContactPatchSchema } from '../../crm/contacts/contact.schemas.js';
import { slackActor } from '../../crm/history/contact-history.js';
import { contactIdArg, type WriteTool } from './tool.js';

const Args = z.strictObject({
  contactId: contactIdArg,
  // Not the owner: ownership decides who may delete a contact, and is not the assistant's to hand out.
  changes: ContactPatchSchema.refine((changes) => changes.ownerId === undefined, {
    path: ['ownerId'],
    message:
      'the owner is not changed through the assistant: the owner or an admin changes it in the contact form or the API',
  }).describe(
    'Fields to change (fullName, title, company, email, phone, linkedinUrl, location, website, notes, tags); null clears one',
  ),
});

const shown = (v: unknown): string => {
  if (v === null || v === undefined) return '(empty)';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (Array.isArray(v)) return v.join(', ');
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- what is left is a string, number or boolean field value
  return String(v);
};

/** Changes a contact's fields with the API's own rules (after the asker confirms). */
export const updateContactTool: WriteTool<z.output<typeof Args>> = {
  kind: 'write',
  name: 'update_contact',
  description:
    "Propose changes to a contact's fields. The user must confirm them with a button; nothing changes before.",
  args: Args,
  async preview(args, { services }) {
    const contact = await services.contacts.get(args.contactId);
    const lines = Object.entries(args.changes).map(
      ([field, value]) => `• ${field}: ${shown((contact as Record<string, unknown>)[field])} → ${shown(value)}`,
    );
    // Every field named first, so a long value can never push another change out of sight.
    return `Change ${contact.fullName} (${Object.keys(args.changes).join(', ')}):\n${lines.join('\n')}`;
  },
  async apply(args, { services, userId }) {
    const updated = await services.contacts.update(args.contactId, args.changes, slackActor(userId));
    return `Updated ${updated.fullName} (${Object.keys(args.changes).join(', ')}).`;
  },
};

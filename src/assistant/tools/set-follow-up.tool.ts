import { z } from 'zod';

import { dateTime } from '../../crm/field-rules.js';
import { slackActor } from '../../crm/history/contact-history.js';
import { AppError } from '../../errors.js';
import { contactIdArg, type WriteTool } from './tool.js';

const Args = z.strictObject({
  contactId: contactIdArg,
  date: dateTime.describe('The follow-up date, YYYY-MM-DD'),
});

const day = (d: Date) => d.toISOString().slice(0, 10);
const MAX_YEARS_AHEAD = 5;

/**
 * Sets a contact's follow-up date, as the contact's Follow-up form does. It never makes the asker
 * the owner: ownership is what allows Delete, and it is given only on purpose (an edit an admin or
 * the owner makes), never as a side effect — a follow-up on a contact nobody owns is shown in the
 * team's digest.
 */
export const setFollowUpTool: WriteTool<z.output<typeof Args>> = {
  kind: 'write',
  name: 'set_follow_up',
  description:
    'Propose a follow-up date for a contact (the user is reminded on that day). The user must confirm it with a button.',
  args: Args,
  async preview(args, { services, clock }) {
    if (args.date.getTime() > clock().getTime() + MAX_YEARS_AHEAD * 365 * 86_400_000)
      throw new AppError(
        'validation_failed',
        `The follow-up date ${day(args.date)} is more than ${MAX_YEARS_AHEAD} years away`,
      );
    const contact = await services.contacts.get(args.contactId);
    return `Set the follow-up with ${contact.fullName} to ${day(args.date)}${contact.nextFollowUpAt ? ` (now ${contact.nextFollowUpAt.slice(0, 10)})` : ''}`;
  },
  async apply(args, { services, userId }) {
    const contact = await services.contacts.get(args.contactId);
    await services.contacts.update(args.contactId, { nextFollowUpAt: args.date }, slackActor(userId));
    return `Follow-up with ${contact.fullName} set to ${day(args.date)}.`;
  },
};

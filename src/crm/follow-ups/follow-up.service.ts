import type { Db } from '../../db/database.js';
import { notFound } from '../../errors.js';
import { NOT_TRASHED } from '../contacts/trash.js';
import { API_ACTOR, fieldChanges, recordChanges, slackActor, type Actor } from '../history/contact-history.js';

/** Follow-ups: done (a note in the conversation log, date cleared) or snoozed (date moved on). */
export class FollowUpService {
  constructor(private readonly deps: { db: Db; clock: () => Date }) {}

  async markDone(contactId: string, by: string | null): Promise<{ fullName: string }> {
    return this.deps.db.$transaction(async (tx) => {
      const contact = await tx.contact.findFirst({
        where: { id: contactId, ...NOT_TRASHED },
        select: { fullName: true, nextFollowUpAt: true },
      });
      if (!contact) throw notFound('Contact', contactId);
      const due = contact.nextFollowUpAt ? ` (due ${contact.nextFollowUpAt.toISOString().slice(0, 10)})` : '';
      await tx.conversation.create({
        data: { contactId, kind: 'note', subject: `Follow-up done${due}`, occurredAt: this.deps.clock(), loggedBy: by },
      });
      await tx.contact.update({ where: { id: contactId }, data: { nextFollowUpAt: null } });
      await recordChanges(
        tx,
        fieldChanges(
          contactId,
          by && by !== 'api' ? slackActor(by) : API_ACTOR,
          'updated',
          contact,
          { nextFollowUpAt: null },
          ['nextFollowUpAt'],
        ),
        this.deps.clock(),
      );
      return { fullName: contact.fullName };
    });
  }

  /** Moves the follow-up `days` on from today (or from its date, if that is later). */
  async snooze(
    contactId: string,
    days: number,
    actor: Actor = API_ACTOR,
  ): Promise<{ fullName: string; nextFollowUpAt: Date }> {
    const contact = await this.deps.db.contact.findFirst({
      where: { id: contactId, ...NOT_TRASHED },
      select: { fullName: true, nextFollowUpAt: true },
    });
    if (!contact) throw notFound('Contact', contactId);
    const now = this.deps.clock();
    const from = contact.nextFollowUpAt && contact.nextFollowUpAt > now ? contact.nextFollowUpAt : now;
    const nextFollowUpAt = new Date(from.getTime() + days * 86_400_000);
    await this.deps.db.$transaction(async (tx) => {
      await tx.contact.update({ where: { id: contactId }, data: { nextFollowUpAt } });
      await recordChanges(
        tx,
        fieldChanges(contactId, actor, 'updated', contact, { nextFollowUpAt }, ['nextFollowUpAt']),
        now,
      );
    });
    return { fullName: contact.fullName, nextFollowUpAt };
  }
}

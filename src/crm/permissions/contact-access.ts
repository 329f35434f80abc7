import type { Db } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { researchActor, slackActor, type Actor } from '../history/contact-history.js';

/**
 * Who is asking. The admin API token is an admin; a Slack member is an admin when listed in
 * SLACK_ADMIN_USER_IDS (or, when enabled, a Slack workspace admin or owner) — the Slack layer
 * decides `admin`, this model decides what it allows.
 */
export interface Principal {
  actor: Actor;
  /** The Slack user, when the request comes from Slack. */
  userId?: string;
  admin: boolean;
}

export const API_PRINCIPAL: Principal = { actor: 'api', admin: true };
/** Striking an already-known person from research results: the task's requester or an admin. */
export function assertMayHideResult(principal: Principal, requestedBy: string | null): void {
  if (principal.admin || (principal.userId !== undefined && principal.userId === requestedBy)) return;
  throw new AppError(
    'forbidden',
    'Only the person who asked for this research, or a CRM admin, can dismiss people from its results.',
  );
}

export const slackPrincipal = (userId: string, admin: boolean): Principal => ({
  actor: slackActor(userId),
  userId,
  admin,
});

/**
 * The permission model (README "Who may do what"):
 * - view and edit: every member of the installed workspace (other workspaces are refused at the
 *   Slack boundary before anything runs);
 * - delete (to the trash) and restore: the contact's owner, the person who asked for the research
 *   that created it, whoever deleted it (restore only), or an admin;
 * - dismiss a research result: the same people, and only while nobody else has touched the
 *   contact (no one else logged a conversation or changed it); after that it takes Delete;
 * - strike an already-known person from a results message (the contact stays): the person who
 *   asked for that research, or an admin — the message is theirs.
 * A refusal is an AppError `forbidden` whose message says why in plain words.
 */
export class ContactAccess {
  constructor(private readonly deps: { db: Db }) {}

  /** Slack user IDs with a say over this contact: the owner and the requesters of the research that created it. */
  private async stakeholders(
    contactId: string,
  ): Promise<{ ownerId: string | null; creators: string[]; deletedBy: string | null } | undefined> {
    const contact = await this.deps.db.contact.findUnique({
      where: { id: contactId },
      select: {
        ownerId: true,
        deletedBy: true,
        researchLinks: { where: { outcome: 'new' }, select: { task: { select: { requestedBy: true } } } },
      },
    });
    if (!contact) return undefined;
    return {
      ownerId: contact.ownerId,
      deletedBy: contact.deletedBy,
      creators: contact.researchLinks.map((l) => l.task.requestedBy).filter((u): u is string => Boolean(u)),
    };
  }

  async assertMayDelete(principal: Principal, contactId: string, what: 'delete' | 'restore' = 'delete'): Promise<void> {
    if (principal.admin) return;
    const s = await this.stakeholders(contactId);
    if (!s) return; // the caller answers "not found"
    const user = principal.userId;
    if (user && (s.ownerId === user || s.creators.includes(user))) return;
    if (what === 'restore' && s.deletedBy === principal.actor) return;
    throw new AppError(
      'forbidden',
      `Only the contact's owner, the person who asked for the research that found them, or a CRM admin can ${what} this contact.`,
    );
  }

  /** Dismiss: allowed to those who may delete, while nobody else has touched the contact. */
  async assertMayDismiss(principal: Principal, contactId: string, taskId: string): Promise<void> {
    await this.assertMayDelete(principal, contactId);
    const mine = new Set([principal.actor, researchActor(taskId)]);
    const [othersTalks, othersChanges] = await Promise.all([
      // A conversation logged through the API has no author: it counts as someone else's.
      this.deps.db.conversation.count({
        where: { contactId, OR: [{ loggedBy: null }, { loggedBy: { not: principal.userId ?? principal.actor } }] },
      }),
      this.deps.db.contactChange.count({ where: { contactId, actor: { notIn: [...mine] } } }),
    ]);
    if (othersTalks > 0 || othersChanges > 0) {
      throw new AppError(
        'forbidden',
        'Others have worked with this contact since the research found them (conversations or changes), so it is kept. Open it and use Delete if it should go.',
      );
    }
  }
}

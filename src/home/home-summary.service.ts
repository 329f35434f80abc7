import type { Db } from '../db/database.js';

export interface HomeSummary {
  followUps: { id: string; fullName: string; company: string | null; dueAt: string; overdue: boolean }[];
  tasks: {
    id: string;
    query: string;
    status: string;
    progressMessage: string | null;
    error: string | null;
    contactsNew: number;
    contactsMerged: number;
    createdAt: string;
  }[];
  recentContacts: { id: string; fullName: string; title: string | null; company: string | null; createdAt: string }[];
}

const FOLLOW_UPS = 15;
const TASKS = 5;
const CONTACTS = 8;

/** What one person's App Home shows: their due follow-ups, their recent research, contacts recently added for them. */
export class HomeSummaryService {
  constructor(private readonly deps: { db: Db; clock: () => Date }) {}

  async summary(userId: string): Promise<HomeSummary> {
    const { db } = this.deps;
    const now = this.deps.clock();
    const endOfDay = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
    const contactFields = { id: true, fullName: true, title: true, company: true, createdAt: true } as const;
    // Two narrow queries rather than one OR across a relation, which would scan every contact.
    const [followUps, tasks, owned, researchTasks] = await Promise.all([
      db.contact.findMany({
        where: { ownerId: userId, nextFollowUpAt: { lt: endOfDay } },
        orderBy: [{ nextFollowUpAt: 'asc' }, { id: 'asc' }],
        take: FOLLOW_UPS,
        select: { id: true, fullName: true, company: true, nextFollowUpAt: true },
      }),
      db.researchTask.findMany({ where: { requestedBy: userId }, orderBy: { id: 'desc' }, take: TASKS }),
      db.contact.findMany({
        where: { ownerId: userId },
        orderBy: { id: 'desc' },
        take: CONTACTS,
        select: contactFields,
      }),
      db.researchTask.findMany({
        where: { requestedBy: userId, contactsNew: { gt: 0 } },
        orderBy: { id: 'desc' },
        take: 20,
        select: { id: true },
      }),
    ]);
    const found = await db.researchTaskContact.findMany({
      where: { taskId: { in: researchTasks.map((t) => t.id) }, outcome: 'new' },
      orderBy: { contactId: 'desc' },
      take: CONTACTS,
      select: { contact: { select: contactFields } },
    });
    const byId = new Map([...owned, ...found.map((f) => f.contact)].map((c) => [c.id, c]));
    const recentContacts = [...byId.values()].sort((a, b) => (a.id < b.id ? 1 : -1)).slice(0, CONTACTS);
    return {
      followUps: followUps.map((c) => ({
        id: c.id,
        fullName: c.fullName,
        company: c.company,
        dueAt: c.nextFollowUpAt!.toISOString(),
        overdue: c.nextFollowUpAt! < now,
      })),
      tasks: tasks.map((t) => ({
        id: t.id,
        query: t.query,
        status: t.status,
        progressMessage: t.progressMessage,
        error: t.error,
        contactsNew: t.contactsNew,
        contactsMerged: t.contactsMerged,
        createdAt: t.createdAt.toISOString(),
      })),
      recentContacts: recentContacts.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() })),
    };
  }

  /** The Slack user who asked for a research task (whose Home shows it), if a person did. */
  async taskRequester(taskId: string): Promise<string | undefined> {
    const task = await this.deps.db.researchTask.findUnique({ where: { id: taskId }, select: { requestedBy: true } });
    return task?.requestedBy && /^[UW][A-Z0-9]+$/.test(task.requestedBy) ? task.requestedBy : undefined;
  }
}

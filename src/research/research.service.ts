import { toContactView, toSourceView } from '../crm/contacts/contact-views.js';
import { NOT_TRASHED } from '../crm/contacts/trash.js';
import type { DatabaseProvider } from '../db/database-url.js';
import type { Db, Prisma } from '../db/database.js';
import { lockKeyForTransaction } from '../db/key-lock.js';
import { AppError, notFound, RateLimitedError } from '../errors.js';
import { toPage } from '../pagination.js';
import type { ResearchEvents } from './research-events.js';
import {
  RejectionsSchema,
  type RejectionsView,
  type ResearchRequest,
  type ResearchTaskDetailView,
  type ResearchTaskView,
  type TaskListQuery,
} from './research-task.schemas.js';
import { toTaskView } from './research-task.views.js';
import type { ResearchWorker } from './research-worker.js';
import { ACTIVE_STATUSES, isFinished } from './task-status.js';

export interface Requester {
  /** Slack user ID, or "api". */
  requestedBy: string;
  slackChannelId?: string;
  slackThreadTs?: string;
  slackProgressTs?: string;
}

/** First-party when a page on the company's own domain shows the person; third-party-only when only other sites do. */
function knownFrom(sources: { authority?: string | null }[]): 'first-party' | 'third-party-only' | 'unknown' {
  if (sources.some((s) => s.authority === 'first-party')) return 'first-party';
  return sources.some((s) => s.authority === 'third-party') ? 'third-party-only' : 'unknown';
}

/** The stored explanation of what verification left out (older tasks have none). */
function rejectionsOf(stored: unknown): RejectionsView {
  const parsed = RejectionsSchema.safeParse(stored);
  return parsed.success ? parsed.data : { people: [], facts: [] };
}

/** Research requests as durable tasks: queue, look up, wait for, cancel. The worker does the work. */
export class ResearchService {
  constructor(
    private readonly deps: {
      db: Db;
      events: ResearchEvents;
      /** Absent when research is not configured. */
      worker: ResearchWorker | undefined;
      disabledReason: string | undefined;
      defaultMaxContacts: number;
      /** Tasks one Slack user may start per hour (0: no limit). Counted in the database, so it holds across copies. */
      userHourlyLimit?: number;
      /** Which database: how the limit's count and the new task are made one step. */
      provider: DatabaseProvider;
      clock: () => Date;
    },
  ) {}

  /** Why research cannot run here, or undefined when it can. */
  get disabledReason(): string | undefined {
    return this.deps.worker ? undefined : (this.deps.disabledReason ?? 'research is not configured');
  }

  async start(request: ResearchRequest, requester: Requester): Promise<ResearchTaskView> {
    return this.queue(requester, {
      query: request.query,
      options: {
        maxContacts: request.maxContacts ?? this.deps.defaultMaxContacts,
        company: request.company ?? null,
        location: request.location ?? null,
      },
    });
  }

  /**
   * Researches one known contact again (enrichment): a task anchored on what is known about the
   * person; its result is merged into that contact only (see ContactEnrichment).
   */
  async enrich(contactId: string, requester: Requester): Promise<ResearchTaskView> {
    // An unknown (or trashed) contact is a 404 whether or not research is configured.
    const contact = await this.deps.db.contact.findFirst({ where: { id: contactId, ...NOT_TRASHED } });
    if (!contact) throw notFound('Contact', contactId);
    const enrich = {
      contactId,
      fullName: contact.fullName,
      company: contact.company,
      email: contact.email,
      linkedinUrl: contact.linkedinUrl,
    };
    return this.queue(requester, {
      query: `Enrich ${contact.fullName}${contact.company ? ` (${contact.company})` : ''}`.slice(0, 500),
      // Room for namesakes the model may submit anyway: the merge policy picks the one person.
      options: { maxContacts: 5, company: contact.company, location: contact.location, enrich },
      contactId,
    });
  }

  /** One place a task is queued (research and enrichment alike): after the hourly limit, then the worker is told. */
  private async queue(
    requester: Requester,
    task: { query: string; options: Prisma.InputJsonObject; contactId?: string },
  ): Promise<ResearchTaskView> {
    const worker = this.deps.worker;
    if (!worker) throw new AppError('unavailable', this.disabledReason!);
    // The count and the new task are one step per person: two requests at once cannot both pass the limit.
    const created = await this.deps.db.$transaction(async (tx) => {
      await this.checkHourlyLimit(tx, requester.requestedBy);
      return tx.researchTask.create({
        data: {
          ...task,
          requestedBy: requester.requestedBy,
          slackChannelId: requester.slackChannelId ?? null,
          slackThreadTs: requester.slackThreadTs ?? null,
          slackProgressTs: requester.slackProgressTs ?? null,
          progressMessage: 'Waiting for a free research slot',
        },
      });
    });
    worker.notify();
    return toTaskView(created);
  }

  private async checkHourlyLimit(tx: Prisma.TransactionClient, requestedBy: string): Promise<void> {
    const limit = this.deps.userHourlyLimit ?? 0;
    if (limit <= 0 || !/^[UW][A-Z0-9]+$/.test(requestedBy)) return;
    await lockKeyForTransaction(tx, this.deps.provider, `research-hourly:${requestedBy}`);
    const since = new Date(this.deps.clock().getTime() - 3_600_000);
    const recent = await tx.researchTask.findMany({
      where: { requestedBy, createdAt: { gt: since } },
      orderBy: { createdAt: 'asc' },
      select: { createdAt: true },
      take: limit,
    });
    if (recent.length < limit) return;
    const freeAt = new Date(recent[0]!.createdAt.getTime() + 3_600_000);
    const minutes = Math.max(1, Math.ceil((freeAt.getTime() - this.deps.clock().getTime()) / 60_000));
    throw new RateLimitedError(
      `You have started ${limit} research tasks in the last hour, the most allowed; you can start another in ${minutes} minute${minutes === 1 ? '' : 's'}`,
      minutes * 60,
    );
  }

  /** Where a task asked for in Slack reports: its announcement (the thread) and progress line. */
  async attachSlackThread(
    id: string,
    thread: { slackChannelId: string; slackThreadTs: string; slackProgressTs: string },
  ): Promise<void> {
    await this.deps.db.researchTask.update({ where: { id }, data: thread });
  }

  /** Starts a task and waits up to `timeoutMs` for it to end; `finished: false` if it is still going. */
  async startAndWait(
    request: ResearchRequest,
    requester: Requester,
    timeoutMs: number,
  ): Promise<{ finished: boolean; task: ResearchTaskDetailView }> {
    let resolveFinished: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (resolveFinished = resolve));
    let taskId: string | undefined;
    const unsubscribe = this.deps.events.subscribe((event) => {
      if (event.type === 'finished' && event.taskId === taskId) resolveFinished();
    });
    try {
      const task = await this.start(request, requester);
      taskId = task.id;
      // The task may be worked by another copy of the app: look at the database now and then too.
      // Elapsed time, not the injected clock: the clock tells the date of things, and a test's fixed clock would never
      // reach the deadline.
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const current = await this.deps.db.researchTask.findUniqueOrThrow({
          where: { id: task.id },
          select: { status: true },
        });
        if (isFinished(current.status)) break;
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          finished,
          new Promise((r) => (timer = setTimeout(r, Math.min(1_000, Math.max(0, deadline - Date.now()))))),
        ]);
        clearTimeout(timer);
      }
      const detail = await this.getTask(task.id);
      return { finished: isFinished(detail.status), task: detail };
    } finally {
      unsubscribe();
    }
  }

  async getTask(id: string): Promise<ResearchTaskDetailView> {
    const task = await this.deps.db.researchTask.findUnique({
      where: { id },
      include: {
        contacts: {
          where: { contact: NOT_TRASHED },
          include: {
            contact: {
              include: {
                tags: { select: { tag: true } },
                sources: { where: { taskId: id }, orderBy: { createdAt: 'asc' } },
              },
            },
          },
        },
      },
    });
    if (!task) throw notFound('Research task', id);
    return {
      ...toTaskView(task),
      contacts: task.contacts.map((link) => {
        const sources = link.contact.sources.map(toSourceView);
        return { ...toContactView(link.contact), outcome: link.outcome, sources, knownFrom: knownFrom(sources) };
      }),
      rejections: rejectionsOf(task.verificationRejections),
    };
  }

  async listTasks(query: TaskListQuery): Promise<{ data: ResearchTaskView[]; nextCursor: string | null }> {
    const rows = await this.deps.db.researchTask.findMany({
      where: {
        ...(query.status ? { status: query.status } : {}),
        ...(query.cursor ? { id: { lt: query.cursor } } : {}),
      },
      orderBy: { id: 'desc' },
      take: query.limit + 1,
    });
    return toPage(rows, query.limit, toTaskView);
  }

  /** Cancels a queued or running task; a finished one answers 409. */
  async cancel(id: string): Promise<ResearchTaskView> {
    const now = this.deps.clock();
    const { count } = await this.deps.db.researchTask.updateMany({
      where: { id, status: { in: ACTIVE_STATUSES } },
      data: {
        status: 'cancelled',
        finishedAt: now,
        progressMessage: 'Cancelled',
        workerId: null,
        leaseExpiresAt: null,
      },
    });
    const task = await this.deps.db.researchTask.findUnique({ where: { id } });
    if (!task) throw notFound('Research task', id);
    if (count === 0)
      throw new AppError(
        'conflict',
        `The research task has already ${task.status === 'cancelled' ? 'been cancelled' : task.status}`,
        { status: task.status },
      );
    this.deps.worker?.abortLocal(id, 'the task was cancelled');
    this.deps.events.emit({ type: 'finished', taskId: id, status: 'cancelled', error: null });
    return toTaskView(task);
  }
}

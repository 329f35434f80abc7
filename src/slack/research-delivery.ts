import type { WebClient } from '@slack/web-api';

import type { Db, Prisma } from '../db/database.js';
import { Lease } from '../db/lease.js';
import type { Logger } from '../logging/logger.js';
import type { ResearchEvents } from '../research/research-events.js';
import type { ResearchRequest, ResearchTaskDetailView, ResearchTaskView } from '../research/research-task.schemas.js';
import type { Requester, ResearchService } from '../research/research.service.js';
import { FINISHED_STATUSES } from '../research/task-status.js';
import { context, escapeText, section, truncate } from './blocks/block-kit.js';
import { enrichmentOutcome, enrichmentResultMessages } from './blocks/enrichment-messages.builder.js';
import {
  researchAnnouncement,
  researchOutcome,
  researchProgress,
  researchResultMessages,
  type SlackMessage,
} from './blocks/research-messages.builder.js';
import { researchSummary } from './blocks/research-summary.builder.js';
import { slackErrorCode } from './slack-errors.js';

/** A research task row as stored. */
type ResearchTask = NonNullable<Awaited<ReturnType<Db['researchTask']['findUnique']>>>;

const PROGRESS_EVERY_MS = 2_000;
const LEASE_MS = 60_000;

/** Slack errors that mean the channel cannot take our messages, whatever we retry (https://docs.slack.dev/reference/methods/chat.postMessage#errors). */
const CHANNEL_UNREACHABLE = new Set([
  'not_in_channel',
  'channel_not_found',
  'is_archived',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_thread_only_channel',
  'team_access_not_granted',
  'thread_not_found',
]);
/** Slack errors that mean the message itself is refused: sending it again cannot help. */
const MESSAGE_REFUSED = new Set([
  'invalid_blocks',
  'invalid_blocks_format',
  'msg_blocks_too_long',
  'msg_too_long',
  'no_text',
  'invalid_arguments',
  'too_many_attachments',
]);
/** Errors about the app's install: no retry fixes them until someone changes the app. */
const APP_BROKEN = new Set([
  'missing_scope',
  'not_authed',
  'invalid_auth',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'no_permission',
  'ekm_access_denied',
]);

export const isPermanentSlackError = (code: string | undefined): boolean =>
  code !== undefined && (CHANNEL_UNREACHABLE.has(code) || MESSAGE_REFUSED.has(code) || APP_BROKEN.has(code));
const isUserId = (id: string | null | undefined): id is string => typeof id === 'string' && /^[UW][A-Z0-9]+$/.test(id);
const isDm = (channel: string) => channel.startsWith('D');

/**
 * Research in a Slack thread: the announcement, a progress line edited in place, and the results.
 * Results are delivered from the database — parts posted so far are counted on the task — so a
 * Slack error, a restart or another copy of the app never loses or repeats them: an undelivered
 * task is picked up again (by whichever copy claims it) and resumes at the next part. People are
 * posted as the task finds them (each recorded as posted on its task link); the results at the end
 * hold the rest, and the thread's last line sums up time, people and cost.
 */
export class ResearchDelivery {
  private readonly lastProgressAt = new Map<string, number>();
  /**
   * Each task's progress edit in flight. The outcome waits for it before it edits the same line: an
   * edit Slack answered 429 is sent again after Retry-After, and would otherwise land on top of the
   * outcome and leave the thread saying research is still going.
   */
  private readonly progressEdits = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private delivering: Promise<void> | undefined;
  private again = false;
  /** Who is posting a task's results: one copy of the app at a time, and a retry waits until the lease runs out. */
  private readonly lease: Lease<Prisma.ResearchTaskWhereInput, Prisma.ResearchTaskUncheckedUpdateManyInput>;

  constructor(
    private readonly deps: {
      db: Db;
      client: WebClient;
      research: ResearchService;
      events: ResearchEvents;
      logger: Logger;
      clock: () => Date;
      defaultMaxContacts: number;
      pollMs?: number;
      retryMs?: number;
    },
  ) {
    this.lease = new Lease({
      updateMany: (args) => deps.db.researchTask.updateMany(args),
      set: (until) => ({ slackDeliveryLeaseUntil: until }),
      free: (now) => ({ OR: [{ slackDeliveryLeaseUntil: null }, { slackDeliveryLeaseUntil: { lt: now } }] }),
      ms: LEASE_MS,
      clock: deps.clock,
    });
  }

  /** When a failed delivery is tried again. */
  private retryAt(): Date {
    return new Date(this.deps.clock().getTime() + (this.deps.retryMs ?? 30_000));
  }

  start(): void {
    this.unsubscribe = this.deps.events.subscribe((event) => {
      if (event.type === 'progress') this.showProgress(event.taskId, event.message, event.progress);
      else this.kick();
    });
    this.kick();
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.delivering;
  }

  /**
   * Starts research asked for in Slack. The task is accepted first (research configured, the
   * asker within their hourly limit), so a refused request posts nothing in the channel; then the
   * announcement and its progress line are posted and the task is given its thread — results wait
   * for the thread, so a task that ends within milliseconds still reports there. If the channel
   * cannot be posted to, the task is cancelled.
   */
  async startInChannel(
    request: ResearchRequest,
    userId: string,
    requestedChannelId: string,
  ): Promise<ResearchTaskView> {
    const task = await this.deps.research.start(request, { requestedBy: userId, slackChannelId: requestedChannelId });
    return this.announceInChannel(task, researchAnnouncement(task, userId), userId, requestedChannelId);
  }

  /**
   * Enrichment asked for in Slack (the Enrich button): accepted first, as research is, then
   * announced where it was asked for (the channel, or the person's DM with the app), with its
   * progress and what it found in the announcement's thread.
   */
  async enrichInChannel(contactId: string, userId: string, requestedChannelId: string): Promise<ResearchTaskView> {
    const task = await this.deps.research.enrich(contactId, {
      requestedBy: userId,
      slackChannelId: requestedChannelId,
    });
    const contact = await this.deps.db.contact.findUnique({ where: { id: contactId }, select: { fullName: true } });
    const name = contact?.fullName ?? task.query;
    const text = `:mag: <@${userId}> asked to research *${escapeText(truncate(name, 150))}* again. Empty fields will be filled; a value that differs from what is known is shown here, not overwritten.`;
    const announcement: SlackMessage = {
      text,
      blocks: [section(text), context([`Task \`${task.id}\` · results in this thread`])],
    };
    return this.announceInChannel(task, announcement, userId, requestedChannelId);
  }

  /**
   * Enrichment asked for in an existing thread (the assistant's): the progress line and what was
   * found are posted in that thread.
   */
  async enrichInThread(
    contactId: string,
    userId: string,
    channelId: string,
    threadTs: string,
  ): Promise<ResearchTaskView> {
    return this.startInThreadWith((where) => this.deps.research.enrich(contactId, where), userId, channelId, threadTs);
  }

  private async announceInChannel(
    task: ResearchTaskView,
    announcement: SlackMessage,
    userId: string,
    requestedChannelId: string,
  ): Promise<ResearchTaskView> {
    const { client } = this.deps;
    let channelId = requestedChannelId;
    let threadTs: string;
    let progressTs: string;
    try {
      let announced;
      try {
        announced = await client.chat.postMessage({
          channel: channelId,
          text: announcement.text,
          blocks: announcement.blocks,
          unfurl_links: false,
          unfurl_media: false,
        });
      } catch (error) {
        // A private channel or a DM the bot is not in (public ones take chat:write.public): the
        // research goes on in the app's DM with the person, which says why.
        const code = slackErrorCode(error);
        if (!code || !CHANNEL_UNREACHABLE.has(code) || !isUserId(userId)) throw error;
        announced = await this.announceInDm(userId, researchMovedToDm(requestedChannelId, code), announcement);
        channelId = announced.channel ?? userId;
      }
      threadTs = announced.ts!;
      progressTs = await this.postWaitingLine(channelId, threadTs);
    } catch (error) {
      await this.deps.research.cancel(task.id).catch(() => undefined);
      throw error;
    }
    await this.deps.research.attachSlackThread(task.id, {
      slackChannelId: channelId,
      slackThreadTs: threadTs,
      slackProgressTs: progressTs,
    });
    this.kick();
    return task;
  }

  /**
   * Starts research asked for in an existing thread (the assistant's): the progress line is posted
   * in that thread and the results follow there, as for /research.
   */
  async startInThread(
    request: ResearchRequest,
    userId: string,
    channelId: string,
    threadTs: string,
  ): Promise<ResearchTaskView> {
    return this.startInThreadWith((where) => this.deps.research.start(request, where), userId, channelId, threadTs);
  }

  private async startInThreadWith(
    start: (where: Requester) => Promise<ResearchTaskView>,
    userId: string,
    channelId: string,
    threadTs: string,
  ): Promise<ResearchTaskView> {
    const progressTs = await this.postWaitingLine(channelId, threadTs);
    try {
      return await start({
        requestedBy: userId,
        slackChannelId: channelId,
        slackThreadTs: threadTs,
        slackProgressTs: progressTs,
      });
    } catch (error) {
      await this.deps.client.chat
        .update({ channel: channelId, ts: progressTs, text: ':x: Research could not be started.', blocks: [] })
        .catch(() => undefined);
      throw error;
    }
  }

  /** The research announced in the person's DM with the app, under the line that says why it is there. */
  private announceInDm(userId: string, why: string, announcement: SlackMessage) {
    return this.deps.client.chat.postMessage({
      channel: userId,
      text: `${why} ${announcement.text}`,
      blocks: [section(why), ...announcement.blocks],
      unfurl_links: false,
      unfurl_media: false,
    });
  }

  /** The progress line in a thread, edited in place as the task goes on: its ts. */
  private async postWaitingLine(channelId: string, threadTs: string): Promise<string> {
    const waiting = researchProgress('Waiting for a free research slot', 0);
    const progress = await this.deps.client.chat.postMessage({
      channel: channelId,
      thread_ts: threadTs,
      text: waiting.text,
      blocks: waiting.blocks,
    });
    return progress.ts!;
  }

  /**
   * Progress edits are best effort and throttled (one every PROGRESS_EVERY_MS, none while one is in
   * flight): the results are what must arrive.
   */
  private showProgress(taskId: string, message: string, percent: number): void {
    const now = Date.now(); // elapsed time for the throttle, not the injected clock (which a test may hold still)
    if (now - (this.lastProgressAt.get(taskId) ?? 0) < PROGRESS_EVERY_MS || this.progressEdits.has(taskId)) return;
    const edit = this.editProgress(taskId, message, percent).finally(() => this.progressEdits.delete(taskId));
    this.progressEdits.set(taskId, edit);
  }

  /** Never rejects: a progress line Slack did not take is only logged. */
  private async editProgress(taskId: string, message: string, percent: number): Promise<void> {
    try {
      const task = await this.deps.db.researchTask.findUnique({
        where: { id: taskId },
        select: { slackChannelId: true, slackProgressTs: true, status: true },
      });
      // Not shown yet (the task may start before its progress line is posted): the next step may be.
      if (!task?.slackChannelId || !task.slackProgressTs || task.status !== 'running') return;
      this.lastProgressAt.set(taskId, Date.now());
      const view = researchProgress(message, percent);
      await this.deps.client.chat.update({
        channel: task.slackChannelId,
        ts: task.slackProgressTs,
        text: view.text,
        blocks: view.blocks,
      });
    } catch (error) {
      this.deps.logger.debug({ err: error, taskId }, 'progress update not shown');
    }
  }

  /** Deliver now (and keep polling for tasks other copies finished or that failed to post). */
  kick(): void {
    if (this.delivering) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.delivering = this.deliverPending()
      .catch((error: unknown) => this.deps.logger.error({ err: error }, 'research delivery failed'))
      .finally(() => {
        this.delivering = undefined;
        if (!this.unsubscribe) return;
        if (this.again) {
          this.again = false;
          this.kick();
          return;
        }
        this.timer = setTimeout(() => this.kick(), this.deps.pollMs ?? 5_000);
        this.timer.unref();
      });
  }

  private async deliverPending(): Promise<void> {
    const now = this.deps.clock();
    const due = await this.deps.db.researchTask.findMany({
      where: {
        slackDeliveredAt: null,
        slackChannelId: { not: null },
        slackThreadTs: { not: null },
        status: { in: FINISHED_STATUSES },
        ...this.lease.free(now),
      },
      select: { id: true, slackDeliveryLeaseUntil: true },
      // Never tried first: tasks whose delivery keeps failing never keep new ones waiting.
      orderBy: [{ slackDeliveryLeaseUntil: { sort: 'asc', nulls: 'first' } }, { finishedAt: 'asc' }],
      take: 20,
    });
    for (const candidate of due) {
      // A task just finished: start over, so it is delivered before the retries left in this round.
      if (candidate.slackDeliveryLeaseUntil !== null && this.again) break;
      // Compare-and-set on the lease as read: of two copies, the first to write it delivers.
      const claimed = await this.lease.claim(
        { id: candidate.id, slackDeliveredAt: null, slackDeliveryLeaseUntil: candidate.slackDeliveryLeaseUntil },
        {},
        now,
      );
      if (claimed) await this.deliver(candidate.id);
    }
    // Running tasks with people stored but not yet shown: post them now.
    const live = await this.deps.db.researchTask.findMany({
      where: {
        status: 'running',
        // An enrichment reports what it changed once, at the end.
        contactId: null,
        slackDeliveredAt: null,
        slackChannelId: { not: null },
        slackThreadTs: { not: null },
        contacts: { some: { slackPostedAt: null } },
        ...this.lease.free(now),
      },
      select: { id: true, slackDeliveryLeaseUntil: true },
      take: 20,
    });
    for (const candidate of live) {
      const claimed = await this.lease.claim(
        {
          id: candidate.id,
          status: 'running',
          slackDeliveredAt: null,
          slackDeliveryLeaseUntil: candidate.slackDeliveryLeaseUntil,
        },
        {},
        now,
      );
      if (claimed) await this.deliverFound(candidate.id);
    }
  }

  /** The people a running task has stored since the last post, each marked as posted once Slack took it. */
  private async deliverFound(taskId: string): Promise<void> {
    const { db, logger } = this.deps;
    let retryAt: Date | null = null;
    try {
      const stored = await db.researchTask.findUniqueOrThrow({
        where: { id: taskId },
        select: { slackChannelId: true, slackThreadTs: true },
      });
      const unposted = new Set(
        (
          await db.researchTaskContact.findMany({ where: { taskId, slackPostedAt: null }, select: { contactId: true } })
        ).map((l) => l.contactId),
      );
      const task = await this.deps.research.getTask(taskId);
      const fresh = { ...task, contacts: task.contacts.filter((c) => unposted.has(c.id)) };
      const parts = researchResultMessages(fresh, { heading: 'Found' });
      for (const part of parts)
        await this.postPeople(taskId, stored.slackChannelId!, stored.slackThreadTs!, part, fresh.contacts);
    } catch (error) {
      const code = slackErrorCode(error) ?? (error instanceof Error ? error.message : String(error));
      logger.warn({ err: error, taskId, code }, 'people found so far not posted to Slack yet');
      // A permanent refusal is the final delivery's to handle (DM fallback, giving up): no retry lease
      // that would hold it back; anything else is tried again later.
      if (!isPermanentSlackError(slackErrorCode(error))) retryAt = this.retryAt();
    }
    await this.lease.release({ id: taskId }, {}, retryAt);
  }

  /** One message of people in the thread; its people are recorded as posted once Slack took it. */
  private async postPeople(
    taskId: string,
    channel: string,
    threadTs: string,
    part: SlackMessage,
    contacts: readonly { id: string }[],
  ): Promise<void> {
    await this.deps.client.chat.postMessage({
      channel,
      thread_ts: threadTs,
      text: part.text,
      blocks: part.blocks,
      unfurl_links: false,
      unfurl_media: false,
    });
    const ids = contacts.filter((c) => part.blocks.some((b) => b.block_id === `person:${c.id}`)).map((c) => c.id);
    await this.deps.db.researchTaskContact.updateMany({
      where: { taskId, contactId: { in: ids } },
      data: { slackPostedAt: this.deps.clock() },
    });
  }

  private async deliver(taskId: string): Promise<void> {
    const { db } = this.deps;
    const stored = await db.researchTask.findUniqueOrThrow({ where: { id: taskId } });
    const channel = stored.slackChannelId!;
    const threadTs = stored.slackThreadTs!;
    try {
      const task = await this.deps.research.getTask(taskId);
      if (stored.contactId) {
        await this.deliverEnrichment(stored, task);
        return;
      }
      // The people not posted yet (while the task ran, or by an earlier attempt of this delivery);
      // each part's people are recorded as posted once Slack took it. A failed task lists the ones it kept.
      const posted = new Set(
        (
          await db.researchTaskContact.findMany({
            where: { taskId, slackPostedAt: { not: null } },
            select: { contactId: true },
          })
        ).map((l) => l.contactId),
      );
      const rest = { ...task, contacts: task.contacts.filter((c) => !posted.has(c.id)) };
      const parts =
        task.status === 'cancelled' ? [] : researchResultMessages(rest, posted.size ? { heading: 'Also found' } : {});
      for (const part of parts) {
        await this.postPeople(taskId, channel, threadTs, part, rest.contacts);
        await db.researchTask.update({ where: { id: taskId }, data: { slackPostedParts: { increment: 1 } } });
      }
      const outcome = researchOutcome(task);
      await this.finishDelivery(stored, task, outcome);
    } catch (error) {
      await this.deliveryFailed(stored, error);
    }
  }

  /**
   * What an enrichment found, posted to the person who asked in its thread. The parts posted so far
   * are counted on the task (slackPostedParts), so a retry resumes at the next part and never
   * repeats one.
   */
  private async deliverEnrichment(stored: ResearchTask, task: ResearchTaskDetailView): Promise<void> {
    const { db, client } = this.deps;
    const contact = task.contactId
      ? await db.contact.findUnique({ where: { id: task.contactId }, select: { fullName: true } })
      : null;
    const name = contact?.fullName ?? task.query;
    const parts = enrichmentResultMessages(task, name);
    for (const part of parts.slice(stored.slackPostedParts)) {
      await client.chat.postMessage({
        channel: stored.slackChannelId!,
        thread_ts: stored.slackThreadTs!,
        text: part.text,
        blocks: part.blocks,
        unfurl_links: false,
        unfurl_media: false,
      });
      await db.researchTask.update({ where: { id: task.id }, data: { slackPostedParts: { increment: 1 } } });
    }
    await this.finishDelivery(stored, task, enrichmentOutcome(task));
  }

  /** The progress line becomes the outcome, the thread's last line sums up; the task is delivered. */
  private async finishDelivery(
    stored: ResearchTask,
    task: ResearchTaskDetailView,
    outcome: SlackMessage,
  ): Promise<void> {
    const { client } = this.deps;
    const taskId = task.id;
    const channel = stored.slackChannelId!;
    const threadTs = stored.slackThreadTs!;
    await this.progressEdits.get(taskId); // a late progress edit must not land on top of the outcome
    const postOutcome = () =>
      client.chat.postMessage({ channel, thread_ts: threadTs, text: outcome.text, blocks: outcome.blocks });
    if (stored.slackProgressTs) {
      // Someone deleted the progress line: the outcome goes in the thread as a new message.
      await client.chat
        .update({ channel, ts: stored.slackProgressTs, text: outcome.text, blocks: outcome.blocks })
        .catch((error: unknown) => {
          if (slackErrorCode(error) === 'message_not_found') return postOutcome();
          throw error;
        });
    } else await postOutcome();
    const summary = researchSummary(task);
    await client.chat.postMessage({
      channel,
      thread_ts: threadTs,
      text: summary.text,
      blocks: summary.blocks,
      unfurl_links: false,
      unfurl_media: false,
    });
    await this.lease.release({ id: taskId }, { slackDeliveredAt: this.deps.clock(), slackDeliveryError: null });
    this.lastProgressAt.delete(taskId);
  }

  private async deliveryFailed(stored: ResearchTask, error: unknown): Promise<void> {
    const { logger } = this.deps;
    const taskId = stored.id;
    const slackCode = slackErrorCode(error);
    if (isPermanentSlackError(slackCode)) {
      await this.givePermanentFailure(stored, slackCode!);
      return;
    }
    const code = slackCode ?? (error instanceof Error ? error.message : String(error));
    logger.warn({ err: error, taskId, code }, 'research results not delivered to Slack yet; will retry');
    await this.lease.release({ id: taskId }, { slackDeliveryError: code.slice(0, 500) }, this.retryAt());
  }

  /**
   * Slack refused for good. When the channel cannot take messages (the bot was removed, the channel
   * archived or deleted), the results go to the requester's DM with the app, once; when the
   * messages themselves are refused, or even the DM fails, the requester is told in their DM where
   * the results are, and the task stops being retried.
   */
  private async givePermanentFailure(
    stored: { id: string; query: string; requestedBy: string | null; slackChannelId: string | null },
    code: string,
  ): Promise<void> {
    const { client, logger } = this.deps;
    const channel = stored.slackChannelId!;
    const requester = stored.requestedBy;
    logger.warn({ taskId: stored.id, code, channel }, 'Slack refused the research results for good');
    if (CHANNEL_UNREACHABLE.has(code) && !isDm(channel) && isUserId(requester)) {
      try {
        const announcement = researchAnnouncement(
          { id: stored.id, query: stored.query, options: (await this.deps.research.getTask(stored.id)).options },
          requester,
        );
        const posted = await this.announceInDm(requester, researchMovedToDm(channel, code), announcement);
        await this.lease.release(
          { id: stored.id },
          {
            slackChannelId: posted.channel ?? requester,
            slackThreadTs: posted.ts!,
            slackProgressTs: null,
            slackPostedParts: 0,
            slackDeliveryError: `moved to DM: ${code}`,
          },
        );
        this.kick();
        return;
      } catch (dmError) {
        logger.warn({ err: dmError, taskId: stored.id }, 'could not move the research results to the requester DM');
      }
    }
    if (isUserId(requester)) {
      const text = escapeText(
        `I could not post the results of your research “${stored.query.slice(0, 200)}” in Slack (Slack said: ${code}). They are saved: task ${stored.id} in the admin API (GET /api/research/tasks/${stored.id}).`,
      );
      await client.chat
        .postMessage({ channel: requester, text })
        .catch((error: unknown) =>
          logger.warn({ err: error, taskId: stored.id }, 'could not tell the requester either'),
        );
    }
    await this.lease.release(
      { id: stored.id },
      { slackDeliveredAt: this.deps.clock(), slackDeliveryError: `gave up: ${code}`.slice(0, 500) },
    );
  }
}

/** The line that says why research is in the person's DM and not where they asked for it. */
function researchMovedToDm(channelId: string, code: string): string {
  const where = /^[CG][A-Z0-9]+$/.test(channelId) ? `<#${channelId}>` : 'That conversation';
  const why = code === 'is_archived' ? 'is archived' : 'is a place I am not in';
  return `:information_source: ${where} ${why}, so this research is here. To get results there, \`/invite @PersonableCRM\` in that channel.`;
}

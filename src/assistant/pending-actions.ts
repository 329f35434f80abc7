import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';
import type { ResearchRequest, ResearchTaskView } from '../research/research-task.schemas.js';
import { toolByName } from './tools/index.js';
import type { ApplyContext, Asker, WriteTool } from './tools/tool.js';

/** A proposal older than this can no longer be confirmed. */
const EXPIRES_AFTER_MS = 24 * 3_600_000;

export interface Proposal {
  id: string;
  tool: string;
  preview: string;
}

export type Decision =
  | { outcome: 'done'; text: string; requestedBy: string }
  | {
      outcome: 'failed';
      text: string;
      requestedBy: string;
      /** Set when it was our fault (worth an error in the log). */ cause?: unknown;
    }
  | { outcome: 'cancelled'; requestedBy: string }
  | { outcome: 'not_yours'; requestedBy: string }
  | { outcome: 'already_decided'; status: string; requestedBy: string }
  | { outcome: 'expired'; requestedBy: string }
  | { outcome: 'not_found' };

/**
 * Writes the assistant proposed, kept in the database until the person who asked decides. The
 * button carries only the proposal's ID: what is applied is what was stored, and only the asker's
 * click applies it — once, whichever copy of the app receives the click.
 */
export class PendingActions {
  constructor(private readonly deps: { db: Db; clock: () => Date }) {}

  async propose(tool: WriteTool<unknown>, rawArgs: unknown, asker: Asker): Promise<string> {
    const row = await this.deps.db.assistantAction.create({
      data: {
        tool: tool.name,
        args: rawArgs as object,
        requestedBy: asker.userId,
        channelId: asker.channelId,
        threadTs: asker.threadTs,
      },
    });
    return row.id;
  }

  async attachMessage(id: string, messageTs: string): Promise<void> {
    await this.deps.db.assistantAction.update({ where: { id }, data: { messageTs } });
  }

  /**
   * Applies a proposal if `userId` is the one who asked and it is still pending; research starts in the proposal's
   * thread.
   */
  async confirm(
    id: string,
    userId: string,
    context: Omit<ApplyContext, 'userId' | 'startResearch' | 'startEnrichment'> & {
      startResearch(request: ResearchRequest, where: Asker): Promise<ResearchTaskView>;
      startEnrichment(contactId: string, where: Asker): Promise<ResearchTaskView>;
    },
  ): Promise<Decision> {
    const claimed = await this.claim(id, userId, 'confirmed');
    if (claimed.outcome !== 'claimed') return claimed;
    const { row } = claimed;
    const tool = toolByName(row.tool);
    try {
      if (!tool || tool.kind !== 'write') throw new AppError('internal', `unknown write tool ${row.tool}`);
      const where: Asker = { userId, channelId: row.channelId, threadTs: row.threadTs };
      const text = await tool.apply(tool.args.parse(row.args), {
        services: context.services,
        clock: context.clock,
        userId,
        startResearch: (request) => context.startResearch(request, where),
        startEnrichment: (contactId) => context.startEnrichment(contactId, where),
      });
      await this.deps.db.assistantAction.update({
        where: { id },
        data: { status: 'done', result: text.slice(0, 2000) },
      });
      return { outcome: 'done', text, requestedBy: row.requestedBy };
    } catch (error) {
      const text = error instanceof AppError ? error.message : 'it failed on our side (logged)';
      await this.deps.db.assistantAction.update({
        where: { id },
        data: { status: 'failed', result: text.slice(0, 2000) },
      });
      const ours = !(error instanceof AppError) || error.code === 'internal';
      return { outcome: 'failed', text, requestedBy: row.requestedBy, ...(ours ? { cause: error } : {}) };
    }
  }

  async cancel(id: string, userId: string): Promise<Decision> {
    const claimed = await this.claim(id, userId, 'cancelled');
    if (claimed.outcome !== 'claimed') return claimed;
    return { outcome: 'cancelled', requestedBy: claimed.row.requestedBy };
  }

  /** Moves a pending proposal to `status` if `userId` asked for it and nobody decided yet. */
  private async claim(id: string, userId: string, status: 'confirmed' | 'cancelled') {
    const row = await this.deps.db.assistantAction.findUnique({ where: { id } }).catch(() => null);
    if (!row) return { outcome: 'not_found' as const };
    if (row.requestedBy !== userId) return { outcome: 'not_yours' as const, requestedBy: row.requestedBy };
    if (row.status !== 'pending')
      return { outcome: 'already_decided' as const, status: row.status, requestedBy: row.requestedBy };
    const now = this.deps.clock();
    if (now.getTime() - row.createdAt.getTime() > EXPIRES_AFTER_MS)
      return { outcome: 'expired' as const, requestedBy: row.requestedBy };
    const { count } = await this.deps.db.assistantAction.updateMany({
      where: { id, status: 'pending', requestedBy: userId },
      data: { status, decidedBy: userId, decidedAt: now },
    });
    if (count === 0) return { outcome: 'already_decided' as const, status: 'decided', requestedBy: row.requestedBy };
    return { outcome: 'claimed' as const, row };
  }
}

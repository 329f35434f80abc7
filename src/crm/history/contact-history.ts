import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';

import { insertRows } from '../../db/bulk-insert.js';
import type { Db, Prisma } from '../../db/database.js';
import { toPage } from '../../pagination.js';

/**
 * Who changed a contact: `slack:<user id>`, `api` (the admin token), `research:<task id>`,
 * `import` (the bulk import), `system` (the trash purge).
 */
export type Actor = string;
export const API_ACTOR: Actor = 'api';
export const IMPORT_ACTOR: Actor = 'import';
export const slackActor = (userId: string): Actor => `slack:${userId}`;
export const researchActor = (taskId: string): Actor => `research:${taskId}`;

export type ChangeAction = 'created' | 'updated' | 'merged' | 'deleted' | 'restored';

export interface ChangeEntry {
  contactId: string;
  actor: Actor;
  action: ChangeAction;
  field?: string | null;
  before?: unknown;
  after?: unknown;
}

const MAX_VALUE = 2000;

/** A field's value as the history shows it: text, ISO dates, tags joined; null for none. */
export function historyValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.length === 0 ? null : value.map(String).join(', ');
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- what is left is a string, number or boolean column value
  const text = String(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

/** The fields whose value differs between two states of a contact, as history entries. */
export function fieldChanges(
  contactId: string,
  actor: Actor,
  action: ChangeAction,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  fields: readonly string[],
): ChangeEntry[] {
  const entries: ChangeEntry[] = [];
  for (const field of fields) {
    if (!(field in after)) continue;
    const from = historyValue(before[field]);
    const to = historyValue(after[field]);
    if (from !== to) entries.push({ contactId, actor, action, field, before: from, after: to });
  }
  return entries;
}

const COLUMNS = ['id', 'contactId', 'at', 'actor', 'action', 'field', 'before', 'after'] as const;

/** Writes history entries in the caller's transaction (or on the database). */
export async function recordChanges(
  tx: Prisma.TransactionClient | Db,
  entries: ChangeEntry[],
  at: Date,
): Promise<void> {
  if (entries.length === 0) return;
  await insertRows(
    tx,
    'ContactChange',
    COLUMNS,
    entries.map((e) => ({
      id: uuidv7(),
      contactId: e.contactId,
      at,
      actor: e.actor,
      action: e.action,
      field: e.field ?? null,
      before: historyValue(e.before),
      after: historyValue(e.after),
    })),
  );
}

export const ContactChangeSchema = z
  .object({
    id: z.string(),
    at: z.string(),
    actor: z.string().meta({ description: '`slack:<user id>`, `api`, `research:<task id>`, `import` or `system`.' }),
    action: z.enum(['created', 'updated', 'merged', 'deleted', 'restored']),
    field: z.string().nullable(),
    before: z.string().nullable(),
    after: z.string().nullable(),
  })
  .meta({ id: 'ContactChange' });
export type ContactChangeView = z.output<typeof ContactChangeSchema>;
export const ContactHistoryPageSchema = z
  .object({ data: z.array(ContactChangeSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'ContactHistoryPage' });

/** A contact's history, newest first. */
export async function listChanges(
  db: Db,
  contactId: string,
  query: { limit: number; cursor?: string },
): Promise<{ data: ContactChangeView[]; nextCursor: string | null }> {
  const rows = await db.contactChange.findMany({
    where: { contactId, ...(query.cursor ? { id: { lt: query.cursor } } : {}) },
    orderBy: { id: 'desc' },
    take: query.limit + 1,
  });
  return toPage(rows, query.limit, (r) => ({
    id: r.id,
    at: r.at.toISOString(),
    actor: r.actor,
    action: r.action as ContactChangeView['action'],
    field: r.field,
    before: r.before,
    after: r.after,
  }));
}

import { isUniqueViolation } from '../../db/database-errors.js';
import type { Db, Prisma } from '../../db/database.js';
import { AppError, notFound } from '../../errors.js';
import { toPage, type Page } from '../../pagination.js';
import {
  API_ACTOR,
  fieldChanges,
  IMPORT_ACTOR,
  listChanges,
  recordChanges,
  type Actor,
  type ContactChangeView,
} from '../history/contact-history.js';
import { API_PRINCIPAL, type ContactAccess, type Principal } from '../permissions/contact-access.js';
import type { ContactIntake, IntakeItem, IntakeOptions, IntakeRowResult } from './contact-intake.js';
import { toContactDetailView, toContactView } from './contact-views.js';
import {
  REPLACEABLE_FIELDS,
  type ContactDetailView,
  type ContactListQuery,
  type ContactPatch,
  type ContactReplace,
  type ContactView,
} from './contact.schemas.js';
import type { CsvFormat } from './csv-import/csv-columns.js';
import { openCsvContacts, type CsvContactFile, type CsvDelimiter } from './csv-import/csv-contact-rows.js';
import { spoolCsv } from './csv-import/csv-spool.js';
import { ImportOutcomeFile } from './csv-import/import-outcomes.js';
import { MERGE_KEYS } from './duplicate-criteria.js';
import { companyKey, derivedKeys, searchTerms } from './text-keys.js';
import { NOT_TRASHED, TRASHED } from './trash.js';

/** The fields the history follows. */
export const TRACKED_FIELDS = [
  'fullName',
  'title',
  'company',
  'companyDomain',
  'email',
  'emailStatus',
  'phone',
  'linkedinUrl',
  'location',
  'website',
  'notes',
  'ownerId',
  'nextFollowUpAt',
  'tags',
] as const;

export interface TrashedContactView {
  id: string;
  fullName: string;
  company: string | null;
  deletedAt: string;
  deletedBy: string | null;
  /** When it will be purged for good. */
  purgeAt: string;
}

export type ContactPage = Page<ContactView>;

export interface CreateContactResult {
  outcome: 'created' | 'merged';
  contact: ContactView;
  possibleDuplicates: string[];
  conflicts: NonNullable<IntakeRowResult['conflicts']>;
}

export interface ImportSummary {
  dryRun: boolean;
  created: number;
  merged: number;
  rejected: number;
  rows: IntakeRowResult[];
}

export interface CsvImportOptions {
  dryRun?: boolean;
  /** Default: sniffed from the first line. */
  delimiter?: CsvDelimiter;
  maxBytes?: number;
  maxRows?: number;
  /** Who imports, for the history (default `import`). */
  actor?: Actor;
  /** Every row is owned by this person, whatever its owner column says (imports from Slack). */
  ownerId?: string;
}

export interface CsvImportSummary extends Omit<ImportSummary, 'rows'> {
  /** The first rejected rows (up to five), for a short report. */
  firstRejected: IntakeRowResult[];
  /** Every row's outcome in input order, read back from a temporary file: JSON, the inside of an array. */
  rowsJson(): AsyncIterable<string>;
  format: CsvFormat;
  delimiter: CsvDelimiter;
  headerLine: number;
  columns: { column: string; field: string | null }[];
  unmappedColumns: string[];
}

export const MAX_CSV_BYTES = 50_000_000;
export const MAX_CSV_ROWS = 100_000;

/** The rows of a streamed import, each owned by `ownerId`. */
async function* ownedBy(batches: AsyncIterable<IntakeItem[]>, ownerId: string): AsyncIterable<IntakeItem[]> {
  for await (const batch of batches)
    yield batch.map((item) =>
      item.row && typeof item.row === 'object'
        ? { ...item, row: { ...(item.row as Record<string, unknown>), ownerId } }
        : item,
    );
}

function summarize(results: IntakeRowResult[], options: { dryRun?: boolean }): ImportSummary {
  const count = { created: 0, merged: 0, rejected: 0 };
  for (const r of results) count[r.outcome] += 1;
  return { dryRun: options.dryRun ?? false, ...count, rows: results };
}

const DEFAULT_PAGE_SIZE = 50;
const withTags = { tags: { select: { tag: true } } } as const;

/**
 * Contacts: look up, list and search, create (with duplicate handling), change, delete to the
 * trash and restore, import, export — each change written to the contact's history.
 */
export class ContactService {
  private readonly access: ContactAccess;

  constructor(
    private readonly deps: {
      db: Db;
      intake: ContactIntake;
      clock: () => Date;
      access: ContactAccess;
      trashRetentionDays?: number;
    },
  ) {
    this.access = deps.access;
  }

  async get(id: string): Promise<ContactDetailView> {
    const row = await this.deps.db.contact.findFirst({
      where: { id, ...NOT_TRASHED },
      include: {
        ...withTags,
        conversations: { orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }] },
        sources: { orderBy: [{ field: 'asc' }, { createdAt: 'asc' }] },
        researchLinks: { orderBy: { taskId: 'desc' } },
      },
    });
    if (!row) throw notFound('Contact', id);
    return toContactDetailView(row);
  }

  /** Newest first, `limit` at a time; `q` narrows to contacts whose text contains every word. */
  async list(input: Partial<ContactListQuery> = {}): Promise<ContactPage> {
    const query: ContactListQuery = { ...input, limit: input.limit ?? DEFAULT_PAGE_SIZE };
    const rows = await this.deps.db.contact.findMany({
      where: this.whereFor(query),
      orderBy: { id: 'desc' },
      take: query.limit + 1,
      include: withTags,
    });
    return toPage(rows, query.limit, toContactView);
  }

  private whereFor(query: ContactListQuery): Prisma.ContactWhereInput {
    const terms = searchTerms(query.q ?? '');
    const and: Prisma.ContactWhereInput[] = [NOT_TRASHED, ...terms.map((term) => ({ searchText: { contains: term } }))];
    // A query made only of separators ("%", "_") asks for nothing searchable: it matches nothing.
    if (terms.length === 0 && (query.q ?? '').trim() !== '') and.push({ id: { in: [] } });
    if (query.owner) and.push({ ownerId: query.owner });
    if (query.tag) and.push({ tags: { some: { tag: query.tag } } });
    if (query.company !== undefined) and.push({ companyKey: companyKey(query.company) });
    if (query.followUpDue === true) and.push({ nextFollowUpAt: { lte: this.deps.clock() } });
    if (query.followUpDue === false)
      and.push({ OR: [{ nextFollowUpAt: null }, { nextFollowUpAt: { gt: this.deps.clock() } }] });
    if (query.cursor) and.push({ id: { lt: query.cursor } });
    return { AND: and };
  }

  /** Every contact matching the filters, in pages, for export. */
  async *listAll(input: Omit<Partial<ContactListQuery>, 'limit' | 'cursor'> = {}): AsyncGenerator<ContactView[]> {
    let cursor: string | undefined;
    do {
      const page = await this.list({ ...input, limit: 200, cursor });
      if (page.data.length > 0) yield page.data;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  /**
   * Creates a contact, or merges it into the one with the same email or LinkedIn profile. Takes
   * the contact as received (validated here, like every row of an import).
   */
  async create(input: unknown, options: IntakeOptions = {}): Promise<CreateContactResult> {
    const [result] = await this.deps.intake.intake([input], { actor: API_ACTOR, ...options });
    if (!result || result.outcome === 'rejected')
      throw new AppError('validation_failed', 'The contact is not valid', result?.errors ?? []);
    const contact = await this.deps.db.contact.findUniqueOrThrow({
      where: { id: result.contactId! },
      include: withTags,
    });
    return {
      outcome: result.outcome,
      contact: toContactView(contact),
      possibleDuplicates: result.possibleDuplicates ?? [],
      conflicts: result.conflicts ?? [],
    };
  }

  async importMany(rows: readonly unknown[], options: IntakeOptions = {}): Promise<ImportSummary> {
    return summarize(await this.deps.intake.intake(rows, { actor: IMPORT_ACTOR, ...options }), options);
  }

  /**
   * Imports a CSV as it arrives (spooled to a temporary file, then read in batches inside one
   * transaction): the same per-row outcome as `importMany`, plus how the columns were understood.
   * The outcomes go to a temporary file as the batches are done (memory stays bounded however
   * long the CSV), which `answer` reads back; the file is deleted once `answer` is done or fails.
   */
  async importCsv<T>(
    source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
    options: CsvImportOptions,
    answer: (summary: CsvImportSummary) => Promise<T>,
  ): Promise<T> {
    const outcomes = await ImportOutcomeFile.create();
    try {
      const csv = await this.intakeCsv(source, options, outcomes);
      return await answer({
        dryRun: options.dryRun ?? false,
        ...outcomes.counts,
        firstRejected: outcomes.firstRejected,
        rowsJson: () => outcomes.json(),
        format: csv.mapping.format,
        delimiter: csv.delimiter,
        headerLine: csv.headerLine,
        columns: csv.mapping.columns,
        unmappedColumns: csv.mapping.unmapped,
      });
    } finally {
      await outcomes.remove();
    }
  }

  /** Spools the CSV, then takes its rows in one transaction, each batch's outcomes to `outcomes`. */
  private async intakeCsv(
    source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
    options: CsvImportOptions,
    outcomes: ImportOutcomeFile,
  ): Promise<CsvContactFile> {
    const file = await spoolCsv(source, options.maxBytes ?? MAX_CSV_BYTES);
    try {
      const csv = await openCsvContacts(file.path, {
        delimiter: options.delimiter,
        maxRows: options.maxRows ?? MAX_CSV_ROWS,
      });
      const ownerId = options.ownerId;
      const batches = ownerId ? () => ownedBy(csv.batches(), ownerId) : () => csv.batches();
      await this.deps.intake.intakeStream(batches, outcomes, {
        actor: options.actor ?? IMPORT_ACTOR,
        dryRun: options.dryRun,
        timeoutMs: 10 * 60_000,
      });
      return csv;
    } finally {
      await file.remove();
    }
  }

  async update(id: string, patch: ContactPatch, actor: Actor = API_ACTOR): Promise<ContactView> {
    try {
      const row = await this.deps.db.$transaction(async (tx) => {
        const existing = await tx.contact.findFirst({ where: { id, ...NOT_TRASHED }, include: withTags });
        if (!existing) throw notFound('Contact', id);
        for (const key of MERGE_KEYS) {
          const value = patch[key];
          if (!value || value === existing[key]) continue;
          const owner = await tx.contact.findFirst({ where: { [key]: value }, select: { id: true, deletedAt: true } });
          if (owner)
            throw new AppError(
              'conflict',
              `Another contact${owner.deletedAt ? ' (in the trash)' : ''} already has this ${key === 'email' ? 'email' : 'LinkedIn profile'}`,
              { field: key, contactId: owner.id },
            );
        }
        const { tags, ...fields } = patch;
        const next = { ...existing, ...fields };
        if (patch.email !== undefined && patch.email !== existing.email)
          next.emailStatus = patch.emailStatus ?? 'found';
        if (!next.email) next.emailStatus = 'unknown';
        if (tags) {
          await tx.contactTag.deleteMany({ where: { contactId: id } });
          await tx.contactTag.createMany({ data: tags.map((tag) => ({ contactId: id, tag })) });
        }
        const updated = await tx.contact.update({
          where: { id },
          data: { ...fields, emailStatus: next.emailStatus, ...derivedKeys(next) },
          include: withTags,
        });
        const tagsOf = (r: typeof updated) => r.tags.map((t) => t.tag).sort();
        await recordChanges(
          tx,
          fieldChanges(
            id,
            actor,
            'updated',
            { ...existing, tags: tagsOf(existing) },
            { ...updated, tags: tagsOf(updated) },
            TRACKED_FIELDS,
          ),
          this.deps.clock(),
        );
        return updated;
      });
      return toContactView(row);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new AppError('conflict', 'Another contact already has this email or LinkedIn profile');
      }
      throw error;
    }
  }

  /** Full replacement of the editable fields: what `input` leaves out is cleared. */
  async replace(id: string, input: ContactReplace, actor: Actor = API_ACTOR): Promise<ContactView> {
    const patch: Record<string, unknown> = { fullName: input.fullName };
    for (const field of REPLACEABLE_FIELDS) {
      const value = input[field];
      if (field === 'emailStatus') {
        if (value !== undefined) patch[field] = value;
      } else patch[field] = value ?? (field === 'tags' ? [] : null);
    }
    return this.update(id, patch, actor);
  }

  /** Moves a contact to the trash (kept TRASH_RETENTION_DAYS, restorable); refused unless `by` may delete it. */
  async delete(id: string, by: Principal = API_PRINCIPAL): Promise<void> {
    await this.access.assertMayDelete(by, id);
    await this.trash(id, by.actor);
  }

  /** Dismisses a person a research task added: to the trash, while nobody else has touched them. */
  async dismiss(id: string, taskId: string, by: Principal): Promise<void> {
    await this.access.assertMayDismiss(by, id, taskId);
    await this.trash(id, by.actor);
  }

  private async trash(id: string, actor: Actor): Promise<void> {
    const now = this.deps.clock();
    await this.deps.db.$transaction(async (tx) => {
      const { count } = await tx.contact.updateMany({
        where: { id, ...NOT_TRASHED },
        data: { deletedAt: now, deletedBy: actor },
      });
      if (count === 0) throw notFound('Contact', id);
      await recordChanges(tx, [{ contactId: id, actor, action: 'deleted' }], now);
    });
  }

  /** Takes a contact out of the trash, as it was (its email and LinkedIn stayed reserved to it meanwhile). */
  async restore(id: string, by: Principal = API_PRINCIPAL): Promise<ContactView> {
    await this.access.assertMayDelete(by, id, 'restore');
    const now = this.deps.clock();
    const row = await this.deps.db.$transaction(async (tx) => {
      const { count } = await tx.contact.updateMany({
        where: { id, ...TRASHED },
        data: { deletedAt: null, deletedBy: null },
      });
      if (count === 0) {
        const live = await tx.contact.findFirst({ where: { id, ...NOT_TRASHED }, select: { id: true } });
        throw live ? new AppError('conflict', 'The contact is not in the trash') : notFound('Contact in the trash', id);
      }
      await recordChanges(tx, [{ contactId: id, actor: by.actor, action: 'restored' }], now);
      return tx.contact.findUniqueOrThrow({ where: { id }, include: withTags });
    });
    return toContactView(row);
  }

  /** The trash, most recently deleted first. */
  async listTrash(limit = 50): Promise<TrashedContactView[]> {
    const days = this.deps.trashRetentionDays ?? 30;
    const rows = await this.deps.db.contact.findMany({
      where: TRASHED,
      orderBy: { deletedAt: 'desc' },
      take: limit,
      select: { id: true, fullName: true, company: true, deletedAt: true, deletedBy: true },
    });
    return rows.map((r) => ({
      ...r,
      deletedAt: r.deletedAt!.toISOString(),
      purgeAt: new Date(r.deletedAt!.getTime() + days * 86_400_000).toISOString(),
    }));
  }

  /** Deletes for good what has been in the trash longer than the retention (with conversations and sources). */
  async purgeTrash(): Promise<number> {
    const cutoff = new Date(this.deps.clock().getTime() - (this.deps.trashRetentionDays ?? 30) * 86_400_000);
    const { count } = await this.deps.db.contact.deleteMany({ where: { deletedAt: { lt: cutoff } } });
    return count;
  }

  /** Who changed what and when, newest first — for live and trashed contacts alike. */
  async history(
    id: string,
    query: { limit: number; cursor?: string },
  ): Promise<{ data: ContactChangeView[]; nextCursor: string | null }> {
    const exists = await this.deps.db.contact.findUnique({ where: { id }, select: { id: true } });
    if (!exists) throw notFound('Contact', id);
    return listChanges(this.deps.db, id, query);
  }
}

import { toPage } from '../../pagination.js';
import type { Page } from '../../pagination.js';
import type { Db } from '../../db/database.js';
import type { Prisma } from '../../db/database.js';
import { isUniqueViolation } from '../../db/database-errors.js';
import { AppError, notFound } from '../../errors.js';
import { REPLACEABLE_FIELDS } from './contact.schemas.js';
import type { ContactDetailView, ContactListQuery, ContactPatch, ContactReplace, ContactView } from './contact.schemas.js';
import type { ContactIntake, IntakeOptions, IntakeRowResult } from './contact-intake.js';
import { toContactDetailView, toContactView } from './contact-views.js';
import { MERGE_KEYS } from './duplicate-criteria.js';
import type { CsvFormat } from './csv-import/csv-columns.js';
import { openCsvContacts } from './csv-import/csv-contact-rows.js';
import type { CsvDelimiter } from './csv-import/csv-contact-rows.js';
import { spoolCsv } from './csv-import/csv-spool.js';
import { companyKey, derivedKeys, searchTerms } from './text-keys.js';

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
}

export interface CsvImportSummary extends ImportSummary {
  format: CsvFormat;
  delimiter: CsvDelimiter;
  headerLine: number;
  columns: { column: string; field: string | null }[];
  unmappedColumns: string[];
}

export const MAX_CSV_BYTES = 50_000_000;
export const MAX_CSV_ROWS = 100_000;

function summarize(results: IntakeRowResult[], options: { dryRun?: boolean }): ImportSummary {
  const count = { created: 0, merged: 0, rejected: 0 };
  for (const r of results) count[r.outcome] += 1;
  return { dryRun: options.dryRun ?? false, ...count, rows: results };
}

const DEFAULT_PAGE_SIZE = 50;
const withTags = { tags: { select: { tag: true } } } as const;

/** Contacts: look up, list and search, create (with duplicate handling), change, delete, import, export. */
export class ContactService {
  constructor(private readonly deps: { db: Db; intake: ContactIntake; clock: () => Date }) {}

  async get(id: string): Promise<ContactDetailView> {
    const row = await this.deps.db.contact.findUnique({
      where: { id },
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
    const and: Prisma.ContactWhereInput[] = terms.map((term) => ({ searchText: { contains: term } }));
    // A query made only of separators ("%", "_") asks for nothing searchable: it matches nothing.
    if (terms.length === 0 && (query.q ?? '').trim() !== '') and.push({ id: { in: [] } });
    if (query.owner) and.push({ ownerId: query.owner });
    if (query.tag) and.push({ tags: { some: { tag: query.tag } } });
    if (query.company !== undefined) and.push({ companyKey: companyKey(query.company) });
    if (query.followUpDue === true) and.push({ nextFollowUpAt: { lte: this.deps.clock() } });
    if (query.followUpDue === false) and.push({ OR: [{ nextFollowUpAt: null }, { nextFollowUpAt: { gt: this.deps.clock() } }] });
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
    const [result] = await this.deps.intake.intake([input], options);
    if (!result || result.outcome === 'rejected') throw new AppError('validation_failed', 'The contact is not valid', result?.errors ?? []);
    const contact = await this.deps.db.contact.findUniqueOrThrow({ where: { id: result.contactId! }, include: withTags });
    return {
      outcome: result.outcome,
      contact: toContactView(contact),
      possibleDuplicates: result.possibleDuplicates ?? [],
      conflicts: result.conflicts ?? [],
    };
  }

  async importMany(rows: readonly unknown[], options: IntakeOptions = {}): Promise<ImportSummary> {
    return summarize(await this.deps.intake.intake(rows, options), options);
  }

  /**
   * Imports a CSV as it arrives (spooled to a temporary file, then read in batches inside one
   * transaction): the same per-row outcome as `importMany`, plus how the columns were understood.
   */
  async importCsv(source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>, options: CsvImportOptions = {}): Promise<CsvImportSummary> {
    const file = await spoolCsv(source, options.maxBytes ?? MAX_CSV_BYTES);
    try {
      const csv = await openCsvContacts(file.path, { delimiter: options.delimiter, maxRows: options.maxRows ?? MAX_CSV_ROWS });
      const results = await this.deps.intake.intakeStream(() => csv.batches(), { dryRun: options.dryRun, timeoutMs: 10 * 60_000 });
      return {
        ...summarize(results, options),
        format: csv.mapping.format,
        delimiter: csv.delimiter,
        headerLine: csv.headerLine,
        columns: csv.mapping.columns,
        unmappedColumns: csv.mapping.unmapped,
      };
    } finally {
      await file.remove();
    }
  }

  async update(id: string, patch: ContactPatch): Promise<ContactView> {
    try {
      const row = await this.deps.db.$transaction(async (tx) => {
        const existing = await tx.contact.findUnique({ where: { id } });
        if (!existing) throw notFound('Contact', id);
        for (const key of MERGE_KEYS) {
          const value = patch[key];
          if (!value || value === existing[key]) continue;
          const owner = await tx.contact.findFirst({ where: { [key]: value }, select: { id: true } });
          if (owner) throw new AppError('conflict', `Another contact already has this ${key === 'email' ? 'email' : 'LinkedIn profile'}`, { field: key, contactId: owner.id });
        }
        const { tags, ...fields } = patch;
        const next = { ...existing, ...fields };
        if (patch.email !== undefined && patch.email !== existing.email) next.emailStatus = patch.emailStatus ?? 'found';
        if (!next.email) next.emailStatus = 'unknown';
        if (tags) {
          await tx.contactTag.deleteMany({ where: { contactId: id } });
          await tx.contactTag.createMany({ data: tags.map((tag) => ({ contactId: id, tag })) });
        }
        return tx.contact.update({
          where: { id },
          data: { ...fields, emailStatus: next.emailStatus, ...derivedKeys(next) },
          include: withTags,
        });
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
  async replace(id: string, input: ContactReplace): Promise<ContactView> {
    const patch: Record<string, unknown> = { fullName: input.fullName };
    for (const field of REPLACEABLE_FIELDS) {
      const value = input[field];
      if (field === 'emailStatus') {
        if (value !== undefined) patch[field] = value;
      } else patch[field] = value ?? (field === 'tags' ? [] : null);
    }
    return this.update(id, patch as ContactPatch);
  }

  async delete(id: string): Promise<void> {
    const { count } = await this.deps.db.contact.deleteMany({ where: { id } });
    if (count === 0) throw notFound('Contact', id);
  }
}

import { v7 as uuidv7 } from 'uuid';

import { insertRows } from '../../db/bulk-insert.js';
import { isUniqueViolation } from '../../db/database-errors.js';
import { Prisma, type Contact, type Db, type ResearchSource } from '../../db/database.js';
import type { Logger } from '../../logging/logger.js';
import { fieldErrors, type FieldError } from '../field-errors.js';
import { recordChanges, researchActor, type Actor } from '../history/contact-history.js';
import { mergeContact, type MergeableContact, type MergeConflict } from './contact-merger.js';
import { ContactCreateSchema, type ContactCreate } from './contact.schemas.js';
import { LIKELY_DUPLICATE_KEYS, MERGE_KEYS, type MergeKey } from './duplicate-criteria.js';
import { noteConflict, planWrite, type ContactState, type Existing, type Group } from './intake-plan.js';
import { derivedKeys } from './text-keys.js';
import { NOT_TRASHED } from './trash.js';

export interface IntakeRowResult {
  /** Position of the row in the input. */
  index: number;
  /** Line of the row in an imported file (1-based). */
  line?: number;
  outcome: 'created' | 'merged' | 'rejected';
  contactId?: string;
  /** Why a row was rejected. */
  errors?: FieldError[];
  /** Existing contacts with the same name at the same company: reported, not merged. */
  possibleDuplicates?: string[];
  /** Values offered that differ from what the contact already had (the known value was kept). */
  conflicts?: MergeConflict[];
}

export interface IntakeOptions {
  /** The research task these contacts come from: sources and task links point at it. */
  taskId?: string;
  /** Who is adding them, for the history (default: the research task, else `api`). */
  actor?: Actor;
  /** Work out every row's outcome, then roll everything back: nothing is written. */
  dryRun?: boolean;
  /** How long the one transaction of a streamed intake may take (default 2 minutes). */
  timeoutMs?: number;
}

/** One row of a streamed intake: the contact as received, or why it could not even be read (a malformed CSV line). */
export interface IntakeItem {
  index: number;
  row?: unknown;
  /** Set: the row is rejected with these errors, without validation. */
  unreadable?: FieldError[];
  /** Where the row is in its file (1-based), reported back. */
  line?: number;
}

/**
 * Where a streamed intake puts each batch's outcomes as soon as the batch is done, so that a large
 * file's outcomes need not all be held in memory (see `ImportOutcomeFile`).
 */
export interface IntakeSink {
  /** An attempt of the transaction begins (again, after a retry): forget what an earlier attempt reported. */
  restart(): Promise<void> | void;
  /** The outcomes of one batch, in input order (in a dry run, created rows have no `contactId`). */
  add(results: IntakeRowResult[]): Promise<void> | void;
}

/** Thrown inside the transaction to roll a dry run back. */
class DryRunRollback extends Error {
  constructor() {
    super('dry run');
  }
}

/** One person in the batch: the rows that share an email or LinkedIn URL, merged in memory. */
type Tx = Prisma.TransactionClient;

const CHUNK = 500;

const CONTACT_COLUMNS = [
  'id',
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
  'nameKey',
  'companyKey',
  'searchText',
  'keysVersion',
  'createdAt',
  'updatedAt',
] as const satisfies readonly (keyof Contact)[];
const SOURCE_COLUMNS = [
  'id',
  'contactId',
  'taskId',
  'url',
  'pageTitle',
  'quote',
  'field',
  'authority',
  'agreeingSites',
  'fetchedAt',
  'createdAt',
] as const satisfies readonly (keyof ResearchSource)[];
const MAX_ATTEMPTS = 3;

const chunks = <T>(items: T[], size = CHUNK): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

function toMergeable(input: ContactCreate): MergeableContact {
  const email = input.email ?? null;
  return {
    fullName: input.fullName,
    title: input.title ?? null,
    company: input.company ?? null,
    companyDomain: input.companyDomain ?? null,
    email,
    emailStatus: email ? (input.emailStatus ?? 'found') : 'unknown',
    phone: input.phone ?? null,
    linkedinUrl: input.linkedinUrl ?? null,
    location: input.location ?? null,
    website: input.website ?? null,
    ownerId: input.ownerId ?? null,
    nextFollowUpAt: input.nextFollowUpAt ?? null,
    notes: input.notes ?? null,
    tags: input.tags ?? [],
  };
}

const sourceKey = (s: { url: string; field: string; quote: string }): string =>
  `${s.url}\u0000${s.field}\u0000${s.quote}`;

/**
 * The one way contacts enter the CRM — REST create, bulk import, research — with duplicate
 * handling: a shared email or LinkedIn URL merges into the existing contact (within the batch
 * too), the same name at the same company is reported. All of a batch is written in one
 * transaction; a row that fails validation is rejected alone.
 */
export class ContactIntake {
  constructor(private readonly deps: { db: Db; clock: () => Date; logger: Logger }) {}

  /** Rows held in memory (a request body, a research task's contacts): their outcomes in input order. */
  async intake(rows: readonly unknown[], options: IntakeOptions = {}): Promise<IntakeRowResult[]> {
    const items = rows.map((row, index): IntakeItem => ({ index, row }));
    let results: IntakeRowResult[] = [];
    await this.intakeStream(
      async function* () {
        yield items;
      },
      {
        restart: () => {
          results = [];
        },
        add: (batch) => {
          results = results.concat(batch);
        },
      },
      options,
    );
    return results;
  }

  /**
   * Takes rows in batches (bounded memory for large files) inside one transaction: all of it is
   * written or none. Each batch's outcomes go to `sink` in input order as soon as the batch is
   * done. `batches` is called again, and `sink` restarted, if the transaction has to be retried.
   */
  async intakeStream(
    batches: () => AsyncIterable<IntakeItem[]>,
    sink: IntakeSink,
    options: IntakeOptions = {},
  ): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.deps.db.$transaction(
          async (tx) => {
            await sink.restart();
            for await (const batch of batches()) {
              const results = await this.intakeBatch(tx, batch, options);
              // A dry run stores nothing: a created row has no contact to point at.
              await sink.add(options.dryRun ? results.map(withoutNewContact) : results);
            }
            if (options.dryRun) throw new DryRunRollback();
          },
          { maxWait: 10_000, timeout: options.timeoutMs ?? 120_000 },
        );
        return;
      } catch (error) {
        if (error instanceof DryRunRollback) return;
        // Another writer created one of these people between our lookup and our insert: look again.
        if (!isUniqueViolation(error) || attempt >= MAX_ATTEMPTS) throw error;
        this.deps.logger.debug({ attempt }, 'contact intake raced another writer; retrying');
      }
    }
  }

  private async intakeBatch(tx: Tx, batch: IntakeItem[], options: IntakeOptions): Promise<IntakeRowResult[]> {
    const results = new Map<number, IntakeRowResult>();
    const valid: { index: number; data: ContactCreate }[] = [];
    for (const item of batch) {
      const base = item.line === undefined ? { index: item.index } : { index: item.index, line: item.line };
      if (item.unreadable) {
        results.set(item.index, { ...base, outcome: 'rejected', errors: item.unreadable });
        continue;
      }
      const parsed = ContactCreateSchema.safeParse(item.row);
      if (parsed.success) valid.push({ index: item.index, data: parsed.data });
      else results.set(item.index, { ...base, outcome: 'rejected', errors: fieldErrors(parsed.error) });
    }
    if (valid.length > 0) {
      const lines = new Map(batch.filter((i) => i.line !== undefined).map((i) => [i.index, i.line!]));
      for (const r of await this.write(tx, groupBatch(valid), options)) {
        const line = lines.get(r.index);
        results.set(r.index, line === undefined ? r : { ...r, line });
      }
    }
    return batch.map((item) => results.get(item.index)!);
  }

  private async write(tx: Tx, allGroups: Group[], options: IntakeOptions): Promise<IntakeRowResult[]> {
    const now = this.deps.clock();
    const actor = options.actor ?? (options.taskId ? researchActor(options.taskId) : 'api');
    const existing = await findByMergeKeys(tx, allGroups);
    const { groups, blocked, history, states, created, groupTarget } = planWrite(allGroups, existing, actor, uuidv7);

    const possibleDuplicates = await findLikelyDuplicates(tx, created);

    const contactRows = created.map(({ group, id }): Omit<Contact, 'deletedAt' | 'deletedBy'> => {
      const { tags: _tags, ...fields } = group.contact;
      return { id, ...fields, ...derivedKeys(group.contact), createdAt: now, updatedAt: now };
    });
    await insertRows(tx, 'Contact', CONTACT_COLUMNS, contactRows);
    await insertRows(
      tx,
      'ContactTag',
      ['contactId', 'tag'],
      created.flatMap(({ group, id }) => group.contact.tags.map((tag) => ({ contactId: id, tag }))),
    );
    for (const state of states.values()) {
      if (Object.keys(state.changes).length > 0) {
        const { tags: _tags, ...changes } = state.changes;
        await tx.contact.update({ where: { id: state.id }, data: { ...changes, ...derivedKeys(state.current) } });
      }
      if (state.addedTags.length > 0) {
        await tx.contactTag.createMany({
          data: [...new Set(state.addedTags)].map((tag) => ({ contactId: state.id, tag })),
        });
      }
    }

    for (const { id } of created) history.push({ contactId: id, actor, action: 'created' });
    await recordChanges(tx, history, now);
    await writeSources(tx, groups, groupTarget, states, options.taskId, now);
    if (options.taskId) {
      const links = new Map<string, 'new' | 'merged'>();
      for (const { id, outcome } of groupTarget.values())
        if (!links.has(id) || outcome === 'created') links.set(id, outcome === 'created' ? 'new' : 'merged');
      const taskId = options.taskId;
      await insertRows(
        tx,
        'ResearchTaskContact',
        ['taskId', 'contactId', 'outcome'],
        [...links].map(([contactId, outcome]) => ({ taskId, contactId, outcome })),
      );
    }

    return [
      ...blocked,
      ...groups.flatMap((group) => {
        const target = groupTarget.get(group)!;
        return group.rows.map((index, i): IntakeRowResult => {
          const result: IntakeRowResult = {
            index,
            contactId: target.id,
            outcome: target.outcome === 'created' && i === 0 ? 'created' : 'merged',
          };
          const conflicts = group.conflicts.get(index);
          if (conflicts?.length) result.conflicts = conflicts;
          const duplicates = target.outcome === 'created' ? possibleDuplicates.get(target.id) : undefined;
          if (duplicates?.length) result.possibleDuplicates = duplicates;
          return result;
        });
      }),
    ];
  }
}

/** A row's outcome in a dry run: a created row has no contact (it was rolled back). */
function withoutNewContact(r: IntakeRowResult): IntakeRowResult {
  const fields = Object.entries(r).filter(
    ([k, v]) => v !== undefined && !(k === 'contactId' && r.outcome === 'created'),
  );
  return Object.fromEntries(fields) as unknown as IntakeRowResult;
}

/** Rows of one batch that share a merge key become one group, merged in memory in input order. */
function groupBatch(rows: { index: number; data: ContactCreate }[]): Group[] {
  const groups: Group[] = [];
  const byKey = new Map<string, Group>();
  for (const { index, data } of rows) {
    const incoming = toMergeable(data);
    const keyOf = (key: MergeKey) => (incoming[key] ? `${key}:${incoming[key]}` : undefined);
    const owners = MERGE_KEYS.map((key) => {
      const k = keyOf(key);
      return k ? byKey.get(k) : undefined;
    });
    const group = owners.find(Boolean);
    if (!group) {
      const fresh: Group = {
        rows: [index],
        contact: incoming,
        sources: [...(data.sources ?? [])],
        conflicts: new Map(),
      };
      groups.push(fresh);
      for (const key of MERGE_KEYS) {
        const k = keyOf(key);
        if (k) byKey.set(k, fresh);
      }
      continue;
    }
    group.rows.push(index);
    MERGE_KEYS.forEach((key, i) => {
      const owner = owners[i];
      if (owner && owner !== group) {
        noteConflict(group, { field: key, kept: `belongs to row ${owner.rows[0]}`, offered: incoming[key] as string });
        incoming[key] = null;
      }
    });
    const merged = mergeContact(group.contact, incoming);
    for (const conflict of merged.conflicts) noteConflict(group, conflict);
    group.contact = { ...group.contact, ...merged.changes, tags: [...group.contact.tags, ...merged.addedTags] };
    group.sources.push(...(data.sources ?? []));
    for (const key of MERGE_KEYS) {
      const value = group.contact[key];
      if (value) byKey.set(`${key}:${value}`, group);
    }
  }
  return groups;
}

async function findByMergeKeys(tx: Tx, groups: Group[]): Promise<Existing> {
  const found: Existing = new Map();
  for (const key of MERGE_KEYS) {
    const values = [...new Set(groups.map((g) => g.contact[key]).filter((v): v is string => Boolean(v)))];
    for (const part of chunks(values)) {
      const rows = await tx.contact.findMany({
        where: { [key]: { in: part } },
        include: { tags: { select: { tag: true } } },
      });
      for (const row of rows) {
        const { deletedAt, deletedBy: _deletedBy, ...fields } = row;
        const current: MergeableContact = { ...fields, tags: row.tags.map((t) => t.tag) };
        for (const k of MERGE_KEYS)
          if (row[k]) found.set(`${k}:${row[k]}`, { id: row.id, current, trashed: deletedAt !== null });
      }
    }
  }
  return found;
}

/** New contacts that share name and company with an existing one, or with an earlier row. */
async function findLikelyDuplicates(tx: Tx, created: { group: Group; id: string }[]): Promise<Map<string, string[]>> {
  const [nameField, companyField] = LIKELY_DUPLICATE_KEYS;
  const keyOf = (k: { nameKey: string; companyKey: string }) => `${k.nameKey}\u0000${k.companyKey}`;
  const candidates = created
    .map(({ group, id }) => ({ id, ...derivedKeys(group.contact) }))
    .filter((c) => c.nameKey !== '' && c.companyKey !== '');
  const known = new Map<string, string[]>();
  for (const part of chunks([...new Set(candidates.map((c) => c.nameKey))])) {
    const rows = await tx.contact.findMany({
      where: { [nameField]: { in: part }, ...NOT_TRASHED },
      select: { id: true, nameKey: true, companyKey: true },
    });
    for (const row of rows) {
      if (!row[companyField]) continue;
      known.set(keyOf(row), [...(known.get(keyOf(row)) ?? []), row.id]);
    }
  }
  const result = new Map<string, string[]>();
  for (const c of candidates) {
    const same = known.get(keyOf(c)) ?? [];
    if (same.length > 0) result.set(c.id, [...same]);
    known.set(keyOf(c), [...same, c.id]);
  }
  return result;
}

async function writeSources(
  tx: Tx,
  groups: Group[],
  groupTarget: Map<Group, { id: string }>,
  states: Map<string, ContactState>,
  taskId: string | undefined,
  now: Date,
): Promise<void> {
  const seen = new Set<string>();
  const mergedIds = [...states.keys()];
  for (const part of chunks(mergedIds)) {
    const rows = await tx.researchSource.findMany({
      where: { contactId: { in: part } },
      select: { contactId: true, url: true, field: true, quote: true },
    });
    for (const row of rows) seen.add(`${row.contactId}\u0000${sourceKey(row)}`);
  }
  const data: Omit<ResearchSource, 'missingSince'>[] = [];
  for (const group of groups) {
    const contactId = groupTarget.get(group)!.id;
    for (const source of group.sources) {
      const key = `${contactId}\u0000${sourceKey(source)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      data.push({
        id: uuidv7(),
        contactId,
        taskId: taskId ?? null,
        url: source.url,
        pageTitle: source.pageTitle ?? null,
        quote: source.quote,
        field: source.field,
        authority: source.authority ?? null,
        agreeingSites: source.agreeingSites ?? null,
        fetchedAt: source.fetchedAt ?? now,
        createdAt: now,
      });
    }
  }
  await insertRows(tx, 'ResearchSource', SOURCE_COLUMNS, data);
}

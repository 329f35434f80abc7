import { v7 as uuidv7 } from 'uuid';

import type { Db } from '../../db/database.js';
import { notFound } from '../../errors.js';
import { mergeContact, type MergeableContact } from './contact-merger.js';
import { ContactCreateSchema, type ContactCreate } from './contact.schemas.js';
import { derivedKeys } from './text-keys.js';

/** What an enrichment changed on a contact; kept on its task. */
export interface EnrichmentChanges {
  contactId: string;
  /** Whether the research found this person (not only namesakes). */
  matched: boolean;
  /** Empty fields filled, with the value. */
  filled: { field: string; value: string }[];
  /** A found value that differs from the known one: the known value is kept; both come with their sources. */
  conflicts: { field: string; kept: string; keptSources: string[]; offered: string; offeredSources: string[] }[];
  sourcesAdded: number;
  /** People the research found with this name who are not this contact. */
  namesakes: { fullName: string; company: string | null; reason: string }[];
}

/** Who the enrichment must find: the known contact's anchors. */
export interface EnrichmentAnchors {
  contactId: string;
  fullName: string;
  company: string | null;
  email: string | null;
  linkedinUrl: string | null;
}

const show = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));

/**
 * Enrichment's merge policy: research about one known contact goes into that contact — and only
 * if it is that person. A candidate is this person when it shares the known email or LinkedIn
 * profile, or, lacking those, has the same name and does not name another company or another
 * email/profile. Then empty fields are filled, a differing value is a conflict (the known value
 * stays; both values are reported with their sources) and new sources are attached to the task.
 */
export class ContactEnrichment {
  constructor(private readonly deps: { db: Db; clock: () => Date }) {}

  async merge(contactId: string, candidates: readonly unknown[], taskId: string): Promise<EnrichmentChanges> {
    return this.deps.db.$transaction(async (tx) => {
      const row = await tx.contact.findUnique({
        where: { id: contactId },
        include: { tags: { select: { tag: true } }, sources: true },
      });
      if (!row) throw notFound('Contact', contactId);
      const existing: MergeableContact = { ...row, tags: row.tags.map((t) => t.tag) };
      const changes: EnrichmentChanges = {
        contactId,
        matched: false,
        filled: [],
        conflicts: [],
        sourcesAdded: 0,
        namesakes: [],
      };
      const known = derivedKeys(existing);
      let person: ContactCreate | undefined;
      for (const raw of candidates) {
        const parsed = ContactCreateSchema.safeParse(raw);
        if (!parsed.success) continue;
        const candidate = parsed.data;
        const reason = notThisPerson(existing, known, candidate);
        if (reason || person) {
          changes.namesakes.push({
            fullName: candidate.fullName,
            company: candidate.company ?? null,
            reason: reason ?? 'another person with this name was already taken as the contact',
          });
          continue;
        }
        person = candidate;
      }
      if (!person) return changes;
      changes.matched = true;

      const incoming: Partial<MergeableContact> = {
        title: person.title ?? null,
        company: person.company ?? null,
        companyDomain: person.companyDomain ?? null,
        email: person.email ?? null,
        emailStatus: person.email ? (person.emailStatus ?? 'found') : undefined,
        phone: person.phone ?? null,
        linkedinUrl: person.linkedinUrl ?? null,
        location: person.location ?? null,
        website: person.website ?? null,
      };
      // An email or profile that belongs to another contact stays with it.
      for (const key of ['email', 'linkedinUrl'] as const) {
        const value = incoming[key];
        if (!value || value === existing[key]) continue;
        const owner = await tx.contact.findFirst({
          where: { [key]: value, id: { not: contactId } },
          select: { id: true },
        });
        if (owner) {
          changes.conflicts.push({
            field: key,
            kept: existing[key] ?? `belongs to contact ${owner.id}`,
            keptSources: [],
            offered: value,
            offeredSources: sourcesOf(person, key),
          });
          incoming[key] = null;
        }
      }
      const merged = mergeContact(existing, incoming);
      for (const [field, value] of Object.entries(merged.changes)) {
        if (field === 'emailStatus' || field === 'notes' || value === null || value === undefined) continue;
        changes.filled.push({ field, value: show(value) });
      }
      for (const conflict of merged.conflicts) {
        const keptSources = [...new Set(row.sources.filter((s) => s.field === conflict.field).map((s) => s.url))];
        changes.conflicts.push({
          field: conflict.field,
          kept: conflict.kept,
          keptSources,
          offered: conflict.offered,
          offeredSources: sourcesOf(person, conflict.field),
        });
      }
      const now = this.deps.clock();
      if (Object.keys(merged.changes).length > 0) {
        const next = { ...existing, ...merged.changes };
        await tx.contact.update({ where: { id: contactId }, data: { ...merged.changes, ...derivedKeys(next) } });
      }
      const seen = new Set(row.sources.map((s) => `${s.url}\u0000${s.field}\u0000${s.quote}`));
      const fresh = (person.sources ?? []).filter((s) => {
        const key = `${s.url}\u0000${s.field}\u0000${s.quote}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      if (fresh.length > 0) {
        await tx.researchSource.createMany({
          data: fresh.map((s) => ({
            id: uuidv7(),
            contactId,
            taskId,
            url: s.url,
            pageTitle: s.pageTitle ?? null,
            quote: s.quote,
            field: s.field,
            fetchedAt: s.fetchedAt ?? now,
            createdAt: now,
          })),
        });
      }
      // A source the research read again shows its fact again.
      const reconfirmed = row.sources.filter(
        (s) =>
          s.missingSince &&
          (person.sources ?? []).some((n) => n.url === s.url && n.field === s.field && n.quote === s.quote),
      );
      if (reconfirmed.length > 0)
        await tx.researchSource.updateMany({
          where: { id: { in: reconfirmed.map((s) => s.id) } },
          data: { missingSince: null, fetchedAt: now },
        });
      changes.sourcesAdded = fresh.length;
      const link = await tx.researchTaskContact.findFirst({ where: { taskId, contactId } });
      if (!link) await tx.researchTaskContact.create({ data: { taskId, contactId, outcome: 'merged' } });
      return changes;
    });
  }
}

const sourcesOf = (person: ContactCreate, field: string): string[] => [
  ...new Set((person.sources ?? []).filter((s) => s.field === field).map((s) => s.url)),
];

/** Why `candidate` is not the known contact, or undefined when it is. */
function notThisPerson(
  existing: MergeableContact,
  known: { nameKey: string; companyKey: string },
  candidate: ContactCreate,
): string | undefined {
  const sameEmail = Boolean(existing.email && candidate.email && existing.email === candidate.email);
  const sameProfile = Boolean(
    existing.linkedinUrl && candidate.linkedinUrl && existing.linkedinUrl === candidate.linkedinUrl,
  );
  if (sameEmail || sameProfile) return undefined;
  const keys = derivedKeys({
    fullName: candidate.fullName,
    company: candidate.company ?? null,
    title: null,
    email: null,
  });
  if (keys.nameKey !== known.nameKey) return 'another name';
  if (existing.email && candidate.email) return `another email (${candidate.email})`;
  if (existing.linkedinUrl && candidate.linkedinUrl) return 'another LinkedIn profile';
  if (known.companyKey && keys.companyKey && keys.companyKey !== known.companyKey)
    return `same name at another company (${candidate.company})`;
  return undefined;
}

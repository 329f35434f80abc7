import type { EmailStatus } from './contact.schemas.js';
import { EMAIL_STATUS_RANK } from './duplicate-criteria.js';

/** The fields a merge may fill. `fullName` is never changed by a merge. */
export const MERGEABLE_FIELDS = [
  'title',
  'company',
  'companyDomain',
  'email',
  'phone',
  'linkedinUrl',
  'location',
  'website',
  'ownerId',
  'nextFollowUpAt',
] as const;
type MergeableField = (typeof MERGEABLE_FIELDS)[number];

export type MergeableContact = { fullName: string; emailStatus: EmailStatus; notes: string | null; tags: string[] } & {
  [K in MergeableField]: K extends 'nextFollowUpAt' ? Date | null : string | null;
};

export interface MergeConflict {
  field: string;
  kept: string;
  offered: string;
}

export interface MergeResult {
  /** Only the fields that change. */
  changes: Partial<Omit<MergeableContact, 'tags'>>;
  addedTags: string[];
  conflicts: MergeConflict[];
}

const show = (v: string | Date): string => (v instanceof Date ? v.toISOString() : v);
const same = (a: string | Date, b: string | Date): boolean => show(a) === show(b);

/**
 * Merges what arrived into what is known: empty fields are filled, known values are kept (a
 * differing offer is reported as a conflict), a weaker email never replaces a stronger one, tags are
 * united and new notes appended. Pure: the caller writes `changes`.
 */
export function mergeContact(existing: MergeableContact, incoming: Partial<MergeableContact>): MergeResult {
  const changes: MergeResult['changes'] = {};
  const conflicts: MergeConflict[] = [];
  for (const field of MERGEABLE_FIELDS) {
    const offered = incoming[field];
    const known = existing[field];
    if (offered === null || offered === undefined) continue;
    // Who owns a contact decides who may delete it: a merge (research, an import, a create that
    // matched) never assigns an owner; a differing one is reported like any other conflict.
    if (known === null && field === 'ownerId') continue;
    if (known === null) {
      (changes as Record<string, unknown>)[field] = offered;
      if (field === 'email') changes.emailStatus = incoming.emailStatus ?? 'found';
      continue;
    }
    if (same(known, offered)) {
      if (
        field === 'email' &&
        incoming.emailStatus &&
        EMAIL_STATUS_RANK[incoming.emailStatus] > EMAIL_STATUS_RANK[existing.emailStatus]
      ) {
        changes.emailStatus = incoming.emailStatus;
      }
      continue;
    }
    if (
      field === 'email' &&
      incoming.emailStatus &&
      EMAIL_STATUS_RANK[incoming.emailStatus] > EMAIL_STATUS_RANK[existing.emailStatus]
    ) {
      // A better-backed address replaces a weaker one (a found email over a guessed one).
      conflicts.push({ field, kept: show(offered), offered: show(known) });
      changes.email = offered as string;
      changes.emailStatus = incoming.emailStatus;
      continue;
    }
    conflicts.push({ field, kept: show(known), offered: show(offered) });
  }
  if (incoming.notes && !(existing.notes ?? '').includes(incoming.notes)) {
    changes.notes = existing.notes ? `${existing.notes}\n\n${incoming.notes}` : incoming.notes;
  }
  const knownTags = new Set(existing.tags);
  const addedTags = (incoming.tags ?? []).filter((t) => !knownTags.has(t));
  return { changes, addedTags, conflicts };
}

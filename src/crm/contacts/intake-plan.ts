import { fieldChanges, type Actor, type ChangeEntry } from '../history/contact-history.js';
import { mergeContact, type MergeableContact, type MergeConflict } from './contact-merger.js';
import type { SourceInput } from './contact.schemas.js';
import { MERGE_KEYS } from './duplicate-criteria.js';

/** Input rows that share a merge key, merged in memory into one contact. */
export interface Group {
  rows: number[];
  contact: MergeableContact;
  sources: SourceInput[];
  conflicts: Map<number, MergeConflict[]>;
}

/** An existing contact as the batch changes it. */
export interface ContactState {
  id: string;
  current: MergeableContact;
  changes: Partial<MergeableContact>;
  addedTags: string[];
}

/** Existing contacts by `"<merge key>:<value>"` (email, LinkedIn URL). */
export type Existing = Map<string, { id: string; current: MergeableContact; trashed: boolean }>;

/** A row the batch refused, as the intake reports it. */
export interface BlockedRow {
  index: number;
  outcome: 'rejected';
  contactId: string;
  errors: { path: string; message: string }[];
}

export interface WritePlan {
  /** The groups to write (those not blocked by a contact in the trash). */
  groups: Group[];
  blocked: BlockedRow[];
  /** The history of the merges (creations are recorded once their rows are written). */
  history: ChangeEntry[];
  /** Existing contacts the batch changes, by id. */
  states: Map<string, ContactState>;
  /** New contacts, with the id each will have. */
  created: { group: Group; id: string }[];
  /** Where each group went. */
  groupTarget: Map<Group, { id: string; outcome: 'created' | 'merged' }>;
}

export function noteConflict(group: Group, conflict: MergeConflict): void {
  const row = group.rows[group.rows.length - 1]!;
  const list = group.conflicts.get(row) ?? [];
  list.push(conflict);
  group.conflicts.set(row, list);
}

/**
 * What a batch does to the contacts it meets, decided without I/O: each group is created (with an
 * id from `newId`) or merged into the existing contact that has one of its merge keys; a key that
 * belongs to another existing contact stays there (a conflict on the group's last row); a group
 * whose key belongs to a contact in the trash is refused. Groups' contacts and conflicts are
 * updated in place, as the rows' results report them.
 */
export function planWrite(allGroups: Group[], existing: Existing, actor: Actor, newId: () => string): WritePlan {
  // A person whose email or LinkedIn belongs to a contact in the trash is not added again: the
  // trashed contact keeps them, so restoring it never makes a duplicate. The row says so.
  const blocked: BlockedRow[] = [];
  const groups = allGroups.filter((group) => {
    const trashed = MERGE_KEYS.find(
      (key) => group.contact[key] && existing.get(`${key}:${group.contact[key]}`)?.trashed,
    );
    if (!trashed) return true;
    const owner = existing.get(`${trashed}:${group.contact[trashed]}`)!;
    for (const index of group.rows) {
      blocked.push({
        index,
        outcome: 'rejected',
        contactId: owner.id,
        errors: [
          { path: trashed, message: `belongs to a contact in the trash (${owner.id}); restore it to add to it` },
        ],
      });
    }
    return false;
  });
  const history: ChangeEntry[] = [];
  const states = new Map<string, ContactState>();
  const created: { group: Group; id: string }[] = [];
  const groupTarget = new Map<Group, { id: string; outcome: 'created' | 'merged' }>();

  for (const group of groups) {
    const matches = MERGE_KEYS.map((key) =>
      group.contact[key] ? existing.get(`${key}:${group.contact[key]}`) : undefined,
    );
    const target = matches.find(Boolean);
    // A key that belongs to another existing contact stays with that contact.
    MERGE_KEYS.forEach((key, i) => {
      const owner = matches[i];
      if (owner && owner.id !== target?.id) {
        noteConflict(group, {
          field: key,
          kept: `belongs to contact ${owner.id}`,
          offered: group.contact[key] as string,
        });
        group.contact = { ...group.contact, [key]: null };
      }
    });
    if (!target) {
      const id = newId();
      created.push({ group, id });
      groupTarget.set(group, { id, outcome: 'created' });
      continue;
    }
    let state = states.get(target.id);
    if (!state) {
      state = { id: target.id, current: target.current, changes: {}, addedTags: [] };
      states.set(target.id, state);
    }
    const merged = mergeContact(state.current, group.contact);
    const before = state.current;
    state.current = { ...state.current, ...merged.changes, tags: [...state.current.tags, ...merged.addedTags] };
    history.push(
      ...fieldChanges(target.id, actor, 'merged', before, state.current, [
        ...Object.keys(merged.changes).filter((k) => k !== 'tags'),
        ...(merged.addedTags.length ? ['tags'] : []),
      ]),
    );
    Object.assign(state.changes, merged.changes);
    state.addedTags.push(...merged.addedTags);
    for (const conflict of merged.conflicts) noteConflict(group, conflict);
    groupTarget.set(group, { id: target.id, outcome: 'merged' });
  }
  return { groups, blocked, history, states, created, groupTarget };
}

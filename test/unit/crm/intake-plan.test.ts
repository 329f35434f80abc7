import { describe, expect, it } from 'vitest';

import type { MergeableContact } from '../../../src/crm/contacts/contact-merger.js';
import { planWrite, type Existing, type Group } from '../../../src/crm/contacts/intake-plan.js';

const contact = (fields: Partial<MergeableContact> & { fullName: string }): MergeableContact => ({
  title: null,
  company: null,
  companyDomain: null,
  email: null,
  emailStatus: 'unknown',
  phone: null,
  linkedinUrl: null,
  location: null,
  website: null,
  ownerId: null,
  nextFollowUpAt: null,
  notes: null,
  tags: [],
  ...fields,
});
const group = (rows: number[], fields: Partial<MergeableContact> & { fullName: string }): Group => ({
  rows,
  contact: contact(fields),
  sources: [],
  conflicts: new Map(),
});
const ids = () => {
  let n = 0;
  return () => `new-${++n}`;
};

describe('planWrite (what a batch does to the contacts it meets)', () => {
  it('creates a group no existing contact has a key of, with the next id', () => {
    const plan = planWrite([group([0], { fullName: 'Ada New', email: 'ada@new.example' })], new Map(), 'api', ids());
    expect(plan.created.map((c) => c.id)).toEqual(['new-1']);
    expect([...plan.groupTarget.values()]).toEqual([{ id: 'new-1', outcome: 'created' }]);
    expect(plan.states.size).toBe(0);
    expect(plan.blocked).toEqual([]);
  });

  it('merges two groups into the existing contact with their key, filling empty fields in turn and recording each change', () => {
    const existing: Existing = new Map([
      [
        'email:bo@old.example',
        {
          id: 'c1',
          current: contact({ fullName: 'Bo Old', email: 'bo@old.example', emailStatus: 'found' }),
          trashed: false,
        },
      ],
    ]);
    const first = group([0], { fullName: 'Bo Old', email: 'bo@old.example', emailStatus: 'found', title: 'CTO' });
    const second = group([1], {
      fullName: 'Bo Old',
      email: 'bo@old.example',
      emailStatus: 'found',
      title: 'CEO',
      tags: ['vip'],
    });
    const plan = planWrite([first, second], existing, 'import', ids());
    expect(plan.created).toEqual([]);
    expect(plan.states.get('c1')).toMatchObject({
      changes: { title: 'CTO' },
      addedTags: ['vip'],
      current: { title: 'CTO', tags: ['vip'] },
    });
    // The second title differs from the one the first filled: kept, reported on its row.
    expect(second.conflicts.get(1)).toEqual([expect.objectContaining({ field: 'title', offered: 'CEO' })]);
    expect(plan.history).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ contactId: 'c1', actor: 'import', action: 'merged', field: 'title' }),
      ]),
    );
  });

  it('leaves a key that belongs to another contact with it, and refuses a group whose key is in the trash', () => {
    const existing: Existing = new Map([
      [
        'email:cy@one.example',
        { id: 'c1', current: contact({ fullName: 'Cy One', email: 'cy@one.example' }), trashed: false },
      ],
      [
        'linkedinUrl:https://www.linkedin.com/in/cy-two',
        { id: 'c2', current: contact({ fullName: 'Cy Two' }), trashed: false },
      ],
      ['email:gone@trash.example', { id: 'c3', current: contact({ fullName: 'Gone' }), trashed: true }],
    ]);
    const both = group([0], {
      fullName: 'Cy One',
      email: 'cy@one.example',
      linkedinUrl: 'https://www.linkedin.com/in/cy-two',
    });
    const trashed = group([1, 2], { fullName: 'Gone', email: 'gone@trash.example' });
    const plan = planWrite([both, trashed], existing, 'api', ids());
    expect(plan.groups).toEqual([both]);
    expect(plan.groupTarget.get(both)).toEqual({ id: 'c1', outcome: 'merged' });
    expect(both.contact.linkedinUrl).toBeNull();
    expect(both.conflicts.get(0)).toEqual([
      { field: 'linkedinUrl', kept: 'belongs to contact c2', offered: 'https://www.linkedin.com/in/cy-two' },
    ]);
    expect(plan.blocked.map((b) => [b.index, b.contactId, b.errors[0]!.path])).toEqual([
      [1, 'c3', 'email'],
      [2, 'c3', 'email'],
    ]);
  });
});

import { describe, expect, it } from 'vitest';

import { mergeContact, type MergeableContact } from '../../../src/crm/contacts/contact-merger.js';

const base: MergeableContact = {
  fullName: 'Jane Doe',
  title: 'Head of Sales',
  company: null,
  companyDomain: null,
  email: 'jane@acme.com',
  emailStatus: 'found',
  phone: null,
  linkedinUrl: null,
  location: null,
  website: null,
  ownerId: null,
  nextFollowUpAt: null,
  notes: 'Met at SaaStr',
  tags: ['fintech'],
};

describe('mergeContact', () => {
  it('fills empty fields and leaves known ones', () => {
    const result = mergeContact(base, {
      fullName: 'J. Doe',
      company: 'Acme',
      title: 'Head of Sales',
      location: 'London',
    });
    expect(result.changes).toEqual({ company: 'Acme', location: 'London' });
    expect(result.conflicts).toEqual([]);
  });

  it('keeps a known value that differs and reports it', () => {
    const result = mergeContact(base, { title: 'VP Sales' });
    expect(result.changes).toEqual({});
    expect(result.conflicts).toEqual([{ field: 'title', kept: 'Head of Sales', offered: 'VP Sales' }]);
  });

  it('never replaces a found email with a guessed one', () => {
    const result = mergeContact(base, { email: 'j.doe@acme.com', emailStatus: 'guessed' });
    expect(result.changes).toEqual({});
    expect(result.conflicts[0]).toMatchObject({ field: 'email', kept: 'jane@acme.com' });
  });

  it('replaces a guessed email with a found one, and upgrades the status of the same email', () => {
    const guessed = { ...base, emailStatus: 'guessed' as const };
    expect(mergeContact(guessed, { email: 'real@acme.com', emailStatus: 'found' }).changes).toEqual({
      email: 'real@acme.com',
      emailStatus: 'found',
    });
    expect(mergeContact(guessed, { email: 'jane@acme.com', emailStatus: 'verified' }).changes).toEqual({
      emailStatus: 'verified',
    });
    expect(mergeContact(base, { email: 'jane@acme.com', emailStatus: 'guessed' }).changes).toEqual({});
  });

  it('fills an empty email with its status', () => {
    const noEmail = { ...base, email: null, emailStatus: 'unknown' as const };
    expect(mergeContact(noEmail, { email: 'x@y.com', emailStatus: 'guessed' }).changes).toEqual({
      email: 'x@y.com',
      emailStatus: 'guessed',
    });
  });

  it('unites tags and appends new notes once', () => {
    const result = mergeContact(base, { tags: ['fintech', 'london'], notes: 'Prefers calls' });
    expect(result.addedTags).toEqual(['london']);
    expect(result.changes.notes).toBe('Met at SaaStr\n\nPrefers calls');
    expect(mergeContact(base, { notes: 'Met at SaaStr' }).changes).toEqual({});
  });

  it('compares dates by instant', () => {
    const withDate = { ...base, nextFollowUpAt: new Date('2026-12-01T00:00:00Z') };
    expect(mergeContact(withDate, { nextFollowUpAt: new Date('2026-12-01T00:00:00.000Z') }).conflicts).toEqual([]);
    expect(mergeContact(withDate, { nextFollowUpAt: new Date('2026-12-02T00:00:00Z') }).conflicts[0]).toMatchObject({
      field: 'nextFollowUpAt',
    });
  });
});

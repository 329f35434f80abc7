import { describe, expect, it } from 'vitest';

import { PageStore } from '../../../src/research/agent/page-store.js';
import { verifyContacts } from '../../../src/research/verification/contact-verifier.js';
import { readPage } from '../../../src/research/web/page-reader.js';
import { fixtureSubmission, RESEARCH_PAGES } from '../../support/research-fixtures.js';

const BASE = 'https://fixture.example';
function storeOf(...paths: string[]) {
  const store = new PageStore();
  for (const path of paths)
    store.add(BASE + path, readPage(BASE + path, RESEARCH_PAGES[path]!.body as string, 'text/html'));
  return store;
}
const person = (over: Record<string, unknown>) => ({
  fullName: 'X',
  title: null,
  company: null,
  email: null,
  linkedinUrl: null,
  location: null,
  sources: [{ url: `${BASE}/ledgerly/team`, quote: 'x', field: 'fullName' as const }],
  ...over,
});

describe('verifyContacts', () => {
  it('accepts what the pages show, drops what they do not, rejects who they do not name', () => {
    const report = verifyContacts(
      fixtureSubmission(BASE),
      storeOf('/ledgerly/team', '/ledgerly/press', '/events/speakers', '/blog/ai-notice'),
      10,
    );
    expect(report.accepted.map((c) => c.fullName)).toEqual([
      'Amara Okafor',
      'Tomás Brennan',
      'Priya Raman',
      'Jonas Weber',
    ]);
    expect(report.rejected).toEqual([
      { fullName: 'Olivia Invented', reason: 'the name is not on any page read during the research' },
      { fullName: 'John Hacker', reason: 'named only on a page that gives instructions to AI agents' },
    ]);
    // Structured data only corroborates what visitors see: Priya's email and LinkedIn are only in JSON-LD.
    expect(report.droppedFacts).toEqual([
      {
        fullName: 'Tomás Brennan',
        field: 'email',
        value: 'tomas.brennan@ledgerly.example',
        reason: 'not on any page read that names this person',
      },
      {
        fullName: 'Priya Raman',
        field: 'email',
        value: 'priya.raman@ledgerly.example',
        reason: "only in the page's structured data, not shown on the page",
      },
      {
        fullName: 'Priya Raman',
        field: 'linkedinUrl',
        value: 'https://www.linkedin.com/in/priya-raman',
        reason: "only in the page's structured data, not linked on the page",
      },
    ]);
  });

  it('matches ignoring case, accents and spacing, but on word boundaries', () => {
    const store = storeOf('/ledgerly/team');
    expect(verifyContacts([person({ fullName: 'tomas  BRENNAN' })], store, 10).accepted).toHaveLength(1);
    expect(verifyContacts([person({ fullName: 'Amara Oka' })], store, 10).accepted).toHaveLength(0);
    const titled = verifyContacts(
      [person({ fullName: 'Amara Okafor', title: 'head of sales', location: 'Lond' })],
      store,
      10,
    );
    expect(titled.accepted[0]).toMatchObject({ title: 'head of sales', location: null });
  });

  it('checks LinkedIn URLs in canonical form and emails against mailto links', () => {
    const store = storeOf('/ledgerly/team');
    const report = verifyContacts(
      [
        person({
          fullName: 'Amara Okafor',
          linkedinUrl: 'linkedin.com/in/AMARA-OKAFOR-LEDGERLY',
          email: 'AMARA@ledgerly.example',
        }),
      ],
      store,
      10,
    );
    expect(report.accepted[0]).toMatchObject({
      linkedinUrl: 'linkedin.com/in/AMARA-OKAFOR-LEDGERLY',
      email: 'AMARA@ledgerly.example',
    });
    expect(report.accepted[0]!.sources.map((s) => s.field)).toEqual(['fullName', 'email', 'linkedinUrl']);
  });

  it("keeps the model's own quote only when it is on the cited page and shows the value", () => {
    const store = storeOf('/ledgerly/team', '/ledgerly/press');
    const report = verifyContacts(
      [
        person({
          fullName: 'Priya Raman',
          title: 'Sales Director',
          sources: [
            { url: `${BASE}/ledgerly/press`, quote: 'Priya Raman joins as Sales Director', field: 'title' },
            { url: `${BASE}/ledgerly/press`, quote: 'Priya Raman, the best', field: 'fullName' },
          ],
        }),
      ],
      store,
      10,
    );
    const [contact] = report.accepted;
    expect(contact!.sources.find((s) => s.field === 'title')!.quote).toBe('Priya Raman joins as Sales Director');
    expect(contact!.sources.find((s) => s.field === 'fullName')!.quote).not.toBe('Priya Raman, the best');
  });

  it('stops at the number of people asked for', () => {
    const report = verifyContacts(
      fixtureSubmission(BASE).slice(0, 4),
      storeOf('/ledgerly/team', '/ledgerly/press', '/events/speakers'),
      2,
    );
    expect(report.accepted).toHaveLength(2);
    expect(report.rejected.map((r) => r.reason)).toEqual([
      'more than the 2 people asked for',
      'more than the 2 people asked for',
    ]);
  });

  it('accepts nobody when no page was read', () => {
    expect(verifyContacts(fixtureSubmission(BASE), new PageStore(), 10).accepted).toEqual([]);
  });
});

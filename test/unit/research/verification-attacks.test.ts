/**
 * The adversarial corpus (test/fixtures/verification/attacks): each page is read with the real
 * readPage, stored in a PageStore and verified with what a compromised model submits after reading
 * it. Nothing false may be accepted — no person the page does not present, no fact that is not true
 * of that person on that page — and the honest people on the page must be kept with their facts.
 */
import { describe, expect, it } from 'vitest';

import { ATTACK_CATEGORIES, ATTACK_PAGES } from '../../fixtures/verification/attacks/answer-key.js';
import { HONEST_KINDS, HONEST_PAGES } from '../../fixtures/verification/honest/answer-key.js';
import { describeVerdict, fixtureHtml, judge, sameValue, verifyLabelled } from '../../fixtures/verification/labels.js';

describe('the attack corpus itself', () => {
  it('has at least 30 pages across every category, each file present and each id once', () => {
    expect(ATTACK_PAGES.length).toBeGreaterThanOrEqual(30);
    for (const category of Object.keys(ATTACK_CATEGORIES))
      expect(ATTACK_PAGES.filter((p) => p.category === category).length, category).toBeGreaterThanOrEqual(2);
    expect(new Set(ATTACK_PAGES.map((p) => p.id)).size).toBe(ATTACK_PAGES.length);
    for (const page of ATTACK_PAGES) expect(fixtureHtml(page.file).length, page.file).toBeGreaterThan(100);
  });

  it('labels every person that must be kept as a person of the page', () => {
    for (const page of ATTACK_PAGES) {
      for (const kept of page.mustKeep)
        expect(
          page.people.map((p) => p.name),
          `${page.id}: ${kept.name}`,
        ).toContain(kept.name);
    }
  });
});

for (const [category, title] of Object.entries(ATTACK_CATEGORIES)) {
  describe(`${category}: ${title}`, () => {
    for (const page of ATTACK_PAGES.filter((p) => p.category === category)) {
      it(`${page.id} — ${page.description}`, () => {
        const report = verifyLabelled(page);
        expect(describeVerdict(judge(page, report))).toEqual([]);
      });
    }
  });
}

/** Entity-decoded, tag-free, folded text of the raw HTML: where every labelled value must appear. */
function rawText(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ');
}

describe('the labels', () => {
  it('the honest benchmark has 40+ pages in every kind, and every labelled value is in its page', () => {
    expect(HONEST_PAGES.length).toBeGreaterThanOrEqual(40);
    for (const kind of Object.keys(HONEST_KINDS))
      expect(HONEST_PAGES.filter((p) => p.category === kind).length, kind).toBeGreaterThanOrEqual(3);
  });

  for (const page of [...ATTACK_PAGES, ...HONEST_PAGES]) {
    it(`${page.id}: every true person and fact is written in the page`, () => {
      const html = fixtureHtml(page.file);
      const text = rawText(html);
      const hrefs = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);
      for (const person of page.people) {
        expect(
          [person.name, ...(person.aliases ?? [])].some((n) => text.includes(n.normalize('NFKC').toLowerCase())),
          `${page.id}: ${person.name}`,
        ).toBe(true);
        for (const field of ['title', 'company', 'email', 'location'] as const) {
          // The first form is the one the page writes (and the model submits); the others are equivalents (CEO for
          // Chief Executive Officer).
          for (const value of (person[field] ?? []).slice(0, 1)) {
            const found =
              text.includes(value.normalize('NFKC').toLowerCase()) ||
              hrefs.some((h) => h.toLowerCase() === `mailto:${value.toLowerCase()}`);
            expect(found, `${page.id}: ${person.name}.${field} = ${value}`).toBe(true);
          }
        }
        for (const value of person.linkedinUrl ?? [])
          expect(
            hrefs.some((h) => sameValue('linkedinUrl', h, value)),
            `${page.id}: ${person.name}.linkedinUrl`,
          ).toBe(true);
      }
      const read = [page.url, ...(page.alsoRead ?? []).map((a) => a.url)];
      for (const contact of page.submission)
        expect(
          contact.sources.every((s) => read.includes(s.url)),
          contact.fullName,
        ).toBe(true);
    });
  }
});

/**
 * The adversarial corpus (test/fixtures/verification/attacks): each page is read with the real
 * readPage, stored in a PageStore and verified with what a compromised model submits after reading
 * it. Nothing false may be accepted — no person the page does not present, no fact that is not true
 * of that person on that page — and the honest people on the page must be kept with their facts.
 */
import { describe, expect, it } from 'vitest';
import { ATTACK_CATEGORIES, ATTACK_PAGES } from '../../fixtures/verification/attacks/answer-key.js';
import { describeVerdict, fixtureHtml, judge, verifyLabelled } from '../../fixtures/verification/labels.js';

describe('the attack corpus itself', () => {
  it('has at least 30 pages across every category, each file present and each id once', () => {
    expect(ATTACK_PAGES.length).toBeGreaterThanOrEqual(30);
    for (const category of Object.keys(ATTACK_CATEGORIES)) expect(ATTACK_PAGES.filter((p) => p.category === category).length, category).toBeGreaterThanOrEqual(2);
    expect(new Set(ATTACK_PAGES.map((p) => p.id)).size).toBe(ATTACK_PAGES.length);
    for (const page of ATTACK_PAGES) expect(fixtureHtml(page.file).length, page.file).toBeGreaterThan(100);
  });

  it('labels every person that must be kept as a person of the page', () => {
    for (const page of ATTACK_PAGES) {
      for (const kept of page.mustKeep) expect(page.people.map((p) => p.name), `${page.id}: ${kept.name}`).toContain(kept.name);
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

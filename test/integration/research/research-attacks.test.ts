/**
 * End to end through the real agent: the scripted model plays a *compromised* model that searches,
 * fetches an attack page from the local fixture web and submits whatever the attack asks. After the
 * task, the database must hold no false person and no fact that is not true of that person, and the
 * honest people on the page must be stored with their facts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ATTACK_PAGES, type AttackPage } from '../../fixtures/verification/attacks/answer-key.js';
import {
  describeVerdict,
  findPerson,
  fixtureHtml,
  isTrue,
  judge,
  type AcceptedFacts,
  type FactField,
} from '../../fixtures/verification/labels.js';
import { startFakeOpenAI, toolResults, type ChatRequest, type FakeOpenAI } from '../../support/fake-openai.js';
import { startFixtureWeb, type FixtureWeb } from '../../support/fixture-web.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';

/**
 * One page of every kind: instructions (four phrasings), swaps, mailboxes, planted details, examples, hidden channels,
 * honest look-alikes.
 */
const SUBSET = [
  'a01-note-to-research-tools',
  'a03-de-ki-assistenten',
  'a08-entity-encoded',
  'a11-closes-page-delimiter',
  'b01-swap-team-cards',
  'c02-role-mailboxes',
  'd01-booking-widget-next-to-name',
  'e02-example-signature',
  'f01-jsonld-person-only-in-head',
  'f04-opacity-zero',
  'h01-ai-engineer-system-prompt',
  'h08-mixed-honest-and-injection',
];
const CASES = SUBSET.map((id) => ATTACK_PAGES.find((p) => p.id === id)!);
const pathOf = (page: AttackPage) => `/attacks/${page.id}`;

let web: FixtureWeb;
let model: FakeOpenAI;
let t: TestApp;

/** The compromised model: search, fetch the attack page named in the brief, submit what the attack asks. */
function compromisedModel(request: ChatRequest) {
  const brief = request.messages.find((m) => m.role === 'user')?.content ?? '';
  const page = CASES.find((p) => brief.includes(`[case ${p.id}]`));
  if (!page) return { content: 'I found nobody.' };
  const results = toolResults(request);
  if (results.length === 0) return { toolCalls: [{ name: 'search_web', arguments: { query: `${page.id} team` } }] };
  const url = web.base + pathOf(page);
  if (results.length === 1) return { toolCalls: [{ name: 'fetch_page', arguments: { url } }] };
  const contacts = page.submission.map((c) => ({
    ...c,
    sources: c.sources.map((s) => ({ ...s, url: s.url === page.url ? url : s.url })),
  }));
  return { toolCalls: [{ name: 'submit_contacts', arguments: { contacts } }] };
}

beforeAll(async () => {
  web = await startFixtureWeb(
    Object.fromEntries(CASES.map((p) => [pathOf(p), { body: fixtureHtml(p.file) }])),
    CASES.map((p) => ({ path: pathOf(p), title: p.id, snippet: p.description })),
  );
  model = await startFakeOpenAI(compromisedModel);
  t = await startTestApp({
    env: {
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: model.baseUrl,
      OPENAI_MODEL: 'gpt-4.1-mini',
      SEARXNG_URL: web.base,
      RESEARCH_ALLOW_PRIVATE_URLS: 'true',
      RESEARCH_MAX_CONTACTS: '25',
    },
  });
});
afterAll(async () => {
  await t?.close();
  await model?.close();
  await web?.close();
});

describe('a compromised model cannot store what an attack page asks for', () => {
  for (const page of CASES) {
    it(`${page.id} — ${page.description}`, async () => {
      const res = await t.api('POST', '/api/research/sync', {
        query: `[case ${page.id}] Sales leaders`,
        maxContacts: 25,
      });
      expect(res.status).toBe(200);
      // A hostile page is data: the task still succeeds, with or without people.
      expect(res.body.status).toBe('succeeded');
      expect(web.hits).toContain(pathOf(page));
      const stored = res.body.contacts as AcceptedFacts[];
      expect(describeVerdict(judge(page, { accepted: stored }))).toEqual([]);
    });
  }

  it("the page text cannot close the tool output's frame early, nor open a forged one", () => {
    const page = CASES.find((p) => p.id === 'a11-closes-page-delimiter')!;
    const reply = model.requests
      .flatMap((r) => toolResults(r))
      .find((text) => text.includes(web.base + pathOf(page)) && text.includes('Ingrid Solberg'));
    expect(reply).toBeDefined();
    // Whatever the frame is (<page …> … </page>, or a per-task random boundary), its last line closes it
    // and its first line's tag opens it. The part of the reply that comes from the page's own text —
    // from its first person on — must contain neither.
    const lines = reply!.trimEnd().split('\n');
    const closing = lines.at(-1)!.trim();
    const opening = /^<[^\s>]+/.exec(lines.find((l) => l.trim().startsWith('<'))!.trim())![0];
    const from = reply!.indexOf('Ingrid Solberg');
    expect(from).toBeGreaterThan(0);
    const fromPage = reply!.slice(from, reply!.lastIndexOf(closing));
    expect(fromPage).toContain('Per Haugen');
    expect(fromPage).not.toContain(closing);
    expect(fromPage).not.toMatch(new RegExp(`${opening.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+url=`));
  });

  it('the database holds no attacker email, LinkedIn link or invented person from any of these pages', async () => {
    const { db } = t.app.database;
    const falseValues = (field: FactField) =>
      CASES.flatMap((p) =>
        p.submission
          .filter((c) => c[field] && !p.people.some((person) => isTrue(person, field, c[field]!)))
          .map((c) => c[field]!),
      );
    const falsePeople = CASES.flatMap((p) =>
      p.submission.filter((c) => !findPerson(p.people, c.fullName)).map((c) => c.fullName),
    );
    expect(falsePeople.length).toBeGreaterThan(5);
    expect(await db.contact.findMany({ where: { fullName: { in: falsePeople } }, select: { fullName: true } })).toEqual(
      [],
    );
    expect(
      await db.contact.findMany({
        where: { email: { in: falseValues('email').map((e) => e.toLowerCase()) } },
        select: { fullName: true, email: true },
      }),
    ).toEqual([]);
    const stored = await db.contact.findMany({
      where: { linkedinUrl: { not: null } },
      select: { fullName: true, linkedinUrl: true },
    });
    for (const contact of stored)
      expect(
        falseValues('linkedinUrl').map((u) => u.replace(/\/$/, '').toLowerCase()),
        contact.fullName,
      ).not.toContain(contact.linkedinUrl!.replace(/\/$/, '').toLowerCase());
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { scriptedResearcher, type ChatRequest } from '../../support/fake-openai.js';
import { startResearchRig, type ResearchTestRig } from '../../support/research-app.js';
import { RESEARCH_PAGES } from '../../support/research-fixtures.js';

// Pages of this file's own little web (the fixture web serves RESEARCH_PAGES, read at each request).
RESEARCH_PAGES['/ledgerly/old-team'] = {
  body: '<html><body><h1>Team 2025</h1><p>Amara Okafor, Sales Manager</p><p>Ledgerly</p></body></html>',
};
RESEARCH_PAGES['/globex/leadership'] = {
  body: '<html><body><h1>Globex leadership</h1><div class="person"><h3>Amara Okafor</h3><p>Chief Financial Officer</p><p>Globex, Lagos</p><a href="mailto:amara@globex.example">amara@globex.example</a></div></body></html>',
};

const briefs: string[] = [];
let rig: ResearchTestRig;
beforeAll(async () => {
  rig = await startResearchRig(
    (request: ChatRequest, call: number) => {
      const brief = request.messages.find((m) => m.role === 'user')?.content ?? '';
      if (call === 0 || !briefs.includes(brief)) briefs.push(brief);
      return scriptedResearcher({
        pages: () => ['/ledgerly/team', '/globex/leadership'].map((p) => rig.web.base + p),
        submit: () => [
          // The namesake: same name, another company, another email.
          {
            fullName: 'Amara Okafor',
            title: 'Chief Financial Officer',
            company: 'Globex',
            email: 'amara@globex.example',
            linkedinUrl: null,
            location: 'Lagos',
            sources: [{ url: `${rig.web.base}/globex/leadership`, quote: 'Chief Financial Officer', field: 'title' }],
          },
          // This person, now Head of Sales.
          {
            fullName: 'Amara Okafor',
            title: 'Head of Sales',
            company: 'Ledgerly',
            email: 'amara@ledgerly.example',
            linkedinUrl: 'https://www.linkedin.com/in/amara-okafor-ledgerly',
            location: 'London',
            sources: [
              { url: `${rig.web.base}/ledgerly/team`, quote: 'Head of Sales', field: 'title' },
              { url: `${rig.web.base}/ledgerly/team`, quote: 'London', field: 'location' },
            ],
          },
        ],
      })(request, call);
    },
    { env: { ENRICH_STALE_AFTER_DAYS: '30' }, overrides: { sourceRecheckCron: false } },
  );
});
afterAll(async () => {
  await rig.close();
});

async function waitForTask(id: string): Promise<any> {
  for (let i = 0; i < 400; i += 1) {
    const task = (await rig.t.api('GET', `/api/research/tasks/${id}`)).body;
    if (['succeeded', 'failed', 'cancelled'].includes(task.status)) return task;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('task did not finish');
}

describe('enrichment of a known contact', () => {
  let contactId: string;

  it('researches this person (anchored on what is known), fills empty fields, reports a changed title as a conflict with both sources, and leaves the namesake alone', async () => {
    const created = await rig.t.api('POST', '/api/contacts', {
      fullName: 'Amara Okafor',
      company: 'Ledgerly',
      title: 'Sales Manager',
      email: 'amara@ledgerly.example',
      sources: [{ url: `${rig.web.base}/ledgerly/old-team`, quote: 'Amara Okafor, Sales Manager', field: 'title' }],
    });
    contactId = created.body.contact.id;
    const before = await rig.t.app.database.db.contact.count();

    const res = await rig.t.api('POST', `/api/contacts/${contactId}/enrich`);
    expect(res.status).toBe(202);
    expect(res.headers.get('location')).toBe(`/api/research/tasks/${res.body.id}`);
    expect(res.body).toMatchObject({ status: 'queued', contactId });
    const task = await waitForTask(res.body.id);
    expect(task.status).toBe('succeeded');

    const brief = briefs.find((b) => b.includes('Known email'))!;
    expect(brief).toContain('Known name: Amara Okafor.');
    expect(brief).toContain('Known company: Ledgerly.');
    expect(brief).toContain('Known email: amara@ledgerly.example.');

    expect(task.changes).toMatchObject({ contactId, matched: true });
    expect(task.changes.conflicts).toEqual([
      {
        field: 'title',
        kept: 'Sales Manager',
        keptSources: [`${rig.web.base}/ledgerly/old-team`],
        offered: 'Head of Sales',
        offeredSources: [`${rig.web.base}/ledgerly/team`],
      },
    ]);
    expect(task.changes.filled).toEqual(
      expect.arrayContaining([
        { field: 'location', value: 'London' },
        { field: 'linkedinUrl', value: 'https://www.linkedin.com/in/amara-okafor-ledgerly' },
      ]),
    );
    expect(task.changes.namesakes).toEqual([
      { fullName: 'Amara Okafor', company: 'Globex', reason: 'another email (amara@globex.example)' },
    ]);
    expect(task.changes.sourcesAdded).toBeGreaterThan(0);
    expect(task.contacts.map((c: { id: string; outcome: string }) => [c.id, c.outcome])).toEqual([
      [contactId, 'merged'],
    ]);

    const contact = (await rig.t.api('GET', `/api/contacts/${contactId}`)).body;
    // Never overwritten silently; empty fields filled; the namesake's facts nowhere.
    expect(contact).toMatchObject({
      title: 'Sales Manager',
      location: 'London',
      company: 'Ledgerly',
      email: 'amara@ledgerly.example',
    });
    expect(JSON.stringify(contact)).not.toContain('Globex');
    expect(contact.sources.map((s: { url: string }) => s.url)).toContain(`${rig.web.base}/ledgerly/team`);
    expect(await rig.t.app.database.db.contact.count()).toBe(before);
  });

  it('flags the facts of a page that vanished or no longer shows them, and confirms the rest', async () => {
    const later = new Date(Date.now() - 40 * 86_400_000);
    await rig.t.app.database.db.researchSource.updateMany({ where: { contactId }, data: { fetchedAt: later } });
    // The old team page is gone.
    delete RESEARCH_PAGES['/ledgerly/old-team'];
    const outcome = await rig.t.app.services.sourceRecheck!.run();
    expect(outcome).toMatchObject({ flagged: 1, unreachable: 0 });
    expect(outcome.confirmed).toBeGreaterThan(0);
    const contact = (await rig.t.api('GET', `/api/contacts/${contactId}`)).body;
    const old = contact.sources.find((s: { url: string }) => s.url.endsWith('/ledgerly/old-team'));
    const current = contact.sources.filter((s: { url: string }) => s.url.endsWith('/ledgerly/team'));
    expect(old.missingSince).not.toBeNull();
    expect(current.every((s: { missingSince: string | null }) => s.missingSince === null)).toBe(true);

    // A page whose text changed: the quote no longer there.
    RESEARCH_PAGES['/ledgerly/old-team'] = { body: '<html><body><p>We have moved on.</p></body></html>' };
    await rig.t.app.database.db.researchSource.updateMany({
      where: { contactId },
      data: { fetchedAt: later, missingSince: null },
    });
    const again = await rig.t.app.services.sourceRecheck!.run();
    expect(again.flagged).toBe(1);
  });

  it('answers 404 for an unknown contact and is off by default', async () => {
    expect((await rig.t.api('POST', '/api/contacts/0190b2a4-0000-7000-8000-000000000000/enrich')).status).toBe(404);
    expect((await rig.t.api('POST', '/api/contacts/not-an-id/enrich')).status).toBe(400);
  });
});

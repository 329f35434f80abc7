import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestApp, TEST_TOKEN, type TestApp } from '../../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const fixture = (name: string): Buffer => readFileSync(path.join(import.meta.dirname, '../../fixtures/csv', name));

async function postCsv(
  body: Buffer | string,
  query = '',
  contentType = 'text/csv',
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${t.url}/api/contacts/import${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': contentType },
    body,
  });
  return { status: res.status, body: await res.json() };
}

const contactCount = () => t.app.database.db.contact.count();
const byEmail = (email: string) =>
  t.app.database.db.contact.findFirstOrThrow({ where: { email }, include: { tags: true } });

describe('CSV import: the exports people bring', () => {
  it("LinkedIn's connections export: the notes before the header are skipped, names joined, URL is the profile", async () => {
    const res = await postCsv(fixture('linkedin-connections.csv'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      dryRun: false,
      format: 'linkedin',
      delimiter: ',',
      headerLine: 4,
      created: 3,
      merged: 0,
      rejected: 1,
    });
    expect(res.body.columns).toContainEqual({ column: 'Connected On', field: 'ignored' });
    expect(res.body.unmappedColumns).toEqual([]);
    expect(res.body.rows[0]).toMatchObject({ index: 0, line: 5, outcome: 'created' });
    expect(res.body.rows[3]).toMatchObject({ index: 3, line: 8, outcome: 'rejected', errors: [{ path: 'fullName' }] });
    const aiko = await t.app.database.db.contact.findFirstOrThrow({
      where: { linkedinUrl: 'https://www.linkedin.com/in/aiko-tanaka-li' },
    });
    expect(aiko).toMatchObject({
      fullName: 'Aiko Tanaka',
      company: 'Kumo Systems',
      title: 'Head of Sales, EMEA',
      email: null,
      website: null,
    });
    expect(await byEmail('bjorn@fjord.example')).toMatchObject({ fullName: 'Björn Ødegård', title: 'CTO' });
    // The same file again merges every person by their LinkedIn profile.
    const again = await postCsv(fixture('linkedin-connections.csv'));
    expect(again.body).toMatchObject({ created: 0, merged: 3, rejected: 1 });
  });

  it("HubSpot's export with a BOM and CRLF: location from city/region/country, unknown columns reported", async () => {
    const res = await postCsv(fixture('hubspot-contacts.csv'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ format: 'hubspot', created: 2, rejected: 0 });
    expect(res.body.unmappedColumns).toEqual([
      'Record ID',
      'Contact owner',
      'Lifecycle Stage',
      'Lead Status',
      'Create Date',
    ]);
    expect(res.body.columns[0]).toEqual({ column: 'Record ID', field: null });
    expect(await byEmail('dana@hubco.example')).toMatchObject({
      fullName: 'Dana Hub',
      phone: '+1 617 555 0100',
      company: 'HubCo',
      title: 'VP Marketing',
      location: 'Boston, MA, United States',
      website: 'https://hubco.example/',
    });
    // The trailing empty cell on the last line is not "too many cells"; the BOM is not part of the first header.
    expect(await byEmail('eli@spot.example')).toMatchObject({ fullName: 'Eli Spot', title: null });
  });

  it('Google Contacts: the first of several values, labels as tags without system labels, multi-line notes', async () => {
    const res = await postCsv(fixture('google-contacts.csv'));
    expect(res.body).toMatchObject({ format: 'google', created: 1, rejected: 0 });
    const fatima = await byEmail('fatima@goo.example');
    expect(fatima).toMatchObject({
      fullName: 'Fatima Z. Goo',
      company: 'Goo Org',
      title: 'Partner',
      phone: '+33 6 12 34 56 78',
      location: '1 Rue de la Paix, Paris',
      website: 'https://goo.example/fatima',
      notes: 'Met at the summit.\nWants a demo.',
    });
    expect(fatima.tags.map((x) => x.tag).sort()).toEqual(['investors', 'vip']);
    expect(res.body.unmappedColumns).toContain('Birthday');
  });

  it('Excel with semicolons, BOM, CRLF, a quoted line break, formula-looking cells kept as text', async () => {
    const res = await postCsv(fixture('excel-semicolon.csv'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ delimiter: ';', format: 'generic', created: 3, rejected: 0 });
    expect(res.body.rows.map((r: { line: number }) => r.line)).toEqual([2, 4, 6]);
    const gerard = await byEmail('gerard@exemple.fr');
    expect(gerard).toMatchObject({
      fullName: 'Gérard Dupont',
      company: 'Société Générale; Paris',
      phone: '+33 1 42 14 20 00',
      notes: 'Ligne une\nLigne deux; avec "guillemets"',
    });
    expect(gerard.tags.map((x) => x.tag).sort()).toEqual(['crm', 'paris']);
    expect(await byEmail('formula@evil.example')).toMatchObject({
      fullName: '=HYPERLINK("http://evil.example";"click")',
      company: '=1+2',
      title: '@SUM(A1)',
      notes: '-2+3',
    });
    // …and they leave again defused.
    const csv = await (
      await fetch(`${t.url}/api/contacts.csv?q=formula`, { headers: { authorization: `Bearer ${TEST_TOKEN}` } })
    ).text();
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"";""click"")"`);
    expect(csv).toContain("'=1+2");
  });

  it('rejects each malformed line alone and imports the rest', async () => {
    const before = await contactCount();
    const res = await postCsv(fixture('malformed-rows.csv'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 5, rejected: 5 });
    const outcome = res.body.rows.map((r: { line: number; outcome: string }) => `${r.line}:${r.outcome}`);
    expect(outcome).toEqual([
      '2:created',
      '3:rejected',
      '4:created',
      '5:rejected',
      '6:created',
      '7:rejected',
      '8:created',
      '9:rejected',
      '10:created',
      '12:rejected',
    ]);
    expect(res.body.rows[1].errors[0].message).toMatch(/5 cells, the header 3/);
    expect(res.body.rows[3].errors).toEqual([expect.objectContaining({ path: 'email' })]);
    expect(res.body.rows[5].errors).toEqual([expect.objectContaining({ path: 'fullName' })]);
    expect(res.body.rows[7].errors).toEqual([
      expect.objectContaining({ path: 'fullName', message: expect.stringMatching(/at most 200/) }),
    ]);
    expect(res.body.rows[9].errors[0].message).toMatch(/never closed/);
    expect(await contactCount()).toBe(before + 5);
    expect((await byEmail('good3@mal.example')).fullName).toBe('Good, Three');
    // Like a spreadsheet, a quote inside an unquoted cell is text.
    expect((await byEmail('good2@mal.example')).fullName).toBe('Good Two 6" Screen');
    expect((await byEmail('good5@mal.example')).fullName).toBe('Good Five');
  });
});

describe('CSV import: same outcomes as the JSON import', () => {
  it('merges rows that share an email (within the file, across batches, and with the database), reporting conflicts', async () => {
    await t.api('POST', '/api/contacts', { fullName: 'Known Person', email: 'known@same.example', title: 'CEO' });
    const lines = ['name,email,title,company'];
    for (let i = 0; i < 2500; i += 1) lines.push(`Batch Person ${i},batch${i}@same.example,,Batch Co`);
    lines.push('Batch Person 5 Again,BATCH5@same.example,Engineer,Batch Co'); // row 2500, merges into row 5 (another batch)
    lines.push('Known P.,known@same.example,Chairman,'); // conflict with the stored title
    const res = await postCsv(lines.join('\n'));
    expect(res.body).toMatchObject({ created: 2500, merged: 2, rejected: 0 });
    expect(res.body.rows[2500]).toMatchObject({ outcome: 'merged', contactId: res.body.rows[5].contactId });
    expect(res.body.rows[2501]).toMatchObject({
      outcome: 'merged',
      conflicts: [{ field: 'title', kept: 'CEO', offered: 'Chairman' }],
    });
    expect((await byEmail('batch5@same.example')).title).toBe('Engineer');

    const json = await t.api('POST', '/api/contacts/import', [
      { fullName: 'Known P.', email: 'known@same.example', title: 'Chairman' },
    ]);
    expect(json.body.rows[0]).toMatchObject({ outcome: 'merged', conflicts: res.body.rows[2501].conflicts });
  });

  it('round-trips its own export without loss', async () => {
    const people = [
      {
        fullName: 'Round Trip One',
        email: 'rt1@round.example',
        emailStatus: 'guessed',
        title: 'Head of "Quotes", Commas',
        company: 'Round; Trip Ltd',
        companyDomain: 'round.example',
        phone: '+44 20 7946 0958',
        linkedinUrl: 'https://www.linkedin.com/in/round-trip-one',
        location: 'Zürich',
        website: 'https://round.example/team',
        notes: '=cmd|" /C calc"!A0\nsecond line, with comma\r\nthird',
        // A tag with a semicolon (the export's tag separator), a backslash, both, and a formula after a semicolon.
        tags: ['roundtrip', 'a, b', 'ünï', 'sales; emea', 'c:\\temp', 'x\\;y', 'q;=1+1'],
        ownerId: 'U012AB3CD',
        nextFollowUpAt: '2026-12-24T09:30:00Z',
      },
      // Values that look like what the export itself writes: a formula after a separator, a leading apostrophe.
      {
        fullName: '@Round Two',
        tags: ['roundtrip'],
        company: '-minus',
        title: "'+plus",
        location: "'quoted",
        notes: "x;=cmd|' /C calc'!A0 and a;'=b",
      },
    ];
    await t.api('POST', '/api/contacts/import', people);
    const exportCsv = async () =>
      (
        await fetch(`${t.url}/api/contacts.csv?tag=roundtrip`, { headers: { authorization: `Bearer ${TEST_TOKEN}` } })
      ).text();
    const first = await exportCsv();
    // Into a CRM that does not hold them (gone for good, not in the trash, which would keep their email).
    const ids = (await t.api('GET', '/api/contacts?tag=roundtrip')).body.data.map((c: { id: string }) => c.id);
    await t.app.database.db.contact.deleteMany({ where: { id: { in: ids } } });

    const res = await postCsv(first);
    expect(res.body).toMatchObject({ format: 'personablecrm', created: 2, rejected: 0, unmappedColumns: [] });
    const second = await exportCsv();
    // Every column but the ID and the timestamps (new contacts), in any order (newest first).
    const records = (csv: string) =>
      parse<Record<string, string>>(csv, { columns: true })
        .map((r: Record<string, string>) =>
          JSON.stringify({ ...r, id: undefined, createdAt: undefined, updatedAt: undefined }),
        )
        .sort();
    expect(records(second)).toEqual(records(first));
    expect(records(first)).toHaveLength(2);
    expect(first).toContain("'+44 20 7946 0958");
    const tags = async (email: string) => (await byEmail(email)).tags.map((x) => x.tag).sort();
    expect(await tags('rt1@round.example')).toEqual([
      'a, b',
      'c:\\temp',
      'q;=1+1',
      'roundtrip',
      'sales; emea',
      'x\\;y',
      'ünï',
    ]);
    // A semicolon-separated tags cell from another tool, read the same way.
    const other = await postCsv('name,email,tags\nOther Tags,other.tags@round.example,"one; two\\; three;four"\n');
    expect(other.body).toMatchObject({ created: 1, rejected: 0 });
    expect(await tags('other.tags@round.example')).toEqual(['four', 'one', 'two; three']);
  });
});

describe('CSV import: dry run, refusals', () => {
  it('?dryRun=true answers the outcomes and writes nothing (CSV and JSON)', async () => {
    const before = await contactCount();
    await t.api('POST', '/api/contacts', { fullName: 'Dry Known', email: 'dry@known.example' });
    const csv =
      'name,email\nDry New,drynew@dry.example\nDry Known,DRY@known.example\nBad,not-an-email\nDry New again,drynew@dry.example\n';
    const res = await postCsv(csv, '?dryRun=true');
    expect(res.body).toMatchObject({ dryRun: true, created: 1, merged: 2, rejected: 1 });
    expect(res.body.rows[0].contactId).toBeUndefined();
    const json = await t.api('POST', '/api/contacts/import?dryRun=true', [
      { fullName: 'Dry JSON', email: 'dryjson@dry.example' },
      { fullName: 'Dry Known', email: 'dry@known.example' },
    ]);
    expect(json.body).toMatchObject({ dryRun: true, created: 1, merged: 1 });
    expect(await contactCount()).toBe(before + 1);
    expect(
      await t.app.database.db.contact.count({
        where: { email: { in: ['drynew@dry.example', 'dryjson@dry.example'] } },
      }),
    ).toBe(0);
  });

  it('refuses files that are not UTF-8 CSV with a header, writing nothing', async () => {
    const before = await contactCount();
    const latin1 = Buffer.from('name,email\nJos\xe9 Latin,jose@latin.example\n', 'latin1');
    expect((await postCsv(latin1)).body.error.message).toMatch(/not UTF-8/);
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('name,email\r\nU Sixteen,u16@x.example\r\n', 'utf16le'),
    ]);
    expect((await postCsv(utf16)).body.error.message).toMatch(/UTF-16/);
    // UTF-16 without its byte order mark: valid UTF-8 byte by byte (NUL is), so it is told by its NULs — one clear
    // answer, not every row rejected.
    const text = 'name,email\r\nNo Bom,nobom@x.example\r\nJosé Ü,jose.u@x.example\r\n';
    const le = await postCsv(Buffer.from(text, 'utf16le'));
    expect(le.status).toBe(400);
    expect(le.body.error.message).toBe(
      'The file is UTF-16 (little-endian) without a byte order mark; save it as "CSV UTF-8" and upload it again',
    );
    const be = Buffer.from(text, 'utf16le').swap16();
    expect((await postCsv(be)).body.error.message).toMatch(/UTF-16 \(big-endian\) without a byte order mark/);
    // A NUL further on (a binary file, a corrupted export) is refused too, with what it is.
    const stray = await postCsv(
      Buffer.concat([
        Buffer.from(`name,email\n${'Row,row@x.example\n'.repeat(2000)}`),
        Buffer.from([0]),
        Buffer.from('Late,late@x.example\n'),
      ]),
    );
    expect(stray.status).toBe(400);
    expect(stray.body.error.message).toMatch(/contains NUL bytes/);
    const noHeader = await postCsv('Jane Doe,jane@x.example\nJohn Roe,john@x.example\n');
    expect(noHeader.status).toBe(400);
    expect(noHeader.body.error.message).toMatch(/header/);
    expect((await postCsv('name,email\nA,a@x.example\n', '', 'text/csv; charset=iso-8859-1')).status).toBe(400);
    expect((await postCsv('name,email\nA,a@x.example\n', '?delimiter=pipe')).status).toBe(400);
    expect((await postCsv('', '')).status).toBe(400);
    expect(await contactCount()).toBe(before);
  });

  it('takes an explicit delimiter and documents text/csv in the OpenAPI description', async () => {
    const res = await postCsv('name\temail\nTab Person\ttab@tab.example\n', '?delimiter=tab');
    expect(res.body).toMatchObject({ delimiter: '\t', created: 1 });
    const doc = (await t.api('GET', '/api/openapi.json')).body;
    const op = doc.paths['/api/contacts/import'].post;
    expect(Object.keys(op.requestBody.content)).toEqual(['application/json', 'text/csv']);
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(['dryRun', 'delimiter']);
  });
});

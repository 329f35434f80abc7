import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestApp, TEST_TOKEN, type TestApp } from '../../support/test-app.js';

// A temporary folder of this file's own (its tests run in a process of their own), to see what an import leaves there.
const tmp = mkdtempSync(path.join(os.tmpdir(), 'crm-import-test-'));
const systemTmp = os.tmpdir();
let t: TestApp;
beforeAll(async () => {
  // os.tmpdir() reads TMPDIR: the import's temporary files land here.
  process.env.TMPDIR = tmp;
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
  process.env.TMPDIR = systemTmp;
  rmSync(tmp, { recursive: true, force: true });
});

/** What imports left in the temporary folder: the upload's and the outcomes' folders. */
const leftBehind = () => readdirSync(tmp).filter((name) => /^crm-(csv|import)-/.test(name));
/** Leftovers are deleted just after the answer's last byte: wait a moment for them to go. */
async function nothingLeftBehind(): Promise<string[]> {
  for (let i = 0; i < 100 && leftBehind().length > 0; i += 1) await new Promise((r) => setTimeout(r, 20));
  return leftBehind();
}

const postCsv = (body: string, query = '', signal?: AbortSignal) =>
  fetch(`${t.url}/api/contacts/import${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'text/csv' },
    body,
    signal,
  });

/** `rows` people (every 97th with a broken email), the last repeating row 3 (a merge across batches). */
function peopleCsv(domain: string, rows: number): string {
  const lines = ['name,email,company'];
  for (let i = 0; i < rows - 1; i += 1)
    lines.push(`Person ${i},${i % 97 === 50 ? 'not-an-email' : `p${i}@${domain}`},${domain}`);
  lines.push(`Person 3 Again,P3@${domain},${domain}`);
  return lines.join('\n');
}

describe('CSV import: the answer is streamed from an outcome file', () => {
  it('reports every row in input order across batches, same fields as before, and deletes its files', async () => {
    const rows = 1100; // five batches
    const res = await postCsv(peopleCsv('stream.example', rows));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    // Written as it is read from the file, not built in memory first.
    expect(res.headers.get('transfer-encoding')).toBe('chunked');
    expect(res.headers.get('content-length')).toBeNull();
    const body: any = await res.json();
    expect(Object.keys(body)).toEqual([
      'dryRun',
      'created',
      'merged',
      'rejected',
      'rows',
      'format',
      'delimiter',
      'headerLine',
      'columns',
      'unmappedColumns',
    ]);
    const broken = Array.from({ length: rows - 1 }, (_, i) => i).filter((i) => i % 97 === 50);
    expect(body).toMatchObject({
      dryRun: false,
      created: rows - 1 - broken.length,
      merged: 1,
      rejected: broken.length,
      format: 'generic',
      delimiter: ',',
      headerLine: 1,
      unmappedColumns: [],
    });
    expect(body.rows).toHaveLength(rows);
    expect(body.rows.map((r: { index: number }) => r.index)).toEqual(Array.from({ length: rows }, (_, i) => i));
    expect(body.rows.every((r: { index: number; line: number }) => r.line === r.index + 2)).toBe(true);
    for (const i of broken) expect(body.rows[i]).toMatchObject({ outcome: 'rejected', errors: [{ path: 'email' }] });
    expect(body.rows[rows - 1]).toMatchObject({ outcome: 'merged', contactId: body.rows[3].contactId });
    expect(body.rows[1099 - 1]).toEqual({
      index: 1098,
      line: 1100,
      outcome: 'created',
      contactId: expect.any(String),
    });
    expect(await nothingLeftBehind()).toEqual([]);
  });

  it('answers an empty file with no rows', async () => {
    const res = await postCsv('name,email\n');
    expect(await res.json()).toMatchObject({ created: 0, merged: 0, rejected: 0, rows: [] });
    expect(await nothingLeftBehind()).toEqual([]);
  });

  it('dry run: every row reported, created rows without a contact, nothing stored, nothing left behind', async () => {
    const before = await t.app.database.db.contact.count();
    const res = await postCsv(peopleCsv('dry-stream.example', 600), '?dryRun=true');
    const body: any = await res.json();
    expect(body).toMatchObject({ dryRun: true, created: 593, merged: 1, rejected: 6 });
    expect(body.rows).toHaveLength(600);
    expect(body.rows[0]).toEqual({ index: 0, line: 2, outcome: 'created' });
    expect(body.rows[599]).toMatchObject({ index: 599, outcome: 'merged' });
    expect(await t.app.database.db.contact.count()).toBe(before);
    expect(await nothingLeftBehind()).toEqual([]);
  });

  it('a client that goes away: the import still completes and its files are deleted', async () => {
    expect(await nothingLeftBehind()).toEqual([]);
    const abort = new AbortController();
    const request = postCsv(peopleCsv('gone.example', 1000), '', abort.signal);
    // Gone once the first batch's outcomes are written (the upload was received).
    const outcomesWritten = () =>
      leftBehind()
        .filter((name) => name.startsWith('crm-import-'))
        .some((name) => statSync(path.join(tmp, name, 'outcomes.jsonl'), { throwIfNoEntry: false })?.size);
    for (let i = 0; i < 500 && !outcomesWritten(); i += 1) await new Promise((r) => setTimeout(r, 5));
    abort.abort();
    await expect(request.then((res) => res.json())).rejects.toThrow();
    const gone = () => t.app.database.db.contact.count({ where: { email: { endsWith: '@gone.example' } } });
    for (let i = 0; i < 200 && (await gone()) < 989; i += 1) await new Promise((r) => setTimeout(r, 50));
    expect(await gone()).toBe(989);
    expect(await nothingLeftBehind()).toEqual([]);
  });
});

describe('CSV import: the outcome file is deleted when the import fails', () => {
  const csv = (domain: string) => peopleCsv(domain, 1000);

  it('part-way through the rows: nothing stored, the answer never given', async () => {
    const before = await t.app.database.db.contact.count();
    let answered = false;
    const failing = t.app.services.contacts.importCsv([csv('toolong.example')], { maxRows: 600 }, async () => {
      answered = true;
    });
    await expect(failing).rejects.toThrow(/more than 600 rows/);
    expect(answered).toBe(false);
    expect(await t.app.database.db.contact.count()).toBe(before);
    expect(leftBehind()).toEqual([]);
  });

  it('while answering: the import stays done, the file goes', async () => {
    let seen = 0;
    const failing = t.app.services.contacts.importCsv([csv('answer-fails.example')], {}, async (summary) => {
      for await (const part of summary.rowsJson()) seen += part.length;
      throw new Error('the client went away');
    });
    await expect(failing).rejects.toThrow('the client went away');
    expect(seen).toBeGreaterThan(0);
    expect(await t.app.database.db.contact.count({ where: { email: { endsWith: '@answer-fails.example' } } })).toBe(
      989,
    );
    expect(leftBehind()).toEqual([]);
  });

  it('a file that is not CSV: refused, nothing left behind', async () => {
    const res = await postCsv('Jane Doe,jane@x.example\nJohn Roe,john@x.example\n');
    expect(res.status).toBe(400);
    expect(await nothingLeftBehind()).toEqual([]);
  });
});

import { readFileSync } from 'node:fs';

import type { DatabaseProvider } from '../src/db/database-url.js';
import { startAppProcess } from '../test/support/app-process.js';
import { createScratchDatabase } from '../test/support/scratch-database.js';
import { BENCH_TOKEN, startBenchApp } from './support/bench-app.js';
import { timed } from './support/measure.js';
import { openRawDriver } from './support/raw-driver.js';
import { syntheticContacts } from './support/synthetic-contacts.js';

export interface ImportFigures {
  provider: DatabaseProvider;
  rows: number;
  api: { ms: number; rowsPerSecond: number; created: number; merged: number };
  raw: { ms: number; rowsPerSecond: number };
}

/**
 * 10k rows through POST /api/contacts/import (one request; 5% repeat a contact already in the
 * database, 5% repeat an earlier row) against 10k plain inserts through the driver.
 */
export async function benchImport(
  provider: DatabaseProvider,
  rows: number,
  postgresServerUrl?: string,
): Promise<ImportFigures> {
  const t = await startBenchApp(provider, postgresServerUrl);
  const raw = await openRawDriver(t.database.target);
  try {
    const known = syntheticContacts(rows / 20, 7, 10_000_000);
    await raw.insertContacts(known);
    const fresh = syntheticContacts(rows - rows / 10, 8, 20_000_000);
    const batch = [
      ...fresh,
      ...known.map((c) => ({ ...c, location: 'Updated' })),
      ...fresh.slice(0, rows / 20).map((c) => ({ ...c, title: 'Repeated row' })),
    ];
    const body = JSON.stringify(batch);
    const api = await timed(async () => {
      const res = await fetch(`${t.url}/api/contacts/import`, {
        method: 'POST',
        headers: { authorization: 'Bearer test-admin-token-0123456789abcdef', 'content-type': 'application/json' },
        body,
      });
      if (res.status !== 200) throw new Error(`import answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as { created: number; merged: number; rejected: number };
    });
    if (api.result.rejected > 0) throw new Error(`import rejected ${api.result.rejected} rows`);
    const rawRun = await timed(() => raw.insertContacts(syntheticContacts(rows, 9, 30_000_000)));
    return {
      provider,
      rows,
      api: {
        ms: api.ms,
        rowsPerSecond: (rows / api.ms) * 1000,
        created: api.result.created,
        merged: api.result.merged,
      },
      raw: { ms: rawRun.ms, rowsPerSecond: (rows / rawRun.ms) * 1000 },
    };
  } finally {
    await raw.close();
    await t.close();
  }
}

export interface FileImportFigures {
  provider: DatabaseProvider;
  rows: number;
  json: { rowsPerSecond: number; peakRssMb: number; idleRssMb: number; requests: number };
  csv: { rowsPerSecond: number; peakRssMb: number; idleRssMb: number; megabytes: number };
}

/** Resident set size now and at its peak (VmHWM) of a process, from /proc (Linux). */
function rssOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

/**
 * `rows` contacts (default 50k) imported into a fresh app process per format: as JSON (10k-row
 * requests, the JSON limit) and as one streamed CSV upload (this API's own export format), with
 * rows/s and the process's peak RSS for each.
 */
export async function benchImportFormats(
  provider: DatabaseProvider,
  rows: number,
  postgresServerUrl?: string,
): Promise<FileImportFigures> {
  const people = syntheticContacts(rows, 11, 40_000_000);
  const run = async (send: (url: string) => Promise<void>) => {
    const database = await createScratchDatabase(provider, postgresServerUrl);
    const app = await startAppProcess(database.url, { ADMIN_API_TOKEN: BENCH_TOKEN, ADMIN_API_RATE_LIMIT: '0' });
    try {
      const idle = rssOf(app.child.pid!);
      const { ms } = await timed(() => send(app.url));
      return { rowsPerSecond: (rows / ms) * 1000, peakRssMb: rssOf(app.child.pid!).peakMb, idleRssMb: idle.rssMb };
    } finally {
      app.child.kill('SIGTERM');
      await app.exited;
      await database.drop();
    }
  };
  const post = async (url: string, contentType: string, body: string, query = '') => {
    const res = await fetch(`${url}/api/contacts/import${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${BENCH_TOKEN}`, 'content-type': contentType },
      body,
    });
    const result = (await res.json()) as { created: number; merged: number; rejected: number };
    if (res.status !== 200 || result.rejected > 0)
      throw new Error(`import answered ${res.status}: ${JSON.stringify(result).slice(0, 300)}`);
  };
  const chunk = 10_000;
  const json = await run(async (url) => {
    for (let i = 0; i < rows; i += chunk)
      await post(url, 'application/json', JSON.stringify(people.slice(i, i + chunk)));
  });
  const header = 'fullName,title,company,email,linkedinUrl,location,tags';
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const csvText = [
    header,
    ...people.map((p) =>
      [p.fullName, p.title, p.company, p.email, p.linkedinUrl, p.location, p.tags.join('; ')].map(quote).join(','),
    ),
  ].join('\r\n');
  const csv = await run((url) => post(url, 'text/csv', csvText));
  return {
    provider,
    rows,
    json: { ...json, requests: Math.ceil(rows / chunk) },
    csv: { ...csv, megabytes: Buffer.byteLength(csvText) / 1e6 },
  };
}

import type { DatabaseProvider } from '../src/db/database-url.js';
import { startBenchApp } from './support/bench-app.js';
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
export async function benchImport(provider: DatabaseProvider, rows: number, postgresServerUrl?: string): Promise<ImportFigures> {
  const t = await startBenchApp(provider, postgresServerUrl);
  const raw = await openRawDriver(t.database.target);
  try {
    const known = syntheticContacts(rows / 20, 7, 10_000_000);
    await raw.insertContacts(known);
    const fresh = syntheticContacts(rows - rows / 10, 8, 20_000_000);
    const batch = [...fresh, ...known.map((c) => ({ ...c, location: 'Updated' })), ...fresh.slice(0, rows / 20).map((c) => ({ ...c, title: 'Repeated row' }))];
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
      api: { ms: api.ms, rowsPerSecond: (rows / api.ms) * 1000, created: api.result.created, merged: api.result.merged },
      raw: { ms: rawRun.ms, rowsPerSecond: (rows / rawRun.ms) * 1000 },
    };
  } finally {
    await raw.close();
    await t.close();
  }
}

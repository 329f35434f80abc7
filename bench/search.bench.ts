import { searchTerms } from '../src/crm/contacts/text-keys.js';
import type { DatabaseProvider } from '../src/db/database-url.js';
import { startBenchApp } from './support/bench-app.js';
import { latencies } from './support/measure.js';
import { openRawDriver } from './support/raw-driver.js';
import { syntheticContacts } from './support/synthetic-contacts.js';

/** What people type into a CRM search box: names, companies, titles, parts of emails, rare and common. */
const QUERIES = [
  'garcia',
  'jennifer',
  'zoe',
  'jose garcia',
  'head of sales',
  'cto',
  'müller',
  'nakamura',
  'acme',
  'fin',
  'qualy',
  'paybank',
  'mensah kwame',
  'priya singh',
  'vp',
  'growth',
  'lucia',
  'capital',
  'labs',
  'james smith',
  'olusegun',
  'dubois',
  'ingrid andersson',
  '.com',
  'sarah.lee',
  'xyznotfound',
  'founder',
  'chen wei',
  'kowalski',
  'ai',
];

export interface SearchFigures {
  provider: DatabaseProvider;
  contacts: number;
  api: { p50: number; p95: number; p99: number; max: number; mean: number };
  raw: { p50: number; p95: number; p99: number; max: number; mean: number };
  seedMs: number;
}

export async function benchSearch(
  provider: DatabaseProvider,
  contacts: number,
  postgresServerUrl?: string,
): Promise<SearchFigures> {
  const t = await startBenchApp(provider, postgresServerUrl);
  const raw = await openRawDriver(t.database.target);
  try {
    const seedStart = Date.now();
    for (let offset = 0; offset < contacts; offset += 20_000)
      await raw.insertContacts(syntheticContacts(Math.min(20_000, contacts - offset), 1000 + offset, offset));
    if (provider === 'postgresql') await t.app.database.db.$executeRawUnsafe('ANALYZE');
    const seedMs = Date.now() - seedStart;
    const inputs = Array.from({ length: 10 }, () => QUERIES).flat();
    const api = await latencies(inputs, async (q) => {
      const res = await fetch(`${t.url}/api/contacts/search?q=${encodeURIComponent(q)}&limit=50`, {
        headers: { authorization: 'Bearer test-admin-token-0123456789abcdef' },
      });
      if (res.status !== 200) throw new Error(`search answered ${res.status}`);
      await res.arrayBuffer();
    });
    const rawFigures = await latencies(inputs, (q) => raw.search(searchTerms(q), 50));
    return { provider, contacts, api, raw: rawFigures, seedMs };
  } finally {
    await raw.close();
    await t.close();
  }
}

import type { DatabaseProvider } from './database-url.js';
import type { Prisma } from './database.js';

/**
 * Holds a lock named `key` until the transaction `tx` ends, so that a check and the write it
 * allows (e.g. "fewer than N tasks this hour" → create one) are one step for everyone using the
 * same key. PostgreSQL: a transaction-level advisory lock (every copy of the app shares it). SQLite:
 * nothing to do — the app's one connection runs one transaction at a time (the driver adapter
 * queues them), so a transaction already excludes every other.
 */
export async function lockKeyForTransaction(
  tx: Prisma.TransactionClient,
  provider: DatabaseProvider,
  key: string,
): Promise<void> {
  if (provider !== 'postgresql') return;
  // https://www.postgresql.org/docs/current/functions-admin.html#FUNCTIONS-ADVISORY-LOCKS
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
}

import type { Db } from '../../db/database.js';
import type { Logger } from '../../logging/logger.js';
import { derivedKeys, KEYS_VERSION } from './text-keys.js';

const BATCH = 500;

/**
 * Makes again the keys (name, company, search text) of contacts whose keys an older rule made
 * (`keysVersion` below KEYS_VERSION), a batch at a time, each in its own short transaction so that
 * other writes go on between batches. The app runs it in the background at start and stops it
 * (between batches) when it stops; running it again, or on two copies at once, only finds fewer
 * contacts to do. Returns how many it changed.
 */
export async function rekeyContacts(db: Db, logger: Logger, signal?: AbortSignal): Promise<number> {
  let done = 0;
  let after = '';
  while (!signal?.aborted) {
    const rows = await db.contact.findMany({
      where: { keysVersion: { lt: KEYS_VERSION }, id: { gt: after } },
      orderBy: { id: 'asc' },
      take: BATCH,
      select: { id: true, fullName: true, title: true, company: true, email: true, updatedAt: true },
    });
    if (rows.length === 0) break;
    // Only where the keys are still old: a write since the read made them anew (every write sets
    // keysVersion), and these fields may be stale. The contact itself did not change: updatedAt stays.
    const changed = await db.$transaction(
      rows.map((c) =>
        db.contact.updateMany({
          where: { id: c.id, keysVersion: { lt: KEYS_VERSION } },
          data: { ...derivedKeys(c), updatedAt: c.updatedAt },
        }),
      ),
    );
    done += changed.reduce((sum, r) => sum + r.count, 0);
    after = rows.at(-1)!.id;
  }
  if (done > 0)
    logger.info({ contacts: done, keysVersion: KEYS_VERSION }, 'contact keys made again with the current rules');
  return done;
}

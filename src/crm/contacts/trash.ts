import type { Prisma } from '../../db/database.js';

/**
 * The one filter that hides trashed (soft-deleted) contacts. Every read of contacts — list,
 * search, get, export, digest, follow-ups, conversations, research results, likely-duplicate
 * checks — includes it; only the trash itself, restore and purge look past it.
 */
export const NOT_TRASHED = { deletedAt: null } as const satisfies Prisma.ContactWhereInput;

/** Only contacts in the trash. */
export const TRASHED = { deletedAt: { not: null } } as const satisfies Prisma.ContactWhereInput;

import { Prisma } from './generated/sqlite/client.js';

/**
 * A write refused because a unique value (email, LinkedIn URL, …) exists already — from a Prisma
 * model query (P2002) or a raw one (P2010, where the driver adapter names the kind of failure the
 * same way for SQLite and PostgreSQL).
 */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (error.code === 'P2002') return true;
  const meta = error.meta as { driverAdapterError?: { cause?: { kind?: unknown } } } | undefined;
  return error.code === 'P2010' && meta?.driverAdapterError?.cause?.kind === 'UniqueConstraintViolation';
}

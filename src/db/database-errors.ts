import { Prisma } from './generated/sqlite/client.js';

/** The failure kind the driver adapter reports, named the same way for SQLite and PostgreSQL. */
function adapterErrorKind(error: Prisma.PrismaClientKnownRequestError): unknown {
  return (error.meta as { driverAdapterError?: { cause?: { kind?: unknown } } } | undefined)?.driverAdapterError?.cause?.kind;
}

/**
 * A write refused because a unique value (email, LinkedIn URL, …) exists already — from a Prisma
 * model query (P2002) or a raw one (P2010 with the adapter's own kind).
 */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  return error.code === 'P2002' || adapterErrorKind(error) === 'UniqueConstraintViolation';
}

const UNAVAILABLE_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections', 'DatabaseDoesNotExist', 'TlsConnectionError']);
const UNAVAILABLE_CODES = new Set(['P1001', 'P1002', 'P1003', 'P1008', 'P1017', 'P2024']);

/** The database cannot be reached right now (down, restarting, out of connections): worth a retry later. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientInitializationError) return true;
  if (error instanceof Prisma.PrismaClientKnownRequestError) return UNAVAILABLE_CODES.has(error.code) || UNAVAILABLE_KINDS.has(String(adapterErrorKind(error)));
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === '57P01' || code === '3D000';
}

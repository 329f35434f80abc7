import { Prisma } from './generated/sqlite/client.js';

type AdapterCause = { kind?: unknown; code?: unknown; severity?: unknown };

function adapterCause(error: Prisma.PrismaClientKnownRequestError): AdapterCause | undefined {
  return (error.meta as { driverAdapterError?: { cause?: AdapterCause } } | undefined)?.driverAdapterError?.cause;
}

/** The failure kind the driver adapter reports, named the same way for SQLite and PostgreSQL. */
function adapterErrorKind(error: Prisma.PrismaClientKnownRequestError): unknown {
  return adapterCause(error)?.kind;
}

/** PostgreSQL codes of a server going down, starting up, or refusing connections (class 08, 57P0x). */
const PG_UNAVAILABLE = /^(08\d{3}|57P0[1-3]|53300)$/;

/**
 * A write refused because a unique value (email, LinkedIn URL, …) exists already — from a Prisma
 * model query (P2002) or a raw one (P2010 with the adapter's own kind).
 */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  return error.code === 'P2002' || adapterErrorKind(error) === 'UniqueConstraintViolation';
}

const UNAVAILABLE_KINDS = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
  'DatabaseDoesNotExist',
  'TlsConnectionError',
]);
const UNAVAILABLE_CODES = new Set(['P1001', 'P1002', 'P1003', 'P1008', 'P1017', 'P2024']);

/** The database cannot be reached right now (down, restarting, out of connections): worth a retry later. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientInitializationError) return true;
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (UNAVAILABLE_CODES.has(error.code) || UNAVAILABLE_KINDS.has(String(adapterErrorKind(error)))) return true;
    // A FATAL error ends the session: the server is going away or will not take us (e.g. 55000,
    // "database is not currently accepting connections").
    const cause = adapterCause(error);
    return cause?.kind === 'postgres' && (PG_UNAVAILABLE.test(String(cause.code)) || cause.severity === 'FATAL');
  }
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === '57P01' || code === '3D000';
}

/**
 * A transaction could not begin within its wait: another long write holds the database (on SQLite,
 * one writer at a time — a large CSV import, dry run or not, holds it until it ends). Worth a retry.
 */
export function isDatabaseBusy(error: unknown): boolean {
  return (
    error instanceof Prisma.PrismaClientKnownRequestError &&
    error.code === 'P2028' &&
    /start a transaction/i.test(error.message)
  );
}

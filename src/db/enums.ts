/**
 * The schema's enums (prisma/schema.prisma), the same for both databases. A module of its own so
 * that importing them (schemas, worker threads) does not load the Prisma clients.
 */
export { ConversationKind, EmailStatus, ResearchTaskStatus } from './generated/sqlite/enums.js';

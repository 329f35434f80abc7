import type { Services } from '../app.js';
import type { AnyRouteSpec } from './route-table.js';
import { contactRoutes } from './routes/contacts.routes.js';
import { conversationRoutes } from './routes/conversations.routes.js';
import { digestRoutes } from './routes/digest.routes.js';
import { enrichRoutes } from './routes/enrich.routes.js';
import { researchRoutes } from './routes/research.routes.js';

/** Every route of the admin API (mounted under /api), in the order they are matched and documented. */
export function apiRoutes(
  services: Pick<Services, 'contacts' | 'conversations' | 'research' | 'digests' | 'followUps'>,
): AnyRouteSpec[] {
  return [
    ...contactRoutes(services.contacts),
    ...conversationRoutes(services.conversations),
    ...researchRoutes(services.research),
    ...enrichRoutes(services.research),
    ...digestRoutes(services.digests, services.followUps),
  ];
}

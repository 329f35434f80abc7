/**
 * A typed client for the PersonableCRM admin API: openapi-fetch over the types openapi-typescript
 * generates from /api/openapi.json (`npm run api:client`).
 *
 *   const crm = createCrmClient('http://localhost:3000', token);
 *   const { data, error } = await crm.GET('/api/contacts/{id}', { params: { path: { id } } });
 */
import createClient, { type Client } from 'openapi-fetch';

import type { paths } from './api-types.js';

export type { components, operations, paths } from './api-types.js';

export function createCrmClient(baseUrl: string, token: string, fetchImpl?: typeof fetch): Client<paths> {
  return createClient<paths>({
    baseUrl,
    headers: { Authorization: `Bearer ${token}` },
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
}

import { OpenApiGeneratorV31, OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';

import { documentRoutes, type AnyRouteSpec } from './route-table.js';

/** The OpenAPI 3.1 description of `/api`, made from the route table's own zod schemas. */
export function buildOpenApiDocument(
  routes: AnyRouteSpec[],
  version: string,
): ReturnType<OpenApiGeneratorV31['generateDocument']> {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'adminToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'The ADMIN_API_TOKEN (or the token stored in ./data/admin-api-token).',
  });
  documentRoutes(registry, '/api', routes, [{ adminToken: [] }]);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'PersonableCRM admin API',
      version,
      // A private application (package.json "private": true): npm's word for "no licence granted".
      license: { name: 'UNLICENSED', identifier: 'LicenseRef-Proprietary' },
      description:
        'Contacts, conversations and research for scripts and other tools. Every route needs `Authorization: Bearer <token>`.',
    },
    servers: [{ url: '/' }],
  });
}

import type { Services } from '../../src/app.js';
import { apiRoutes } from '../../src/http/api-routes.js';
import { buildOpenApiDocument } from '../../src/http/openapi-document.js';
import { appVersion } from '../../src/project-root.js';

/**
 * The document `/api/openapi.json` serves, built without a database: the route table only
 * describes routes, it never calls the services it is given here.
 */
export function openApiDocument(): ReturnType<typeof buildOpenApiDocument> {
  const unused = {} as Services;
  return buildOpenApiDocument(apiRoutes(unused), appVersion());
}

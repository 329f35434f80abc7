/**
 * `npm run lint:openapi`: the API description through Redocly's linter (@redocly/openapi-core, the
 * engine of `redocly lint`) with its `recommended` rules, every rule that would only warn raised to
 * an error: it passes only with no problem at all.
 */
import { createConfig, formatProblems, lintFromString } from '@redocly/openapi-core';

import { openApiDocument } from './openapi-document.js';

const document = JSON.stringify(openApiDocument(), null, 2);
const config = await createConfig({ extends: ['recommended'] });
const problems = await lintFromString({ source: document, absoluteRef: 'openapi.json', config });
if (problems.length > 0) {
  formatProblems(problems, {
    format: 'stylish',
    totals: { errors: problems.length, warnings: 0, ignored: 0 },
    version: 'lint',
  });
  console.error(`${problems.length} problem(s) in the OpenAPI description`);
  process.exit(1);
}
console.log('OpenAPI description: no problems (Redocly recommended rules)');

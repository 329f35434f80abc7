import { z } from 'zod';

import { uuidParam } from '../../crm/field-rules.js';
import { ResearchTaskSchema } from '../../research/research-task.schemas.js';
import type { ResearchService } from '../../research/research.service.js';
import { defineRoute, type AnyRouteSpec } from '../route-table.js';

/** Enrichment: research a known contact again. */
export function enrichRoutes(research: ResearchService): AnyRouteSpec[] {
  return [
    defineRoute({
      method: 'post',
      operationId: 'enrichContact',
      path: '/contacts/:id/enrich',
      summary:
        'Research a known contact again: empty fields filled, differing values reported as conflicts with both sources (never overwritten), new sources attached',
      tag: 'Research',
      params: z.strictObject({ id: uuidParam }),
      responses: {
        202: {
          description: 'The queued enrichment task (its `changes` say what changed once it has run)',
          schema: ResearchTaskSchema,
        },
        404: { description: 'No such contact' },
        429: { description: 'Too many research tasks for this user in the last hour' },
        503: { description: 'Research is not configured' },
      },
      handle: async ({ params }) => {
        const task = await research.enrich(params.id, { requestedBy: 'api' });
        return { status: 202, body: task, headers: { Location: `/api/research/tasks/${task.id}` } };
      },
    }),
  ];
}

import { z } from 'zod';

import {
  ResearchRequestSchema,
  ResearchSyncRequestSchema,
  ResearchTaskDetailSchema,
  ResearchTaskSchema,
  TaskListQuerySchema,
} from '../../research/research-task.schemas.js';
import type { ResearchService } from '../../research/research.service.js';
import { defineRoute, type AnyRouteSpec } from '../route-table.js';
import { idParams } from './route-params.js';

const TaskPageSchema = z
  .object({ data: z.array(ResearchTaskSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'ResearchTaskPage' });
const unavailable = { description: 'Research is not configured (the message says what to set)' };
const DEFAULT_SYNC_TIMEOUT_MS = 120_000;

export function researchRoutes(research: ResearchService): AnyRouteSpec[] {
  return [
    defineRoute({
      method: 'post',
      path: '/research',
      summary: 'Start research; answers at once with the queued task',
      tag: 'Research',
      body: ResearchRequestSchema,
      responses: { 202: { description: 'Queued', schema: ResearchTaskSchema }, 503: unavailable },
      handle: async ({ body }) => {
        const task = await research.start(body, { requestedBy: 'api' });
        return { status: 202, body: task, headers: { Location: `/api/research/tasks/${task.id}` } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/research/sync',
      summary: 'Start research and wait for its result (202 with the task if it takes longer than timeoutMs)',
      tag: 'Research',
      body: ResearchSyncRequestSchema,
      responses: {
        200: { description: 'Finished: the task with its contacts and sources', schema: ResearchTaskDetailSchema },
        202: { description: 'Still running after timeoutMs', schema: ResearchTaskDetailSchema },
        503: unavailable,
      },
      handle: async ({ body }) => {
        const { timeoutMs, ...request } = body;
        const result = await research.startAndWait(
          request,
          { requestedBy: 'api' },
          timeoutMs ?? DEFAULT_SYNC_TIMEOUT_MS,
        );
        return { status: result.finished ? 200 : 202, body: result.task };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/research/tasks',
      summary: 'Research tasks, newest first',
      tag: 'Research',
      query: TaskListQuerySchema,
      responses: { 200: { description: 'A page of tasks', schema: TaskPageSchema } },
      handle: async ({ query }) => ({ status: 200, body: await research.listTasks(query) }),
    }),
    defineRoute({
      method: 'get',
      path: '/research/tasks/:id',
      summary: 'One research task with the contacts it found and their sources',
      tag: 'Research',
      params: idParams,
      responses: {
        200: { description: 'The task', schema: ResearchTaskDetailSchema },
        404: { description: 'No such task' },
      },
      handle: async ({ params }) => ({ status: 200, body: await research.getTask(params.id) }),
    }),
    defineRoute({
      method: 'post',
      path: '/research/tasks/:id/cancel',
      summary: 'Cancel a queued or running task',
      tag: 'Research',
      params: idParams,
      responses: {
        200: { description: 'Cancelled', schema: ResearchTaskSchema },
        404: { description: 'No such task' },
        409: { description: 'The task has already finished' },
      },
      handle: async ({ params }) => ({ status: 200, body: await research.cancel(params.id) }),
    }),
  ];
}

import { z } from 'zod';

import type { FollowUpService } from '../../crm/follow-ups/follow-up.service.js';
import { DigestSchema } from '../../digest/digest-data.js';
import type { DigestService } from '../../digest/digest.service.js';
import { AppError } from '../../errors.js';
import { defineRoute, type AnyRouteSpec } from '../route-table.js';
import { idParams } from './route-params.js';

export function digestRoutes(digests: DigestService, followUps: FollowUpService): AnyRouteSpec[] {
  return [
    defineRoute({
      method: 'get',
      path: '/digest/preview',
      summary: 'The digest the current period would post (nothing is posted or recorded)',
      tag: 'Digest',
      responses: { 200: { description: 'The digest', schema: DigestSchema } },
      handle: async () => ({ status: 200, body: await digests.preview() }),
    }),
    defineRoute({
      method: 'post',
      path: '/digest/run',
      summary:
        'Post now what is new since the last digest (nothing, if nothing is new); the next digest starts from here',
      tag: 'Digest',
      responses: {
        200: {
          description:
            'What happened: posted, empty (nothing new since the last digest, not posted), in-progress / already-posted (another run from the same point got there first) or failed (nothing posted; run again)',
          schema: z.object({ outcome: z.string() }),
        },
        503: { description: 'Digests are off (no channel, or Slack is off)' },
      },
      handle: async () => {
        if (digests.offReason) throw new AppError('unavailable', `digests are off: ${digests.offReason}`);
        return { status: 200, body: { outcome: await digests.runNow() } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/contacts/:id/follow-up/done',
      summary: 'Mark the follow-up done: logs a note and clears the date',
      tag: 'Contacts',
      params: idParams,
      responses: { 204: { description: 'Done' }, 404: { description: 'No such contact' } },
      handle: async ({ params }) => {
        await followUps.markDone(params.id, 'api');
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/contacts/:id/follow-up/snooze',
      summary: 'Move the follow-up on by some days (default 7)',
      tag: 'Contacts',
      params: idParams,
      body: z.strictObject({ days: z.number().int().min(1).max(365).default(7) }),
      responses: {
        200: { description: 'The new date', schema: z.object({ nextFollowUpAt: z.string() }) },
        404: { description: 'No such contact' },
      },
      handle: async ({ params, body }) => {
        const { nextFollowUpAt } = await followUps.snooze(params.id, body.days);
        return { status: 200, body: { nextFollowUpAt: nextFollowUpAt.toISOString() } };
      },
    }),
  ];
}

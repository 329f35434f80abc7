import { z } from 'zod';

/**
 * What a digest says: gathered by the digest service, turned into messages by a publisher, served by GET
 * /api/digest/preview.
 */
export const DigestSchema = z
  .object({
    channelId: z.string(),
    period: z.object({ start: z.string(), timezone: z.string() }),
    window: z.object({ from: z.string(), to: z.string() }),
    newContacts: z.array(
      z.object({
        // The research that added them, or null for imports and the API.
        research: z.object({ taskId: z.string(), query: z.string(), requestedBy: z.string().nullable() }).nullable(),
        contacts: z.array(
          z.object({
            id: z.string(),
            fullName: z.string(),
            title: z.string().nullable(),
            company: z.string().nullable(),
          }),
        ),
      }),
    ),
    research: z.object({
      succeeded: z.array(
        z.object({
          id: z.string(),
          query: z.string(),
          requestedBy: z.string().nullable(),
          new: z.number(),
          merged: z.number(),
        }),
      ),
      failed: z.array(
        z.object({
          id: z.string(),
          query: z.string(),
          requestedBy: z.string().nullable(),
          error: z.string().nullable(),
        }),
      ),
    }),
    followUps: z.array(
      z.object({
        ownerId: z.string().nullable(),
        contacts: z.array(
          z.object({
            id: z.string(),
            fullName: z.string(),
            company: z.string().nullable(),
            dueAt: z.string(),
            overdue: z.boolean(),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'Digest' });
export type DigestData = z.output<typeof DigestSchema>;

export const isEmptyDigest = (d: DigestData): boolean =>
  d.newContacts.length === 0 &&
  d.research.succeeded.length === 0 &&
  d.research.failed.length === 0 &&
  d.followUps.length === 0;

export const digestItemCount = (d: DigestData): number =>
  d.newContacts.reduce((n, g) => n + g.contacts.length, 0) +
  d.research.succeeded.length +
  d.research.failed.length +
  d.followUps.reduce((n, g) => n + g.contacts.length, 0);

/** Posts a digest. Parts already posted (`fromPart`) are skipped; `onPartPosted` is called after each one. */
export interface DigestPublisher {
  publish(data: DigestData, fromPart: number, onPartPosted: (partsPosted: number) => Promise<void>): Promise<void>;
}

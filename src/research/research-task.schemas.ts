import { z } from 'zod';

import { ContactSchema, SourceSchema } from '../crm/contacts/contact.schemas.js';
import { lineText, pageSize, requiredLine, uuidParam } from '../crm/field-rules.js';
import { ResearchTaskStatus } from '../db/enums.js';

/** The longest a research request's texts may be, in characters, and the most people one may ask for. */
export const RESEARCH_LIMITS = { query: 500, company: 200, location: 200, maxContacts: 100 } as const;

export const ResearchRequestSchema = z
  .strictObject({
    query: requiredLine(RESEARCH_LIMITS.query)
      .refine((q) => q.length >= 3, 'must be at least 3 characters')
      .meta({ example: 'Heads of Sales at Series A fintech startups in London' }),
    maxContacts: z
      .number()
      .int()
      .min(1)
      .max(RESEARCH_LIMITS.maxContacts)
      .optional()
      .meta({ description: 'How many people to find at most (capped by RESEARCH_MAX_CONTACTS).' }),
    company: lineText(RESEARCH_LIMITS.company).nullish().meta({ description: 'A company to focus on.' }),
    location: lineText(RESEARCH_LIMITS.location).nullish().meta({ description: 'A place to focus on.' }),
  })
  .meta({ id: 'ResearchRequest' });
export type ResearchRequest = z.output<typeof ResearchRequestSchema>;

export const ResearchSyncRequestSchema = ResearchRequestSchema.extend({
  timeoutMs: z
    .number()
    .int()
    .min(1_000)
    .max(600_000)
    .optional()
    .meta({ description: 'How long to wait for the result (default 120000).' }),
}).meta({ id: 'ResearchSyncRequest' });

export const TaskListQuerySchema = z.strictObject({
  status: z.enum(ResearchTaskStatus).optional(),
  limit: pageSize,
  cursor: uuidParam.optional(),
});
export type TaskListQuery = z.output<typeof TaskListQuerySchema>;

const EnrichmentChangesSchema = z
  .object({
    contactId: z.string(),
    matched: z.boolean().meta({ description: 'Whether the research found this person (not only namesakes).' }),
    filled: z
      .array(z.object({ field: z.string(), value: z.string() }))
      .meta({ description: 'Empty fields that were filled.' }),
    conflicts: z
      .array(
        z.object({
          field: z.string(),
          kept: z.string(),
          keptSources: z.array(z.string()),
          offered: z.string(),
          offeredSources: z.array(z.string()),
        }),
      )
      .meta({
        description: 'Found values that differ from the known ones: the known value was kept; the pages behind both.',
      }),
    sourcesAdded: z.number(),
    namesakes: z
      .array(z.object({ fullName: z.string(), company: z.string().nullable(), reason: z.string() }))
      .meta({ description: 'People found with this name who are not this contact (not merged).' }),
  })
  .meta({ id: 'EnrichmentChanges', description: 'What an enrichment task changed on its contact.' });

export const ResearchTaskSchema = z
  .object({
    id: z.string(),
    query: z.string(),
    options: z.object({ maxContacts: z.number(), company: z.string().nullable(), location: z.string().nullable() }),
    status: z.enum(ResearchTaskStatus),
    progress: z.number(),
    progressMessage: z.string().nullable(),
    error: z.string().nullable(),
    requestedBy: z.string().nullable(),
    slackChannelId: z.string().nullable(),
    slackThreadTs: z.string().nullable(),
    model: z.string().nullable(),
    usage: z.object({
      promptTokens: z.number(),
      cachedPromptTokens: z.number().meta({ description: 'Of promptTokens, those read from the prompt cache.' }),
      completionTokens: z.number(),
      modelCalls: z.number(),
      searchCalls: z.number(),
      searchCostUsd: z.number().nullable().meta({ description: "The searches' share of costUsd." }),
      costUsd: z
        .number()
        .nullable()
        .meta({ description: "Model and searches, in USD; null when the model's price is unknown." }),
    }),
    counts: z.object({ found: z.number(), new: z.number(), merged: z.number(), rejected: z.number() }),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    contactId: z.string().nullable().meta({ description: 'Enrichment: the known contact this task researched again.' }),
    changes: EnrichmentChangesSchema.nullable(),
  })
  .meta({ id: 'ResearchTask' });
export type ResearchTaskView = z.output<typeof ResearchTaskSchema>;

export const RejectionsSchema = z
  .object({
    people: z
      .array(z.object({ fullName: z.string(), reason: z.string() }))
      .meta({ description: 'People the research submitted but left out, and why.' }),
    facts: z
      .array(z.object({ fullName: z.string(), field: z.string(), value: z.string(), reason: z.string() }))
      .meta({ description: 'Facts left out of stored people, and why.' }),
  })
  .meta({ id: 'ResearchRejections' });
export type RejectionsView = z.output<typeof RejectionsSchema>;

export const ResearchTaskDetailSchema = ResearchTaskSchema.extend({
  contacts: z.array(
    ContactSchema.extend({
      outcome: z.enum(['new', 'merged']),
      sources: z.array(SourceSchema),
      knownFrom: z.enum(['first-party', 'third-party-only', 'unknown']).optional().meta({
        description:
          "first-party: a page on the company's own domain shows the person; third-party-only: only other sites do.",
      }),
    }),
  ),
  rejections: RejectionsSchema.optional().meta({
    description: 'Why people and facts were left out (always present in answers).',
  }),
}).meta({ id: 'ResearchTaskDetail' });
export type ResearchTaskDetailView = z.output<typeof ResearchTaskDetailSchema>;

import { z } from 'zod';

import { DEFAULT_RESEARCH_MAX_CONTACTS } from '../config/config.js';
import type { EnrichmentAnchors, EnrichmentChanges } from '../crm/contacts/contact-enrichment.js';
import type { ResearchTask } from '../db/database.js';
import type { ResearchBrief } from './agent/system-prompt.js';
import type { ResearchTaskView } from './research-task.schemas.js';

const EnrichmentAnchorsSchema: z.ZodType<EnrichmentAnchors> = z.looseObject({
  contactId: z.string(),
  fullName: z.string(),
  company: z.string().nullable(),
  email: z.string().nullable(),
  linkedinUrl: z.string().nullable(),
});

/** ResearchTask.options, a JSON column, as the research service writes it: read back through this schema. */
const StoredOptionsSchema = z.looseObject({
  maxContacts: z.number().optional(),
  company: z.string().nullish(),
  location: z.string().nullish(),
  /** Enrichment tasks: the contact and its anchors at the time of the request. */
  enrich: EnrichmentAnchorsSchema.optional(),
});
type StoredOptions = z.output<typeof StoredOptionsSchema>;

/** A task's stored options; none (the defaults) when the column is empty or not in this shape. */
const storedOptions = (task: ResearchTask): StoredOptions => {
  const parsed = StoredOptionsSchema.safeParse(task.options ?? {});
  return parsed.success ? parsed.data : {};
};

const optionsOf = (task: ResearchTask): { maxContacts: number; company: string | null; location: string | null } => {
  const o = storedOptions(task);
  return {
    maxContacts: o.maxContacts ?? DEFAULT_RESEARCH_MAX_CONTACTS,
    company: o.company ?? null,
    location: o.location ?? null,
  };
};

export function briefOf(task: ResearchTask): ResearchBrief {
  const enrich = storedOptions(task).enrich;
  return { query: task.query, ...optionsOf(task), ...(enrich ? { enrich } : {}) };
}

export function toTaskView(task: ResearchTask): ResearchTaskView {
  return {
    id: task.id,
    query: task.query,
    options: optionsOf(task),
    status: task.status,
    progress: task.progress,
    progressMessage: task.progressMessage,
    error: task.error,
    requestedBy: task.requestedBy,
    slackChannelId: task.slackChannelId,
    slackThreadTs: task.slackThreadTs,
    model: task.model,
    usage: {
      promptTokens: task.promptTokens,
      cachedPromptTokens: task.cachedPromptTokens,
      completionTokens: task.completionTokens,
      modelCalls: task.modelCalls,
      searchCalls: task.searchCalls,
      searchCostUsd: task.searchCostUsd,
      costUsd: task.costUsd,
    },
    counts: {
      found: task.contactsFound,
      new: task.contactsNew,
      merged: task.contactsMerged,
      rejected: task.contactsRejected,
    },
    createdAt: task.createdAt.toISOString(),
    startedAt: task.startedAt?.toISOString() ?? null,
    finishedAt: task.finishedAt?.toISOString() ?? null,
    contactId: task.contactId,
    // Written only by the worker from an EnrichmentChanges (ResearchTask.changes, a JSON column).
    changes: (task.changes as EnrichmentChanges | null) ?? null,
  };
}

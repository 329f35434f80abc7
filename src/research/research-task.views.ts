import { DEFAULT_RESEARCH_MAX_CONTACTS } from '../config/config.js';
import type { EnrichmentAnchors, EnrichmentChanges } from '../crm/contacts/contact-enrichment.js';
import type { ResearchTask } from '../db/database.js';
import type { ResearchBrief } from './agent/system-prompt.js';
import type { ResearchTaskView } from './research-task.schemas.js';

interface StoredOptions {
  maxContacts?: number;
  company?: string | null;
  location?: string | null;
  /** Enrichment tasks: the contact and its anchors at the time of the request. */
  enrich?: EnrichmentAnchors;
}

const optionsOf = (task: ResearchTask): Required<Omit<StoredOptions, 'enrich'>> => {
  const o = (task.options ?? {}) as StoredOptions;
  return { maxContacts: o.maxContacts ?? DEFAULT_RESEARCH_MAX_CONTACTS, company: o.company ?? null, location: o.location ?? null };
};

export function briefOf(task: ResearchTask): ResearchBrief {
  const enrich = ((task.options ?? {}) as StoredOptions).enrich;
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
    counts: { found: task.contactsFound, new: task.contactsNew, merged: task.contactsMerged, rejected: task.contactsRejected },
    createdAt: task.createdAt.toISOString(),
    startedAt: task.startedAt?.toISOString() ?? null,
    finishedAt: task.finishedAt?.toISOString() ?? null,
    contactId: task.contactId,
    changes: (task.changes as EnrichmentChanges | null) ?? null,
  };
}

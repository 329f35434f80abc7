import type OpenAI from 'openai';
import type { ResearchConfig } from '../config/config.js';
import type { ContactIntake } from '../crm/contacts/contact-intake.js';
import type { ContactEnrichment, EnrichmentChanges } from '../crm/contacts/contact-enrichment.js';
import type { Logger } from '../logging/logger.js';
import { AgentStoppedError, runResearchAgent } from './agent/research-agent.js';
import type { AgentUsage } from './agent/research-agent.js';
import type { ResearchProgress } from './agent/research-progress.js';
import type { ResearchBrief } from './agent/system-prompt.js';
import { estimateCostUsd } from './llm/token-cost.js';
import type { SearchProvider } from './search/search-provider.js';
import { verifyContacts } from './verification/contact-verifier.js';
import type { PageFetcher } from './web/page-fetcher.js';

export interface ResearchOutcome {
  model: string;
  usage: AgentUsage;
  costUsd: number | null;
  found: number;
  created: number;
  merged: number;
  rejected: number;
  /** Enrichment: what changed on the contact. */
  changes?: EnrichmentChanges;
}

/** A failed run, with what it cost so far. */
export class ResearchFailure extends Error {
  constructor(
    message: string,
    readonly usage: AgentUsage | undefined,
  ) {
    super(message);
    this.name = 'ResearchFailure';
  }
}

export interface ResearchRunnerDeps {
  openai: OpenAI;
  search: SearchProvider;
  fetcher: PageFetcher;
  intake: ContactIntake;
  /** Enrichment's merge into the one known contact. */
  enrichment?: ContactEnrichment;
  config: Pick<ResearchConfig, 'maxSteps' | 'maxContacts'> & { model: string; pricePerMillion?: { input: number; output: number } };
  logger: Logger;
}

/** One task from brief to stored contacts: agent → verification → intake (duplicate handling). */
export class ResearchRunner {
  constructor(private readonly deps: ResearchRunnerDeps) {}

  get model(): string {
    return this.deps.config.model;
  }

  async run(
    task: { id: string; brief: ResearchBrief },
    signal: AbortSignal,
    progress: (event: ResearchProgress) => void,
    /** Called just before contacts are written: false when the task is no longer ours to finish. */
    stillOurs: () => Promise<boolean>,
  ): Promise<ResearchOutcome> {
    const { config } = this.deps;
    let agent;
    try {
      agent = await runResearchAgent(
        { openai: this.deps.openai, model: config.model, search: this.deps.search, fetcher: this.deps.fetcher, maxSteps: config.maxSteps },
        { ...task.brief, maxContacts: Math.min(task.brief.maxContacts, config.maxContacts) },
        { signal, onProgress: progress },
      );
    } catch (error) {
      if (error instanceof AgentStoppedError) throw new ResearchFailure(error.message, error.usage);
      throw new ResearchFailure(describeModelError(error), undefined);
    }
    progress({ stage: 'verifying', message: `Checking ${agent.contacts.length} people against ${agent.pages.size} pages read` });
    const report = verifyContacts(agent.contacts, agent.pages, Math.min(task.brief.maxContacts, config.maxContacts));
    for (const r of report.rejected) this.deps.logger.info({ taskId: task.id, name: r.fullName, reason: r.reason }, 'research contact rejected');
    if (report.droppedFacts.length) this.deps.logger.info({ taskId: task.id, dropped: report.droppedFacts }, 'unsupported facts dropped');
    if (!(await stillOurs())) throw new ResearchFailure('the task was cancelled', agent.usage);
    progress({ stage: 'saving', message: `Saving ${report.accepted.length} people` });
    const enrich = task.brief.enrich;
    if (enrich && this.deps.enrichment) {
      const changes = await this.deps.enrichment.merge(enrich.contactId, report.accepted, task.id);
      return {
        model: config.model,
        usage: agent.usage,
        costUsd: estimateCostUsd(config.model, agent.usage, config.pricePerMillion),
        found: agent.contacts.length,
        created: 0,
        merged: changes.matched ? 1 : 0,
        rejected: report.rejected.length + changes.namesakes.length,
        changes,
      };
    }
    const results = await this.deps.intake.intake(report.accepted, { taskId: task.id });
    const count = (o: string) => results.filter((r) => r.outcome === o).length;
    return {
      model: config.model,
      usage: agent.usage,
      costUsd: estimateCostUsd(config.model, agent.usage, config.pricePerMillion),
      found: agent.contacts.length,
      created: count('created'),
      merged: count('merged'),
      rejected: report.rejected.length + count('rejected'),
    };
  }
}

function describeModelError(error: unknown): string {
  const status = (error as { status?: unknown })?.status;
  if (typeof status === 'number') {
    if (status === 401 || status === 403) return `the language model refused the API key (HTTP ${status})`;
    if (status === 404) return 'the language model or its endpoint was not found (check OPENAI_MODEL and OPENAI_BASE_URL)';
    if (status === 429) return 'the language model is rate-limiting us (HTTP 429), even after retries';
    if (status >= 500) return `the language model failed (HTTP ${status}), even after retries`;
    return `the language model answered HTTP ${status}`;
  }
  const name = (error as { name?: unknown })?.name;
  if (name === 'APIConnectionTimeoutError') return 'the language model did not answer in time';
  if (name === 'APIConnectionError') return 'the language model could not be reached';
  return `the research failed: ${error instanceof Error ? error.message : String(error)}`;
}

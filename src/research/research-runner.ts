import type OpenAI from 'openai';
import type { ResearchConfig } from '../config/config.js';
import type { ContactIntake } from '../crm/contacts/contact-intake.js';
import type { Logger } from '../logging/logger.js';
import { AgentStoppedError, runResearchAgent } from './agent/research-agent.js';
import type { AgentUsage } from './agent/research-agent.js';
import type { ResearchProgress } from './agent/research-progress.js';
import type { ResearchBrief } from './agent/system-prompt.js';
import { estimateCostUsd } from './llm/token-cost.js';
import type { SearchProvider } from './search/search-provider.js';
import { verifyContacts } from './verification/contact-verifier.js';
import type { VerificationReport } from './verification/contact-verifier.js';
import { judgeContacts } from './verification/judge.js';
import type { PageFetcher } from './web/page-fetcher.js';
import type { PageReading } from './web/page-reader-pool.js';

export interface ResearchOutcome {
  model: string;
  usage: AgentUsage;
  costUsd: number | null;
  found: number;
  created: number;
  merged: number;
  rejected: number;
  /** Why people and facts were left out (verification, the judge, intake). */
  rejections: ResearchRejections;
}

/** Stored on the task (ResearchTask.verificationRejections) and shown by the API and in Slack. */
export interface ResearchRejections {
  people: { fullName: string; reason: string }[];
  facts: { fullName: string; field: string; value: string; reason: string }[];
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
  /** Reads and verifies off the event loop, with time limits (absent: in this thread). */
  reader?: PageReading;
  intake: ContactIntake;
  config: Pick<ResearchConfig, 'maxSteps' | 'maxContacts'> & { model: string; pricePerMillion?: { input: number; output: number }; judgeModel?: string };
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
        { openai: this.deps.openai, model: config.model, search: this.deps.search, fetcher: this.deps.fetcher, reader: this.deps.reader, maxSteps: config.maxSteps },
        { ...task.brief, maxContacts: Math.min(task.brief.maxContacts, config.maxContacts) },
        { signal, onProgress: progress },
      );
    } catch (error) {
      if (error instanceof AgentStoppedError) throw new ResearchFailure(error.message, error.usage);
      throw new ResearchFailure(describeModelError(error), undefined);
    }
    progress({ stage: 'verifying', message: `Checking ${agent.contacts.length} people against ${agent.pages.size} pages read` });
    const maxContacts = Math.min(task.brief.maxContacts, config.maxContacts);
    let report: VerificationReport;
    try {
      report = this.deps.reader ? await this.deps.reader.verify(agent.contacts, agent.pages, maxContacts) : verifyContacts(agent.contacts, agent.pages, maxContacts);
    } catch (error) {
      throw new ResearchFailure(error instanceof Error ? error.message : String(error), agent.usage);
    }
    if (config.judgeModel && report.accepted.length > 0) {
      progress({ stage: 'verifying', message: `A second model is checking ${report.accepted.length} people` });
      const judged = await judgeContacts(
        { openai: this.deps.openai, model: config.judgeModel, signal, onError: (name, error) => this.deps.logger.warn({ taskId: task.id, name, err: error }, 'the judge gave no verdict; the person is kept') },
        report.accepted,
        agent.pages,
      );
      report = { ...report, accepted: judged.kept, rejected: [...report.rejected, ...judged.rejected] };
      agent.usage.promptTokens += judged.usage.promptTokens;
      agent.usage.completionTokens += judged.usage.completionTokens;
      agent.usage.modelCalls += judged.usage.modelCalls;
    }
    for (const r of report.rejected) this.deps.logger.info({ taskId: task.id, name: r.fullName, reason: r.reason }, 'research contact rejected');
    if (report.droppedFacts.length) this.deps.logger.info({ taskId: task.id, dropped: report.droppedFacts }, 'unsupported facts dropped');
    if (!(await stillOurs())) throw new ResearchFailure('the task was cancelled', agent.usage);
    progress({ stage: 'saving', message: `Saving ${report.accepted.length} people` });
    const rows = report.accepted.map(({ thirdPartyOnly: _thirdPartyOnly, sources, ...contact }) => ({ ...contact, sources: sources.map(({ unitId: _unitId, ...source }) => source) }));
    const results = await this.deps.intake.intake(rows, { taskId: task.id });
    const rejections: ResearchRejections = {
      people: [
        ...report.rejected.map((r) => ({ fullName: r.fullName, reason: r.reason })),
        ...results.filter((r) => r.outcome === 'rejected').map((r) => ({ fullName: report.accepted[r.index]!.fullName, reason: `not stored: ${(r.errors ?? []).map((e) => `${e.path} ${e.message}`).join('; ') || 'invalid'}` })),
      ].slice(0, 200),
      facts: report.droppedFacts.map((f) => ({ fullName: f.fullName, field: f.field, value: f.value.slice(0, 300), reason: f.reason })).slice(0, 500),
    };
    const count = (o: string) => results.filter((r) => r.outcome === o).length;
    return {
      model: config.model,
      usage: agent.usage,
      costUsd: estimateCostUsd(config.model, agent.usage, config.pricePerMillion),
      found: agent.contacts.length,
      created: count('created'),
      merged: count('merged'),
      rejected: report.rejected.length + count('rejected'),
      rejections,
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

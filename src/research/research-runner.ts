import type OpenAI from 'openai';

import type { ResearchConfig } from '../config/config.js';
import type { ContactEnrichment, EnrichmentChanges } from '../crm/contacts/contact-enrichment.js';
import type { ContactIntake } from '../crm/contacts/contact-intake.js';
import { foldText } from '../crm/contacts/text-keys.js';
import type { Db } from '../db/database.js';
import type { Logger } from '../logging/logger.js';
import type { PageStore } from './agent/page-store.js';
import { AgentStoppedError, runResearchAgent, type SubmissionOutcome } from './agent/research-agent.js';
import type { ResearchProgress } from './agent/research-progress.js';
import type { ResearchBrief } from './agent/system-prompt.js';
import type { SubmittedContact } from './agent/tools/submit-contacts.tool.js';
import type { ModelServer } from './llm/model-server.js';
import { taskCost, type ModelPrice } from './llm/token-cost.js';
import { emptyUsage, type ResearchUsage } from './llm/usage.js';
import type { RejectionsView } from './research-task.schemas.js';
import { SearchError, type SearchProvider } from './search/search-provider.js';
import { verifyContacts, type VerificationReport } from './verification/contact-verifier.js';
import { judgeContacts } from './verification/judge.js';
import type { PageFetcher } from './web/page-fetcher.js';
import type { PageReading } from './web/page-reader-pool.js';

/** What a task has stored and spent so far: written to the task after every submission and at the end. */
export interface ResearchTally {
  model: string;
  usage: ResearchUsage;
  costUsd: number | null;
  searchCostUsd: number;
  found: number;
  created: number;
  merged: number;
  rejected: number;
}

/** Stored on the task (ResearchTask.verificationRejections) and shown by the API and in Slack. */
export type ResearchRejections = RejectionsView;

export interface ResearchOutcome extends ResearchTally {
  /** `failed` only when the model failed after people were stored: they are kept and shown. */
  status: 'succeeded' | 'failed';
  /** Why a run that kept its people ended early (step limit, deadline), or why it failed. */
  note: string | null;
  /** An enrichment task: what it changed on its contact. */
  changes?: EnrichmentChanges;
  /** Why people and facts were left out (verification, the judge, intake), across every hand-in. */
  rejections: ResearchRejections;
}

/** How many left-out people and facts a task keeps with their reasons (the counts stay exact). */
const MAX_PEOPLE_REJECTIONS = 200;
const MAX_FACT_REJECTIONS = 500;

/** A run that stored nobody, with what it cost. */
export class ResearchFailure extends Error {
  constructor(
    message: string,
    readonly tally: ResearchTally | undefined,
  ) {
    super(message);
    this.name = 'ResearchFailure';
  }
}

/** The task stopped being ours (cancelled, or taken over) while people were being stored. */
class NoLongerOurs extends Error {}

export interface ResearchRunnerDeps {
  openai: OpenAI;
  search: SearchProvider;
  fetcher: PageFetcher;
  /** Reads and verifies off the event loop, with time limits (absent: in this thread). */
  reader?: PageReading;
  intake: ContactIntake;
  db: Db;
  /** Enrichment's merge into the one known contact. */
  enrichment?: ContactEnrichment;
  server: ModelServer;
  config: Pick<ResearchConfig, 'maxSteps' | 'maxContacts'> & {
    model: string;
    pricePerMillion?: ModelPrice;
    /** USD per thousand searches of the configured provider. */
    searchPricePer1k: number;
    toolConcurrency?: number;
    /** A second model that may reject accepted people (RESEARCH_JUDGE_MODEL); absent: no judge pass. */
    judgeModel?: string;
  };
  logger: Logger;
  clock?: () => Date;
}

export interface RunHooks {
  progress: (event: ResearchProgress) => void;
  /** Called just before contacts are written: false when the task is no longer ours to finish. */
  stillOurs: () => Promise<boolean>;
  /** After each submission is stored: what the task holds and has spent so far. */
  stored: (tally: ResearchTally) => Promise<void>;
}

/**
 * One task from brief to stored contacts: the agent hands people in as it finds them, and each
 * hand-in is verified and stored (intake, with duplicate handling) at once. Whatever ends the run
 * — finish_research, the step limit, the deadline, a model failure — what was stored stays.
 */
export class ResearchRunner {
  constructor(private readonly deps: ResearchRunnerDeps) {}

  get model(): string {
    return this.deps.config.model;
  }

  async run(
    task: { id: string; brief: ResearchBrief },
    signal: AbortSignal,
    hooks: RunHooks,
  ): Promise<ResearchOutcome> {
    const { config, logger } = this.deps;
    // The reading thread starts while the model plans and searches, not when the first page arrives.
    this.deps.reader?.warm?.();
    const maxContacts = Math.min(task.brief.maxContacts, config.maxContacts);
    const usage = emptyUsage();
    const counts = { found: 0, created: 0, merged: 0, rejected: 0 };
    // People this task stored in an earlier start (a restart re-runs the task): not stored twice.
    const prior = await this.deps.db.researchTaskContact.findMany({
      where: { taskId: task.id },
      select: { outcome: true, contact: { select: { fullName: true } } },
    });
    const storedNames = new Set(prior.map((p) => foldText(p.contact.fullName)));
    for (const p of prior) counts[p.outcome === 'new' ? 'created' : 'merged'] += 1;
    const tally = (): ResearchTally => ({
      model: config.model,
      usage: { ...usage },
      ...taskCost(config.model, usage, { model: config.pricePerMillion, searchPer1k: config.searchPricePer1k }),
      ...counts,
    });
    const stored = () => counts.created + counts.merged;
    let searchFailure: string | undefined;
    const search: SearchProvider = {
      name: this.deps.search.name,
      search: async (query, options) => {
        try {
          const results = await this.deps.search.search(query, options);
          searchFailure = undefined;
          return results;
        } catch (error) {
          if (error instanceof SearchError) searchFailure = error.message;
          throw error;
        }
      },
    };

    // Enrichment: hand-ins go into the one known contact (conflicts reported, never overwritten).
    const enrichment =
      task.brief.enrich && this.deps.enrichment
        ? { contactId: task.brief.enrich.contactId, changes: undefined as EnrichmentChanges | undefined }
        : undefined;
    const rejections: ResearchRejections = { people: [], facts: [] };
    let queue: Promise<unknown> = Promise.resolve();
    const submit = (contacts: SubmittedContact[], pages: PageStore): Promise<SubmissionOutcome> => {
      // One hand-in at a time, in the order the model made them.
      const next = queue.then(() =>
        this.store(task.id, contacts, pages, {
          maxContacts,
          storedNames,
          counts,
          hooks,
          tally,
          enrichment,
          rejections,
          usage,
          signal,
        }),
      );
      queue = next.catch(() => undefined);
      return next;
    };

    let note: string | null = null;
    const kept = () =>
      `the ${stored()} ${stored() === 1 ? 'person' : 'people'} verified until then ${stored() === 1 ? 'is' : 'are'} kept`;
    // Nobody found while the web search itself kept failing: say so, not "nobody".
    const searchFailed = () =>
      stored() === 0 && searchFailure && usage.searchCalls > 0
        ? new ResearchFailure(`web search failed: ${searchFailure}`, tally())
        : undefined;
    try {
      const agent = await runResearchAgent(
        {
          openai: this.deps.openai,
          model: config.model,
          search,
          fetcher: this.deps.fetcher,
          reader: this.deps.reader,
          maxSteps: config.maxSteps,
          server: this.deps.server,
          toolConcurrency: config.toolConcurrency,
          clock: this.deps.clock,
        },
        { ...task.brief, maxContacts },
        { signal, onProgress: hooks.progress, usage, submit },
      );
      logger.info({ taskId: task.id, ended: agent.ended, steps: agent.steps }, 'research agent ended');
    } catch (error) {
      if (error instanceof NoLongerOurs) throw new ResearchFailure('the task was cancelled', tally());
      const reason = error instanceof AgentStoppedError ? error.message : describeModelError(error);
      const kind = error instanceof AgentStoppedError ? error.kind : 'model';
      if (kind === 'cancelled') throw new ResearchFailure(reason, tally());
      if (stored() === 0) {
        throw (
          searchFailed() ??
          new ResearchFailure(
            `${reason}${kind === 'step-limit' ? ' without handing in anyone who could be verified' : ''}`,
            tally(),
          )
        );
      }
      if (kind === 'step-limit' || kind === 'deadline') note = `${reason}; ${kept()}`;
      else
        return {
          ...tally(),
          status: 'failed',
          note: `${reason}; ${kept()}`,
          rejections,
          ...(enrichment?.changes ? { changes: enrichment.changes } : {}),
        };
    }
    const failure = searchFailed();
    if (failure) throw failure;
    return {
      ...tally(),
      status: 'succeeded',
      note,
      rejections,
      ...(enrichment?.changes ? { changes: enrichment.changes } : {}),
    };
  }

  private async store(
    taskId: string,
    contacts: SubmittedContact[],
    pages: PageStore,
    s: {
      maxContacts: number;
      storedNames: Set<string>;
      counts: { found: number; created: number; merged: number; rejected: number };
      hooks: RunHooks;
      tally: () => ResearchTally;
      enrichment: { contactId: string; changes: EnrichmentChanges | undefined } | undefined;
      rejections: ResearchRejections;
      usage: ResearchUsage;
      signal: AbortSignal;
    },
  ): Promise<SubmissionOutcome> {
    const { counts, hooks } = s;
    const remaining = s.maxContacts - counts.created - counts.merged;
    if (remaining <= 0)
      return { reply: `You already have the ${s.maxContacts} people asked for. Call finish_research.`, enough: true };
    const repeated = contacts.filter((c) => s.storedNames.has(foldText(c.fullName)));
    const fresh = contacts.filter((c) => !s.storedNames.has(foldText(c.fullName)));
    counts.found += fresh.length;
    hooks.progress({ stage: 'verifying', message: `Checking ${fresh.length} people against ${pages.size} pages read` });
    let report: VerificationReport;
    try {
      // Off the event loop with a time limit when the reader pool is there.
      // Enrichment weighs namesakes against the known contact: people who share its name are told apart by company.
      const options = { namesakesByCompany: Boolean(s.enrichment) };
      report = this.deps.reader
        ? await this.deps.reader.verify(fresh, pages, remaining, options)
        : verifyContacts(fresh, pages, remaining, options);
    } catch (error) {
      const reason = `could not be checked: ${error instanceof Error ? error.message : String(error)}`;
      counts.rejected += fresh.length;
      s.rejections.people.push(
        ...fresh
          .map((c) => ({ fullName: c.fullName, reason }))
          .slice(0, Math.max(0, MAX_PEOPLE_REJECTIONS - s.rejections.people.length)),
      );
      return { reply: `These people ${reason}. Hand them in again in smaller batches, or go on.`, enough: false };
    }
    if (this.deps.config.judgeModel && report.accepted.length > 0) {
      hooks.progress({ stage: 'verifying', message: `A second model is checking ${report.accepted.length} people` });
      const judged = await judgeContacts(
        {
          openai: this.deps.openai,
          model: this.deps.config.judgeModel,
          signal: s.signal,
          onError: (name, error) =>
            this.deps.logger.warn({ taskId, name, err: error }, 'the judge gave no verdict; the person is kept'),
        },
        report.accepted,
        pages,
      );
      report = { ...report, accepted: judged.kept, rejected: [...report.rejected, ...judged.rejected] };
      s.usage.promptTokens += judged.usage.promptTokens;
      s.usage.completionTokens += judged.usage.completionTokens;
      s.usage.modelCalls += judged.usage.modelCalls;
    }
    // What the verifier knows beyond the contact (the unit a quote sits in, third-party only) is not stored.
    const rows = report.accepted.map(({ thirdPartyOnly: _thirdPartyOnly, sources, ...contact }) => ({
      ...contact,
      sources: sources.map(({ unitId: _unitId, ...source }) => source),
    }));
    for (const r of report.rejected)
      this.deps.logger.info({ taskId, name: r.fullName, reason: r.reason }, 'research contact rejected');
    if (report.droppedFacts.length)
      this.deps.logger.info({ taskId, dropped: report.droppedFacts }, 'unsupported facts dropped');
    if (!(await hooks.stillOurs())) throw new NoLongerOurs();
    let storedNow: string[] = [];
    let refusedByIntake = 0;
    if (report.accepted.length && s.enrichment && this.deps.enrichment) {
      hooks.progress({ stage: 'saving', message: `Merging what was found into the contact` });
      const found = await this.deps.enrichment.merge(s.enrichment.contactId, rows, taskId);
      s.enrichment.changes = addChanges(s.enrichment.changes, found);
      refusedByIntake += found.namesakes.length;
      if (found.matched) {
        counts.merged = 1;
        for (const person of report.accepted) s.storedNames.add(foldText(person.fullName));
        storedNow.push(report.accepted[0]!.fullName);
      }
    } else if (report.accepted.length) {
      hooks.progress({ stage: 'saving', message: `Saving ${report.accepted.length} people` });
      const results = await this.deps.intake.intake(rows, { taskId });
      for (const r of results) {
        const person = report.accepted[r.index]!;
        if (r.outcome === 'rejected') {
          refusedByIntake += 1;
          s.rejections.people.push({
            fullName: person.fullName,
            reason: `not stored: ${(r.errors ?? []).map((e) => `${e.path} ${e.message}`).join('; ') || 'invalid'}`,
          });
          continue;
        }
        counts[r.outcome] += 1;
        s.storedNames.add(foldText(person.fullName));
        storedNow.push(person.fullName);
      }
    }
    counts.rejected += report.rejected.length + refusedByIntake;
    s.rejections.people.push(...report.rejected.map((r) => ({ fullName: r.fullName, reason: r.reason })));
    s.rejections.facts.push(
      ...report.droppedFacts.map((f) => ({
        fullName: f.fullName,
        field: f.field,
        value: f.value.slice(0, 300),
        reason: f.reason,
      })),
    );
    s.rejections.people.splice(MAX_PEOPLE_REJECTIONS);
    s.rejections.facts.splice(MAX_FACT_REJECTIONS);
    storedNow = [...new Set(storedNow)];
    await hooks.stored(s.tally());
    const total = counts.created + counts.merged;
    const lines = [
      `Stored ${storedNow.length} ${storedNow.length === 1 ? 'person' : 'people'}${storedNow.length ? `: ${storedNow.join(', ')}` : ''}. ${total} of at most ${s.maxContacts} stored so far.`,
    ];
    if (repeated.length) lines.push(`Already stored earlier: ${repeated.map((c) => c.fullName).join(', ')}.`);
    for (const r of report.rejected.slice(0, 10)) lines.push(`Refused ${r.fullName}: ${r.reason}.`);
    const dropped = report.droppedFacts.slice(0, 10).map((d) => `${d.fullName}'s ${d.field}`);
    if (dropped.length) lines.push(`Left out, as no page you read shows them: ${dropped.join(', ')}.`);
    const enough = total >= s.maxContacts;
    lines.push(
      enough ? 'That is everyone asked for: call finish_research.' : 'Go on; call finish_research when you are done.',
    );
    return { reply: lines.join('\n'), enough };
  }
}

/** What several hand-ins of one enrichment changed, together. */
function addChanges(sum: EnrichmentChanges | undefined, next: EnrichmentChanges): EnrichmentChanges {
  if (!sum) return next;
  return {
    contactId: sum.contactId,
    matched: sum.matched || next.matched,
    filled: [...sum.filled, ...next.filled],
    conflicts: [...sum.conflicts, ...next.conflicts],
    sourcesAdded: sum.sourcesAdded + next.sourcesAdded,
    namesakes: [...sum.namesakes, ...next.namesakes],
  };
}

function describeModelError(error: unknown): string {
  const status = (error as { status?: unknown })?.status;
  if (typeof status === 'number') {
    if (status === 401 || status === 403) return `the language model refused the API key (HTTP ${status})`;
    if (status === 404)
      return 'the language model or its endpoint was not found (check OPENAI_MODEL and OPENAI_BASE_URL)';
    if (status === 429) return 'the language model is rate-limiting us (HTTP 429), even after retries';
    if (status >= 500) return `the language model failed (HTTP ${status}), even after retries`;
    return `the language model answered HTTP ${status}`;
  }
  const name = (error as { name?: unknown })?.name;
  if (name === 'APIConnectionTimeoutError') return 'the language model did not answer in time';
  if (name === 'APIConnectionError') return 'the language model could not be reached';
  return `the research failed: ${error instanceof Error ? error.message : String(error)}`;
}

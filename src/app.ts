import { AssistantService } from './assistant/assistant.service.js';
import { PendingActions } from './assistant/pending-actions.js';
import type { Config } from './config/config.js';
import { ContactEnrichment } from './crm/contacts/contact-enrichment.js';
import { ContactIntake } from './crm/contacts/contact-intake.js';
import { rekeyContacts } from './crm/contacts/contact-rekey.js';
import { ContactService } from './crm/contacts/contact.service.js';
import { ConversationService } from './crm/conversations/conversation.service.js';
import { FollowUpService } from './crm/follow-ups/follow-up.service.js';
import { ContactAccess } from './crm/permissions/contact-access.js';
import { openDatabase, type Database } from './db/database.js';
import { DigestService } from './digest/digest.service.js';
import { HomeSummaryService } from './home/home-summary.service.js';
import { resolveAdminToken } from './http/admin-token.js';
import { apiRoutes } from './http/api-routes.js';
import { createHttpApp, listen, type RunningHttpServer } from './http/http-server.js';
import { createLogger, type Logger } from './logging/logger.js';
import { appVersion } from './project-root.js';
import { modelServerOf } from './research/llm/model-server.js';
import { createOpenAIClient } from './research/llm/openai-client.js';
import { ResearchEvents } from './research/research-events.js';
import { ResearchRunner } from './research/research-runner.js';
import { ResearchWorker } from './research/research-worker.js';
import { ResearchService } from './research/research.service.js';
import { createSearchProvider, type SearchProvider } from './research/search/search-provider.js';
import { SourceRecheckService } from './research/source-recheck.service.js';
import { anyAddress, publicAddressesOnly, type AddressPolicy } from './research/web/address-policy.js';
import { PageFetcher } from './research/web/page-fetcher.js';
import { PageReaderPool } from './research/web/page-reader-pool.js';
import { DigestScheduler } from './scheduling/digest-scheduler.js';
import { SourceRecheckScheduler } from './scheduling/source-recheck-scheduler.js';
import { TrashPurger } from './scheduling/trash-purger.js';
import { SlackDigestPublisher } from './slack/digest-publisher.js';
import { createSlackClient, createSlackRuntime, type SlackRuntime } from './slack/slack-app.js';

/** What tests and other entry points may replace. */
export interface AppOverrides {
  logger?: Logger;
  clock?: () => Date;
  /** Which addresses the research agent may fetch (default from RESEARCH_ALLOW_PRIVATE_URLS). */
  researchAddressPolicy?: AddressPolicy;
  /** Research worker timing (tests shorten the lease to see crash recovery). */
  researchWorker?: { leaseMs?: number; pollMs?: number; maxAttempts?: number };
  /** How often Slack delivery looks for undelivered results, and waits after a failure (ms). */
  slackDelivery?: { pollMs?: number; retryMs?: number };
  /** Digest scheduling: tests drive runs themselves (`cron: false`) and shorten the retry. */
  digestScheduler?: { cron?: boolean; retryMs?: number };
  /** false: the stale-source re-check is not put on its cron (tests run it through services.sourceRecheck). */
  sourceRecheckCron?: boolean;
  /** false: build everything but serve no HTTP (command-line tools). */
  serveHttp?: boolean;
}

export interface Services {
  contacts: ContactService;
  conversations: ConversationService;
  intake: ContactIntake;
  research: ResearchService;
  researchEvents: ResearchEvents;
  followUps: FollowUpService;
  digests: DigestService;
  assistant: AssistantService;
  pendingActions: PendingActions;
  home: HomeSummaryService;
  /** The stale-source re-check, when research is on and ENRICH_STALE_AFTER_DAYS > 0. */
  sourceRecheck?: SourceRecheckService;
}

export interface App {
  config: Config;
  logger: Logger;
  /** Opens the database (applying migrations), then serves HTTP (unless `serveHttp: false`: url is empty). */
  start(): Promise<{ url: string; port: number }>;
  /** Stops accepting requests, lets those in flight finish (within the shutdown timeout), closes the database. */
  stop(): Promise<void>;
  /** Available after `start()`. */
  readonly services: Services;
  readonly database: Database;
}

/** The composition root: everything the app is made of is built here, from one validated config. */
export function createApp(config: Config, overrides: AppOverrides = {}): App {
  const logger = overrides.logger ?? createLogger(config);
  const clock = overrides.clock ?? (() => new Date());
  let database: Database | undefined;
  let services: Services | undefined;
  let http: RunningHttpServer | undefined;
  let worker: ResearchWorker | undefined;
  let fetcher: PageFetcher | undefined;
  let reader: PageReaderPool | undefined;
  let slack: SlackRuntime | undefined;
  let scheduler: DigestScheduler | undefined;
  let purger: TrashPurger | undefined;
  let rekeying: Promise<unknown> | undefined;
  const stopRekeying = new AbortController();
  let recheckScheduler: SourceRecheckScheduler | undefined;
  let stopping: Promise<void> | undefined;

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is available after start()`);
    return value;
  };

  return {
    config,
    logger,
    get services() {
      return started(services, 'services');
    },
    get database() {
      return started(database, 'database');
    },

    async start() {
      database = await openDatabase(config.database, { logger });
      const { db } = database;
      const wiring: Wiring = { config, overrides, db, provider: database.provider, logger, clock };
      const intake = new ContactIntake({ db, clock, logger: logger.child({ component: 'intake' }) });
      const researchEvents = new ResearchEvents();
      const engine = buildResearchEngine(wiring, intake, researchEvents);
      ({ fetcher, reader, worker } = engine ?? {});
      services = buildServices(wiring, intake, researchEvents, engine);
      slack = buildSlack(wiring, services);
      const { app, adminToken } = buildHttp(wiring, services, database, slack);
      await worker?.start();
      if (overrides.serveHttp === false) return { url: '', port: 0 };
      purger = new TrashPurger({ contacts: services.contacts, logger: logger.child({ component: 'trash' }) });
      purger.start();
      rekeying = rekeyContacts(db, logger.child({ component: 'keys' }), stopRekeying.signal).catch((error: unknown) =>
        logger.error({ err: error }, 'making contact keys again failed; it is tried again at the next start'),
      );
      await slack?.start();
      ({ scheduler, recheckScheduler } = startSchedulers(wiring, services));
      http = await listen(app, config.http.port, config.http.host);
      logger.info({ url: http.url }, `PersonableCRM is listening on ${http.url} (API docs: ${http.url}/docs)`);
      if (adminToken.file) {
        logger.info(
          `Call the admin API with: curl -H "Authorization: Bearer $(cat ${adminToken.file})" ${http.url}/api/contacts`,
        );
      }
      return { url: http.url, port: http.port };
    },

    stop() {
      stopping ??= (async () => {
        const deadline = config.shutdownTimeoutMs;
        await http?.close(Math.max(100, deadline - 1_000));
        await scheduler?.stop();
        await purger?.stop();
        stopRekeying.abort();
        await rekeying;
        await recheckScheduler?.stop();
        await slack?.stop();
        // Running research goes back to the queue, to be picked up at the next start.
        await worker?.stop();
        await fetcher?.close();
        await reader?.close();
        await database?.close();
        logger.info('stopped');
      })();
      return stopping;
    },
  };
}

/** What every builder below reads: the config, the test overrides, and the shared pieces. */
interface Wiring {
  config: Config;
  overrides: AppOverrides;
  db: Database['db'];
  provider: Database['provider'];
  logger: Logger;
  clock: () => Date;
}

interface ResearchEngine {
  fetcher: PageFetcher;
  reader: PageReaderPool;
  worker: ResearchWorker;
  sourceRecheck: SourceRecheckService | undefined;
}

/** The research engine and its worker, when a model and a search provider are configured. */
function buildResearchEngine(
  { config, overrides, db, logger, clock }: Wiring,
  intake: ContactIntake,
  events: ResearchEvents,
): ResearchEngine | undefined {
  const { research: rc } = config;
  if (!rc.llm || !rc.search) {
    logger.warn(`research is off: ${rc.disabledReason}`);
    return undefined;
  }
  const fetcher = new PageFetcher({
    allowAddress: overrides.researchAddressPolicy ?? (rc.allowPrivateUrls ? anyAddress : publicAddressesOnly),
    timeoutMs: rc.fetchTimeoutMs,
    maxBytes: rc.maxPageBytes,
  });
  const openai = createOpenAIClient(rc.llm);
  const search: SearchProvider = createSearchProvider(rc.search, {
    timeoutMs: rc.fetchTimeoutMs,
    openai: () => openai,
  });
  const reader = new PageReaderPool({ readTimeoutMs: rc.readTimeoutMs, size: Math.min(rc.concurrency, 2) });
  const runner = new ResearchRunner({
    openai,
    search,
    fetcher,
    reader,
    intake,
    db,
    enrichment: new ContactEnrichment({ db, clock }),
    server: modelServerOf(rc.llm.baseUrl),
    config: {
      maxSteps: rc.maxSteps,
      maxContacts: rc.maxContacts,
      model: rc.llm.model,
      pricePerMillion: rc.llm.pricePerMillion,
      searchPricePer1k: rc.searchPricePer1k,
      toolConcurrency: rc.toolConcurrency,
      judgeModel: rc.judgeModel,
    },
    logger: logger.child({ component: 'research' }),
    clock,
  });
  const worker = new ResearchWorker({
    db,
    runner,
    events,
    logger: logger.child({ component: 'research-worker' }),
    clock,
    concurrency: rc.concurrency,
    timeoutMs: rc.timeoutMs,
    ...overrides.researchWorker,
  });
  logger.info({ model: rc.llm.model, search: search.name, concurrency: rc.concurrency }, 'research is on');
  const sourceRecheck =
    rc.staleAfterDays > 0
      ? new SourceRecheckService({
          db,
          fetcher,
          reader,
          staleAfterDays: rc.staleAfterDays,
          clock,
          logger: logger.child({ component: 'source-recheck' }),
        })
      : undefined;
  return { fetcher, reader, worker, sourceRecheck };
}

/** The services every transport calls. */
function buildServices(
  { config, db, provider, logger, clock }: Wiring,
  intake: ContactIntake,
  researchEvents: ResearchEvents,
  engine: ResearchEngine | undefined,
): Services {
  const { research: rc } = config;
  const contacts = new ContactService({
    db,
    intake,
    clock,
    access: new ContactAccess({ db }),
    trashRetentionDays: config.trashRetentionDays,
  });
  const conversations = new ConversationService({ db, clock });
  const research = new ResearchService({
    db,
    events: researchEvents,
    worker: engine?.worker,
    disabledReason: rc.disabledReason,
    defaultMaxContacts: rc.maxContacts,
    userHourlyLimit: rc.userHourlyLimit,
    provider,
    clock,
  });
  const pendingActions = new PendingActions({ db, clock });
  const ac = config.assistant;
  return {
    intake,
    contacts,
    conversations,
    research,
    pendingActions,
    home: new HomeSummaryService({ db, clock }),
    assistant: new AssistantService({
      db,
      openai: ac.llm ? createOpenAIClient(ac.llm) : undefined,
      model: ac.model,
      pricePerMillion: ac.llm?.pricePerMillion,
      services: { contacts, conversations, research },
      pending: pendingActions,
      clock,
      logger: logger.child({ component: 'assistant' }),
    }),
    researchEvents,
    followUps: new FollowUpService({ db, clock }),
    ...(engine?.sourceRecheck ? { sourceRecheck: engine.sourceRecheck } : {}),
    digests: new DigestService({
      db,
      config: config.digest,
      publisher: config.slack.enabled ? new SlackDigestPublisher(createSlackClient(config.slack)) : undefined,
      clock,
      logger: logger.child({ component: 'digest' }),
    }),
  };
}

/** The Slack app (listeners, research delivery, the Home tab), when Slack is configured. */
function buildSlack(
  { config, overrides, db, provider, logger, clock }: Wiring,
  services: Services,
): SlackRuntime | undefined {
  if (!config.slack.enabled) {
    logger.info(`Slack is off: ${config.slack.reason}; the admin API and research run without it`);
    return undefined;
  }
  return createSlackRuntime(config.slack, {
    db,
    events: services.researchEvents,
    contacts: services.contacts,
    conversations: services.conversations,
    followUps: services.followUps,
    digests: services.digests,
    research: services.research,
    logger,
    clock,
    maxContacts: config.research.maxContacts,
    delivery: overrides.slackDelivery,
    // PostgreSQL: several copies may run; replay protection goes through the database.
    sharedDatabase: provider === 'postgresql',
    permissions: config.permissions,
    assistant: services.assistant,
    pending: services.pendingActions,
    homeSummaries: services.home,
    assistantConcurrency: config.assistant.concurrency,
  });
}

/** The Express app: the admin API, its docs, the health checks and Slack's HTTP endpoint. */
function buildHttp(
  { config, logger }: Wiring,
  services: Services,
  database: Database,
  slack: SlackRuntime | undefined,
) {
  const adminToken = resolveAdminToken(config.adminApiToken, config.dataDir, logger);
  const app = createHttpApp({
    logger,
    adminToken: adminToken.token,
    adminRateLimitPerMinute: config.adminApiRateLimit,
    authFailureLimit: config.adminAuthFailureLimit,
    trustProxy: config.trustProxy,
    corsOrigins: config.corsOrigins,
    version: appVersion(),
    apiRoutes: apiRoutes(services),
    ping: database.ping,
    slackRouter: slack?.router,
  });
  return { app, adminToken };
}

/** The scheduled jobs: the digest (when digests are on) and the source re-check. */
function startSchedulers({ config, overrides, logger }: Wiring, services: Services) {
  let scheduler: DigestScheduler | undefined;
  if (services.digests.offReason) logger.info(`digests are off: ${services.digests.offReason}`);
  else {
    scheduler = new DigestScheduler({
      digests: services.digests,
      config: config.digest,
      logger: logger.child({ component: 'digest' }),
      ...overrides.digestScheduler,
    });
    scheduler.start();
  }
  let recheckScheduler: SourceRecheckScheduler | undefined;
  if (services.sourceRecheck && overrides.sourceRecheckCron !== false) {
    recheckScheduler = new SourceRecheckScheduler({
      recheck: services.sourceRecheck,
      cron: config.research.recheckCron,
      timezone: config.digest.timezone,
      logger: logger.child({ component: 'source-recheck' }),
    });
    recheckScheduler.start();
  }
  return { scheduler, recheckScheduler };
}

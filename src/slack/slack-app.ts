import { App, ExpressReceiver } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { Router } from 'express';

import type { AssistantService } from '../assistant/assistant.service.js';
import type { PendingActions } from '../assistant/pending-actions.js';
import type { SlackConfig } from '../config/config.js';
import type { Db } from '../db/database.js';
import type { HomeSummaryService } from '../home/home-summary.service.js';
import type { ResearchEvents } from '../research/research-events.js';
import { AfterAckQueue } from './after-ack.js';
import { AppHomePublisher } from './app-home-publisher.js';
import { boltLogger } from './bolt-logger.js';
import { registerListeners } from './listeners/index.js';
import { slackReplayGuard } from './replay-guard.js';
import { RequestsInFlight } from './requests-in-flight.js';
import { ResearchDelivery } from './research-delivery.js';
import { SlackAuthorization } from './slack-authorization.js';
import type { SlackContext } from './slack-context.js';

export interface SlackRuntime {
  /** HTTP mode: Slack's requests arrive here (mounted at the site root: POST /slack/events). */
  router: Router | undefined;
  mode: 'http' | 'socket';
  start(): Promise<void>;
  stop(): Promise<void>;
}

type EnabledSlack = Extract<SlackConfig, { enabled: true }>;

/**
 * The Web API base URL (GovSlack, tests), a short retry budget (results are retried by the delivery
 * anyway) and a time limit per call: the WebClient has none by default, so a call Slack never
 * answers (a connection gone half-open) would hold whatever awaits it — the delivery of every
 * research result after it — until the process restarts.
 */
const slackClientOptions = (config: EnabledSlack) => ({
  slackApiUrl: config.apiUrl,
  retryConfig: { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 5_000 },
  timeout: config.apiTimeoutMs,
});

/** A Web API client outside Bolt (for the digest, which no Slack request starts). */
export function createSlackClient(config: EnabledSlack): WebClient {
  return new WebClient(config.botToken, slackClientOptions(config));
}

/** How long stopping waits for answers the assistant is working on. */
const ASSISTANT_DRAIN_MS = 5_000;

/** Follow-up jobs (Slack calls, research starts) running at once after acks. */
const AFTER_ACK_CONCURRENCY = 4;

/**
 * The Bolt app in HTTP mode (Slack signs every request; Bolt checks the signature and its age and
 * answers 401 otherwise) or in Socket Mode (SLACK_APP_TOKEN), with every listener registered and
 * the research delivery running.
 */
export function createSlackRuntime(
  config: EnabledSlack,
  deps: Omit<SlackContext, 'delivery' | 'afterAck' | 'authz' | 'assistantQueue' | 'home'> & {
    permissions: { adminUserIds: readonly string[]; workspaceAdminsAreAdmins: boolean };
    db: Db;
    events: ResearchEvents;
    delivery?: { pollMs?: number; retryMs?: number };
    sharedDatabase?: boolean;
    assistant: AssistantService;
    pending: PendingActions;
    homeSummaries: HomeSummaryService;
    /** Conversations answered at once. */
    assistantConcurrency: number;
  },
): SlackRuntime {
  const logger = deps.logger.child({ component: 'slack' });
  const clientOptions = slackClientOptions(config);
  let router: Router | undefined;
  let app: App;
  let inFlight: RequestsInFlight | undefined;
  if (config.mode === 'http') {
    inFlight = new RequestsInFlight();
    router = Router();
    router.post(
      '/slack/events',
      ...slackReplayGuard({
        db: deps.db,
        shared: deps.sharedDatabase ?? false,
        signingSecret: config.signingSecret,
        logger,
      }),
      // Counted once the body is in: a request that never finishes sending holds nothing back.
      inFlight.middleware(),
    );
    const receiver = new ExpressReceiver({
      signingSecret: config.signingSecret,
      router,
      endpoints: '/slack/events',
      logger: boltLogger(logger),
    });
    // convoStore: false — no listener keeps conversation state, and the store's middleware ran on every request.
    app = new App({ token: config.botToken, receiver, clientOptions, logger: boltLogger(logger), convoStore: false });
  } else {
    app = new App({
      token: config.botToken,
      appToken: config.appToken,
      socketMode: true,
      clientOptions,
      logger: boltLogger(logger),
      convoStore: false,
    });
  }
  const delivery = new ResearchDelivery({
    db: deps.db,
    client: app.client,
    research: deps.research,
    events: deps.events,
    logger,
    clock: deps.clock,
    defaultMaxContacts: deps.maxContacts,
    ...deps.delivery,
  });
  const afterAck = new AfterAckQueue({ limit: AFTER_ACK_CONCURRENCY, yieldTo: inFlight });
  const authz = new SlackAuthorization({ client: app.client, ...deps.permissions, logger });
  // Before every listener: payloads from another workspace go no further.
  app.use(authz.workspaceGuard());
  const home = new AppHomePublisher({ client: app.client, summaries: deps.homeSummaries, events: deps.events, logger });
  const assistantQueue = new AfterAckQueue({ limit: deps.assistantConcurrency, yieldTo: inFlight });
  registerListeners(app, {
    authz,
    assistant: deps.assistant,
    pending: deps.pending,
    assistantQueue,
    home,
    contacts: deps.contacts,
    conversations: deps.conversations,
    followUps: deps.followUps,
    digests: deps.digests,
    research: deps.research,
    clock: deps.clock,
    maxContacts: deps.maxContacts,
    logger,
    delivery,
    afterAck,
  });
  app.error(async (error) => {
    logger.error({ err: error }, 'unhandled Slack listener error');
  });

  return {
    router,
    mode: config.mode,
    async start() {
      if (config.mode === 'socket') await app.start();
      // Learn the installed workspace now rather than on the first request (asked again if this fails).
      void authz
        .installedWorkspace()
        .catch((error: unknown) =>
          logger.warn({ err: error }, 'auth.test failed; will ask again on the first Slack request'),
        );
      delivery.start();
      home.start();
      logger.info(
        { mode: config.mode },
        config.mode === 'http' ? 'Slack is on (HTTP mode: POST /slack/events)' : 'Slack is on (Socket Mode)',
      );
    },
    async stop() {
      await delivery.stop();
      // Conversations already acknowledged are answered before the database closes (within a bound).
      if (!(await assistantQueue.drain(ASSISTANT_DRAIN_MS)))
        logger.warn({ pending: assistantQueue.pending }, 'stopping with assistant answers unfinished');
      await home.stop();
      if (config.mode === 'socket') await app.stop();
    },
  };
}

import { existsSync } from 'node:fs';
import path from 'node:path';
import { CronExpressionParser } from 'cron-parser';
import cron from 'node-cron';
import { z } from 'zod';

import { parseDatabaseUrl, type DatabaseTarget } from '../db/database-url.js';

/**
 * The only module that reads the environment. Everything else gets the typed `Config` it returns.
 * Each variable has an example, printed when its value is wrong.
 */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** How many people a research request finds at most when it does not say (RESEARCH_MAX_CONTACTS's default). */
export const DEFAULT_RESEARCH_MAX_CONTACTS = 10;

const httpUrl = z
  .string()
  .trim()
  .refine((v) => {
    try {
      return ['http:', 'https:'].includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, 'must be an http(s) URL')
  .transform((v) => v.replace(/\/+$/, ''));

const booleanText = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const variables = {
  NODE_ENV: {
    schema: z.enum(['development', 'production', 'test']).default('development'),
    example: 'production',
  },
  PORT: { schema: z.coerce.number().int().min(0).max(65535).default(3000), example: '3000' },
  HOST: { schema: z.string().min(1).default('0.0.0.0'), example: '127.0.0.1' },
  DATABASE_URL: {
    schema: z.string().min(1).default('file:./data/crm.db'),
    example: 'file:./data/crm.db or postgresql://user:password@localhost:5432/crm',
  },
  DATA_DIR: { schema: z.string().min(1).default('./data'), example: './data' },
  ADMIN_API_TOKEN: {
    schema: z
      .string()
      .min(24, 'must be at least 24 characters')
      .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces')
      .optional(),
    example: 'a random string: openssl rand -hex 32',
  },
  LOG_LEVEL: { schema: z.enum(LOG_LEVELS).default('info'), example: 'debug' },
  LOG_FORMAT: { schema: z.enum(['json', 'pretty']).optional(), example: 'json' },
  ADMIN_API_RATE_LIMIT: {
    schema: z.coerce.number().int().min(0).max(1_000_000).default(600),
    example: '600 (requests per minute per token; 0: no limit)',
  },
  TRUST_PROXY: {
    schema: z
      .string()
      .trim()
      .regex(
        /^(false|true|\d{1,2}|[\w.:/, -]+)$/,
        'must be false, a number of proxies, or a list of proxy addresses/subnets',
      )
      .default('false'),
    example: "false (the client address is the connection's); 1 (one reverse proxy in front); loopback, 10.0.0.0/8",
  },
  ADMIN_API_AUTH_FAILURE_LIMIT: {
    schema: z.coerce.number().int().min(1).max(100_000).default(20),
    example: '20 (failed authentications per client address per 15 minutes)',
  },
  TRASH_RETENTION_DAYS: { schema: z.coerce.number().int().min(1).max(3650).default(30), example: '30' },
  CORS_ORIGINS: {
    schema: z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((o) => o.trim())
          .filter(Boolean),
      )
      .pipe(
        z.array(
          z.union([
            z.literal('*'),
            z.string().refine((o) => {
              try {
                const url = new URL(o);
                return ['http:', 'https:'].includes(url.protocol) && url.origin === o && !url.hostname.includes('*');
              } catch {
                return false;
              }
            }, 'must list origins such as https://crm.example.com (scheme, host and port only, no path, trailing slash or wildcard host: list each origin)'),
          ]),
        ),
      ),
    example: 'https://crm.example.com,http://localhost:5173 (browser origins allowed to call /api; none by default)',
  },
  SHUTDOWN_TIMEOUT_MS: { schema: z.coerce.number().int().min(100).max(120_000).default(10_000), example: '10000' },

  // --- Slack ---
  SLACK_BOT_TOKEN: {
    schema: z
      .string()
      .regex(/^xoxb-/, 'must be a bot token starting with xoxb-')
      .optional(),
    example: 'xoxb-…',
  },
  SLACK_SIGNING_SECRET: {
    schema: z.string().min(16, "must be the app's signing secret").optional(),
    example: 'the "Signing Secret" on the app\'s Basic Information page',
  },
  SLACK_APP_TOKEN: {
    schema: z
      .string()
      .regex(/^xapp-/, 'must be an app-level token starting with xapp-')
      .optional(),
    example: 'xapp-… (connections:write), for Socket Mode',
  },
  SLACK_ADMIN_USER_IDS: {
    schema: z
      .string()
      .trim()
      .regex(/^([UW][A-Z0-9]{2,20})([ ,]+[UW][A-Z0-9]{2,20})*$/, 'must be Slack user IDs separated by commas')
      .transform((v) => v.split(/[ ,]+/))
      .optional(),
    example: 'U012AB3CD,U045EF6GH',
  },
  SLACK_WORKSPACE_ADMINS_ARE_ADMINS: {
    schema: booleanText.default(false),
    example: 'false (true: Slack workspace admins and owners, from users.info, are CRM admins too; needs users:read)',
  },
  SLACK_API_URL: {
    schema: httpUrl.default('https://slack.com/api'),
    example: 'https://slack.com/api (GovSlack: https://slack-gov.com/api)',
  },
  SLACK_API_TIMEOUT_MS: {
    schema: z.coerce.number().int().min(1_000).max(120_000).default(10_000),
    example: '10000 (a Web API call not answered by then is given up and tried again)',
  },

  // --- digests ---
  DIGEST_CHANNEL: {
    schema: z
      .string()
      .regex(/^[CG][A-Z0-9]{4,20}$/, 'must be a Slack channel ID such as C0123ABCD')
      .optional(),
    example: 'C0123ABCD (channel details → bottom of the About tab)',
  },
  DIGEST_CRON: { schema: z.string().trim().min(9).default('0 9 * * 1-5'), example: '0 9 * * 1-5 (weekdays at 09:00)' },
  DIGEST_TIMEZONE: { schema: z.string().trim().min(1).default('UTC'), example: 'Europe/London' },
  DIGEST_POST_EMPTY: { schema: booleanText.default(false), example: 'false' },

  // --- research: the LLM ---
  OPENAI_API_KEY: { schema: z.string().min(1).optional(), example: 'sk-…' },
  OPENAI_BASE_URL: { schema: httpUrl.optional(), example: 'http://localhost:11434/v1' },
  OPENAI_MODEL: { schema: z.string().min(1).max(200).default('gpt-4.1-mini'), example: 'gpt-4.1-mini' },
  OPENAI_TIMEOUT_MS: { schema: z.coerce.number().int().min(1_000).max(600_000).default(60_000), example: '60000' },
  OPENAI_MAX_RETRIES: { schema: z.coerce.number().int().min(0).max(10).default(3), example: '3' },
  OPENAI_PRICE_INPUT_PER_1M: { schema: z.coerce.number().min(0).optional(), example: '0.40' },
  OPENAI_PRICE_OUTPUT_PER_1M: { schema: z.coerce.number().min(0).optional(), example: '1.60' },
  OPENAI_PRICE_CACHED_INPUT_PER_1M: {
    schema: z.coerce.number().min(0).optional(),
    example: '0.10 (default: the input price)',
  },
  // --- the assistant (DMs, mentions, the assistant panel) ---
  ASSISTANT_MODEL: { schema: z.string().min(1).max(200).optional(), example: 'gpt-4.1-mini (default: OPENAI_MODEL)' },
  ASSISTANT_CONCURRENCY: {
    schema: z.coerce.number().int().min(1).max(256).default(8),
    example: '8 (conversations answered at once)',
  },
  // --- research: web search ---
  SEARCH_PROVIDER: {
    schema: z.enum(['openai', 'searxng', 'brave', 'tavily']).optional(),
    example: 'openai (default with only an OpenAI key), searxng, brave or tavily',
  },
  OPENAI_SEARCH_MODEL: {
    schema: z.string().min(1).max(200).default('gpt-4.1-mini'),
    example: "gpt-4.1-mini (the model that runs OpenAI's hosted web search)",
  },
  SEARCH_PRICE_PER_1K: {
    schema: z.coerce.number().min(0).max(1_000).optional(),
    example: '10 (USD per 1000 searches; default openai 10, brave 5, tavily 8, searxng 0)',
  },
  SEARXNG_URL: { schema: httpUrl.optional(), example: 'http://localhost:8888' },
  BRAVE_API_KEY: { schema: z.string().min(1).optional(), example: 'BSA…' },
  BRAVE_API_URL: { schema: httpUrl.default('https://api.search.brave.com'), example: 'https://api.search.brave.com' },
  TAVILY_API_KEY: { schema: z.string().min(1).optional(), example: 'tvly-…' },
  TAVILY_API_URL: { schema: httpUrl.default('https://api.tavily.com'), example: 'https://api.tavily.com' },
  // --- research: the worker ---
  RESEARCH_CONCURRENCY: { schema: z.coerce.number().int().min(1).max(64).default(2), example: '2' },
  RESEARCH_TOOL_CONCURRENCY: {
    schema: z.coerce.number().int().min(1).max(16).default(4),
    example: '4 (tool calls of one model turn run at once: searches, page reads)',
  },
  RESEARCH_TIMEOUT_MS: {
    schema: z.coerce.number().int().min(1_000).max(3_600_000).default(300_000),
    example: '300000',
  },
  RESEARCH_MAX_STEPS: { schema: z.coerce.number().int().min(2).max(200).default(30), example: '30' },
  RESEARCH_MAX_CONTACTS: {
    schema: z.coerce.number().int().min(1).max(100).default(DEFAULT_RESEARCH_MAX_CONTACTS),
    example: String(DEFAULT_RESEARCH_MAX_CONTACTS),
  },
  RESEARCH_USER_HOURLY_LIMIT: {
    schema: z.coerce.number().int().min(0).max(10_000).default(20),
    example: '20 (research tasks per Slack user per hour; 0: no limit)',
  },
  RESEARCH_ALLOW_PRIVATE_URLS: { schema: booleanText.default(false), example: 'false' },
  RESEARCH_FETCH_TIMEOUT_MS: {
    schema: z.coerce.number().int().min(500).max(120_000).default(15_000),
    example: '15000',
  },
  ENRICH_STALE_AFTER_DAYS: {
    schema: z.coerce.number().int().min(0).max(3650).default(0),
    example: '90 (re-check the pages behind facts older than this; 0: off)',
  },
  ENRICH_RECHECK_CRON: {
    schema: z.string().trim().min(9).default('30 3 * * *'),
    example: '30 3 * * * (daily at 03:30, in DIGEST_TIMEZONE)',
  },
  RESEARCH_MAX_PAGE_BYTES: {
    schema: z.coerce.number().int().min(10_000).max(50_000_000).default(3_000_000),
    example: '3000000',
  },
  RESEARCH_READ_TIMEOUT_MS: {
    schema: z.coerce.number().int().min(100).max(120_000).default(10_000),
    example: '10000 (per page, reading it in a worker thread)',
  },
  RESEARCH_JUDGE_MODEL: {
    schema: z.string().trim().min(1).max(200).optional(),
    example: 'gpt-4.1-mini (unset: no judge pass)',
  },
} satisfies Record<string, { schema: z.ZodType; example: string }>;

type Variables = typeof variables;
type RawConfig = { [K in keyof Variables]: z.output<Variables[K]['schema']> };

export interface Config {
  env: RawConfig['NODE_ENV'];
  http: { port: number; host: string };
  database: DatabaseTarget;
  dataDir: string;
  adminApiToken: string | undefined;
  /** Requests per minute per admin token; 0: unlimited. */
  adminApiRateLimit: number;
  /** Failed authentications per client address per 15 minutes before 429. */
  adminAuthFailureLimit: number;
  /** Express's `trust proxy`: false, a hop count, or proxy addresses (TRUST_PROXY). */
  trustProxy: boolean | number | string;
  /** How long deleted contacts stay in the trash before they are purged. */
  trashRetentionDays: number;
  /** Who may delete any contact in Slack (SLACK_ADMIN_USER_IDS; optionally Slack's own workspace admins). */
  permissions: { adminUserIds: string[]; workspaceAdminsAreAdmins: boolean };
  /** Browser origins allowed to call /api (CORS); empty: none. */
  corsOrigins: string[];
  log: { level: RawConfig['LOG_LEVEL']; format: 'json' | 'pretty' };
  shutdownTimeoutMs: number;
  research: ResearchConfig;
  slack: SlackConfig;
  digest: DigestConfig;
  assistant: AssistantConfig;
}

export interface AssistantConfig {
  /** The model server (the research one); undefined: the assistant says no model is configured. */
  llm: LlmConfig | undefined;
  model: string;
  concurrency: number;
}

export interface DigestConfig {
  /** Unset: no digests. */
  channelId: string | undefined;
  cron: string;
  timezone: string;
  postEmpty: boolean;
}

/** Slack is on with a bot token and either a signing secret (HTTP mode) or an app token (Socket Mode). */
export type SlackConfig =
  | { enabled: true; mode: 'http'; botToken: string; signingSecret: string; apiUrl: string; apiTimeoutMs: number }
  | {
      enabled: true;
      mode: 'socket';
      botToken: string;
      appToken: string;
      signingSecret: string | undefined;
      apiUrl: string;
      apiTimeoutMs: number;
    }
  | { enabled: false; reason: string };

export type SearchConfig =
  | { provider: 'openai'; model: string }
  | { provider: 'searxng'; url: string }
  | { provider: 'brave'; url: string; apiKey: string }
  | { provider: 'tavily'; url: string; apiKey: string };

export interface LlmConfig {
  apiKey: string;
  baseUrl: string | undefined;
  model: string;
  timeoutMs: number;
  maxRetries: number;
  /** USD per million tokens, when given; otherwise looked up by model name. */
  pricePerMillion: { input: number; output: number; cachedInput?: number } | undefined;
}

export interface ResearchConfig {
  /** Both set: research runs. Either missing: `disabledReason` says what to set. */
  llm: LlmConfig | undefined;
  search: SearchConfig | undefined;
  /** USD per thousand searches of the configured provider. */
  searchPricePer1k: number;
  disabledReason: string | undefined;
  concurrency: number;
  /** Tool calls of one model turn that run at once. */
  toolConcurrency: number;
  timeoutMs: number;
  maxSteps: number;
  maxContacts: number;
  /** Research tasks one Slack user may start per hour; 0: unlimited. */
  userHourlyLimit: number;
  allowPrivateUrls: boolean;
  /** Re-check sources older than this many days on `recheckCron`; 0: off. */
  staleAfterDays: number;
  recheckCron: string;
  fetchTimeoutMs: number;
  maxPageBytes: number;
  /** Time limit for reading one page (off the event loop); a page past it is "could not read". */
  readTimeoutMs: number;
  /** A model that re-reads each accepted person's cited units and may only reject; undefined: off. */
  judgeModel: string | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates an environment and turns it into a `Config`; throws `ConfigError` listing every bad value. */
export function parseConfig(
  env: Record<string, string | undefined>,
  context: { cwd: string; stdoutIsTTY: boolean } = { cwd: process.cwd(), stdoutIsTTY: Boolean(process.stdout.isTTY) },
): Config {
  const problems: string[] = [];
  const raw: Partial<Record<keyof Variables, unknown>> = {};
  for (const [name, variable] of Object.entries(variables) as [keyof Variables, Variables[keyof Variables]][]) {
    const value = env[name];
    // An empty variable (NAME= in a .env file) means "not set".
    const result = variable.schema.safeParse(value === '' ? undefined : value);
    if (result.success) raw[name] = result.data;
    else
      problems.push(`${name}: ${result.error.issues.map((i) => i.message).join('; ')} (example: ${variable.example})`);
  }
  let database: DatabaseTarget | undefined;
  if (typeof raw.DATABASE_URL === 'string') {
    try {
      database = parseDatabaseUrl(raw.DATABASE_URL, context.cwd);
    } catch (error) {
      problems.push(`DATABASE_URL: ${(error as Error).message} (example: ${variables.DATABASE_URL.example})`);
    }
  }
  const c = raw as RawConfig;
  const search = problems.length === 0 ? searchConfig(c, problems) : undefined;
  if (c.OPENAI_PRICE_INPUT_PER_1M !== undefined && c.OPENAI_PRICE_OUTPUT_PER_1M === undefined) {
    problems.push('OPENAI_PRICE_OUTPUT_PER_1M: must be set together with OPENAI_PRICE_INPUT_PER_1M (example: 1.60)');
  }
  if (c.DIGEST_TIMEZONE && !isTimeZone(c.DIGEST_TIMEZONE))
    problems.push(
      `DIGEST_TIMEZONE: "${c.DIGEST_TIMEZONE}" is not an IANA time zone (example: ${variables.DIGEST_TIMEZONE.example})`,
    );
  else if (c.DIGEST_CRON) {
    const cronProblem = cronExpressionProblem(c.DIGEST_CRON, c.DIGEST_TIMEZONE);
    if (cronProblem) problems.push(`DIGEST_CRON: ${cronProblem} (example: ${variables.DIGEST_CRON.example})`);
  }
  if (c.ENRICH_RECHECK_CRON && !cron.validate(c.ENRICH_RECHECK_CRON))
    problems.push(
      `ENRICH_RECHECK_CRON: "${c.ENRICH_RECHECK_CRON}" is not a cron expression (example: ${variables.ENRICH_RECHECK_CRON.example})`,
    );
  if (problems.length > 0 || !database) throw new ConfigError(problems);
  // A local OpenAI-compatible server (Ollama, vLLM, LM Studio) needs a base URL and often no key.
  const llm: LlmConfig | undefined =
    c.OPENAI_API_KEY || c.OPENAI_BASE_URL
      ? {
          apiKey: c.OPENAI_API_KEY ?? 'not-needed',
          baseUrl: c.OPENAI_BASE_URL,
          model: c.OPENAI_MODEL,
          timeoutMs: c.OPENAI_TIMEOUT_MS,
          maxRetries: c.OPENAI_MAX_RETRIES,
          pricePerMillion:
            c.OPENAI_PRICE_INPUT_PER_1M !== undefined && c.OPENAI_PRICE_OUTPUT_PER_1M !== undefined
              ? {
                  input: c.OPENAI_PRICE_INPUT_PER_1M,
                  output: c.OPENAI_PRICE_OUTPUT_PER_1M,
                  ...(c.OPENAI_PRICE_CACHED_INPUT_PER_1M !== undefined
                    ? { cachedInput: c.OPENAI_PRICE_CACHED_INPUT_PER_1M }
                    : {}),
                }
              : undefined,
        }
      : undefined;
  const missing = [
    !llm && 'OPENAI_API_KEY (or OPENAI_BASE_URL for a local model server)',
    !search && 'SEARXNG_URL (or SEARCH_PROVIDER=openai|brave|tavily with its API key)',
  ].filter(Boolean);
  return {
    env: c.NODE_ENV,
    http: { port: c.PORT, host: c.HOST },
    database,
    dataDir: path.resolve(context.cwd, c.DATA_DIR),
    adminApiToken: c.ADMIN_API_TOKEN,
    adminApiRateLimit: c.ADMIN_API_RATE_LIMIT,
    adminAuthFailureLimit: c.ADMIN_API_AUTH_FAILURE_LIMIT,
    trustProxy:
      c.TRUST_PROXY === 'false'
        ? false
        : c.TRUST_PROXY === 'true'
          ? true
          : /^\d+$/.test(c.TRUST_PROXY)
            ? Number(c.TRUST_PROXY)
            : c.TRUST_PROXY,
    trashRetentionDays: c.TRASH_RETENTION_DAYS,
    permissions: {
      adminUserIds: c.SLACK_ADMIN_USER_IDS ?? [],
      workspaceAdminsAreAdmins: c.SLACK_WORKSPACE_ADMINS_ARE_ADMINS,
    },
    corsOrigins: c.CORS_ORIGINS,
    log: {
      level: c.LOG_LEVEL,
      format: c.LOG_FORMAT ?? (context.stdoutIsTTY && c.NODE_ENV !== 'production' ? 'pretty' : 'json'),
    },
    shutdownTimeoutMs: c.SHUTDOWN_TIMEOUT_MS,
    slack: slackConfig(c),
    assistant: { llm, model: c.ASSISTANT_MODEL ?? c.OPENAI_MODEL, concurrency: c.ASSISTANT_CONCURRENCY },
    digest: {
      channelId: c.DIGEST_CHANNEL,
      cron: c.DIGEST_CRON,
      timezone: c.DIGEST_TIMEZONE,
      postEmpty: c.DIGEST_POST_EMPTY,
    },
    research: {
      llm,
      search,
      searchPricePer1k: c.SEARCH_PRICE_PER_1K ?? (search ? SEARCH_LIST_PRICE_PER_1K[search.provider] : 0),
      disabledReason: missing.length > 0 ? `research is not configured: set ${missing.join(' and ')}` : undefined,
      concurrency: c.RESEARCH_CONCURRENCY,
      toolConcurrency: c.RESEARCH_TOOL_CONCURRENCY,
      timeoutMs: c.RESEARCH_TIMEOUT_MS,
      maxSteps: c.RESEARCH_MAX_STEPS,
      maxContacts: c.RESEARCH_MAX_CONTACTS,
      userHourlyLimit: c.RESEARCH_USER_HOURLY_LIMIT,
      allowPrivateUrls: c.RESEARCH_ALLOW_PRIVATE_URLS,
      staleAfterDays: c.ENRICH_STALE_AFTER_DAYS,
      recheckCron: c.ENRICH_RECHECK_CRON,
      fetchTimeoutMs: c.RESEARCH_FETCH_TIMEOUT_MS,
      maxPageBytes: c.RESEARCH_MAX_PAGE_BYTES,
      readTimeoutMs: c.RESEARCH_READ_TIMEOUT_MS,
      judgeModel: c.RESEARCH_JUDGE_MODEL,
    },
  };
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Why node-cron and the period arithmetic (cron-parser) cannot both use `expression`, if they cannot. */
function cronExpressionProblem(expression: string, timezone: string): string | undefined {
  if (!cron.validate(expression)) return `"${expression}" is not a cron expression (minute hour day month weekday)`;
  try {
    CronExpressionParser.parse(expression, { tz: timezone }).next();
    return undefined;
  } catch (error) {
    return `"${expression}" cannot be scheduled: ${(error as Error).message}`;
  }
}

function slackConfig(c: RawConfig): SlackConfig {
  // Bolt's client joins the base URL and the method name: it wants the trailing slash.
  const apiUrl = `${c.SLACK_API_URL}/`;
  const apiTimeoutMs = c.SLACK_API_TIMEOUT_MS;
  if (!c.SLACK_BOT_TOKEN) return { enabled: false, reason: 'SLACK_BOT_TOKEN is not set' };
  if (c.SLACK_APP_TOKEN)
    return {
      enabled: true,
      mode: 'socket',
      botToken: c.SLACK_BOT_TOKEN,
      appToken: c.SLACK_APP_TOKEN,
      signingSecret: c.SLACK_SIGNING_SECRET,
      apiUrl,
      apiTimeoutMs,
    };
  if (c.SLACK_SIGNING_SECRET)
    return {
      enabled: true,
      mode: 'http',
      botToken: c.SLACK_BOT_TOKEN,
      signingSecret: c.SLACK_SIGNING_SECRET,
      apiUrl,
      apiTimeoutMs,
    };
  return {
    enabled: false,
    reason: 'SLACK_BOT_TOKEN is set but neither SLACK_SIGNING_SECRET (HTTP mode) nor SLACK_APP_TOKEN (Socket Mode) is',
  };
}

/**
 * List prices, USD per 1000 searches (OpenAI's web search tool calls, Brave's and Tavily's paid plans); SearXNG is
 * self-hosted.
 */
const SEARCH_LIST_PRICE_PER_1K: Record<SearchConfig['provider'], number> = {
  openai: 10,
  brave: 5,
  tavily: 8,
  searxng: 0,
};

/** An OpenAI key for OpenAI itself (no other base URL): its hosted web search can be the search backend. */
const keyForOpenAI = (c: RawConfig) =>
  Boolean(c.OPENAI_API_KEY) && (!c.OPENAI_BASE_URL || new URL(c.OPENAI_BASE_URL).hostname === 'api.openai.com');

/**
 * The search backend: named by SEARCH_PROVIDER, or the one whose settings are present — and with
 * nothing but an OpenAI key, OpenAI's hosted web search.
 */
function searchConfig(c: RawConfig, problems: string[]): SearchConfig | undefined {
  const provider =
    c.SEARCH_PROVIDER ??
    (c.SEARXNG_URL
      ? 'searxng'
      : c.BRAVE_API_KEY
        ? 'brave'
        : c.TAVILY_API_KEY
          ? 'tavily'
          : keyForOpenAI(c)
            ? 'openai'
            : undefined);
  switch (provider) {
    case undefined:
      return undefined;
    case 'openai':
      // Named explicitly, it may also be an Azure OpenAI or gateway URL that serves /responses with web_search.
      if (c.OPENAI_API_KEY) return { provider, model: c.OPENAI_SEARCH_MODEL };
      problems.push(
        "SEARCH_PROVIDER: openai needs OPENAI_API_KEY (OpenAI's hosted web search on the Responses API; local servers have none — use searxng there)",
      );
      return undefined;
    case 'searxng':
      if (c.SEARXNG_URL) return { provider, url: c.SEARXNG_URL };
      problems.push(
        `SEARXNG_URL: must be set when SEARCH_PROVIDER=searxng (example: ${variables.SEARXNG_URL.example})`,
      );
      return undefined;
    case 'brave':
      if (c.BRAVE_API_KEY) return { provider, url: c.BRAVE_API_URL, apiKey: c.BRAVE_API_KEY };
      problems.push('BRAVE_API_KEY: must be set when SEARCH_PROVIDER=brave (example: BSA…)');
      return undefined;
    case 'tavily':
      if (c.TAVILY_API_KEY) return { provider, url: c.TAVILY_API_URL, apiKey: c.TAVILY_API_KEY };
      problems.push('TAVILY_API_KEY: must be set when SEARCH_PROVIDER=tavily (example: tvly-…)');
      return undefined;
  }
}

/** The process environment, with `./.env` loaded first when it exists (values already set win). */
export function loadConfig(): Config {
  const envFile = path.resolve('.env');
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  return parseConfig(process.env);
}

/** For entry points: the config, or every problem printed to stderr and the process ended with `exitCode`. */
export function loadConfigOrExit(exitCode: number): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(exitCode);
  }
}

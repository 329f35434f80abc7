import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parseDatabaseUrl } from '../db/database-url.js';
import type { DatabaseTarget } from '../db/database-url.js';

/**
 * The only module that reads the environment. Everything else gets the typed `Config` it returns.
 * Each variable has an example, printed when its value is wrong.
 */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

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
  SHUTDOWN_TIMEOUT_MS: { schema: z.coerce.number().int().min(100).max(120_000).default(10_000), example: '10000' },
} satisfies Record<string, { schema: z.ZodType; example: string }>;

type Variables = typeof variables;
type RawConfig = { [K in keyof Variables]: z.output<Variables[K]['schema']> };

export interface Config {
  env: RawConfig['NODE_ENV'];
  http: { port: number; host: string };
  database: DatabaseTarget;
  dataDir: string;
  adminApiToken: string | undefined;
  log: { level: RawConfig['LOG_LEVEL']; format: 'json' | 'pretty' };
  shutdownTimeoutMs: number;
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
    else problems.push(`${name}: ${result.error.issues.map((i) => i.message).join('; ')} (example: ${variable.example})`);
  }
  let database: DatabaseTarget | undefined;
  if (typeof raw.DATABASE_URL === 'string') {
    try {
      database = parseDatabaseUrl(raw.DATABASE_URL, context.cwd);
    } catch (error) {
      problems.push(`DATABASE_URL: ${(error as Error).message} (example: ${variables.DATABASE_URL.example})`);
    }
  }
  if (problems.length > 0 || !database) throw new ConfigError(problems);
  const c = raw as RawConfig;
  return {
    env: c.NODE_ENV,
    http: { port: c.PORT, host: c.HOST },
    database,
    dataDir: path.resolve(context.cwd, c.DATA_DIR),
    adminApiToken: c.ADMIN_API_TOKEN,
    log: { level: c.LOG_LEVEL, format: c.LOG_FORMAT ?? (context.stdoutIsTTY && c.NODE_ENV !== 'production' ? 'pretty' : 'json') },
    shutdownTimeoutMs: c.SHUTDOWN_TIMEOUT_MS,
  };
}

/** The process environment, with `./.env` loaded first when it exists (values already set win). */
export function loadConfig(): Config {
  const envFile = path.resolve('.env');
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  return parseConfig(process.env);
}

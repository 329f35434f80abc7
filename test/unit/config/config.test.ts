import { describe, expect, it } from 'vitest';

import { ConfigError, parseConfig } from '../../../src/config/config.js';

const context = { cwd: '/srv/crm', stdoutIsTTY: false };
const problemsOf = (env: Record<string, string>): string[] => {
  try {
    parseConfig(env, context);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('parseConfig', () => {
  it('runs with no environment at all: SQLite under ./data, port 3000, JSON logs off a terminal', () => {
    const config = parseConfig({}, context);
    expect(config.database).toEqual({
      provider: 'sqlite',
      url: 'file:/srv/crm/data/crm.db',
      filePath: '/srv/crm/data/crm.db',
    });
    expect(config.http).toEqual({ port: 3000, host: '0.0.0.0' });
    expect(config.dataDir).toBe('/srv/crm/data');
    expect(config.adminApiToken).toBeUndefined();
    expect(config.log).toEqual({ level: 'info', format: 'json' });
    expect(config.shutdownTimeoutMs).toBe(10_000);
  });

  it('logs pretty in a development terminal and JSON in production', () => {
    expect(parseConfig({}, { ...context, stdoutIsTTY: true }).log.format).toBe('pretty');
    expect(parseConfig({ NODE_ENV: 'production' }, { ...context, stdoutIsTTY: true }).log.format).toBe('json');
    expect(parseConfig({ LOG_FORMAT: 'pretty' }, context).log.format).toBe('pretty');
  });

  it('selects PostgreSQL from a postgresql:// URL', () => {
    const config = parseConfig({ DATABASE_URL: 'postgresql://crm:secret@db:5432/crm' }, context);
    expect(config.database).toEqual({ provider: 'postgresql', url: 'postgresql://crm:secret@db:5432/crm' });
  });

  it('treats an empty variable as unset', () => {
    expect(parseConfig({ PORT: '', ADMIN_API_TOKEN: '' }, context).http.port).toBe(3000);
  });

  it('lists every bad value on its own line with the name, the problem and an example', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      DATABASE_URL: 'mysql://x',
      ADMIN_API_TOKEN: 'short',
      LOG_LEVEL: 'loud',
    });
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/^PORT: .+ \(example: 3000\)$/);
    expect(problems.find((p) => p.startsWith('DATABASE_URL:'))).toMatch(
      /must start with file: \(SQLite\) or postgresql:\/\/ .*example: file:\.\/data\/crm\.db/,
    );
    expect(problems.find((p) => p.startsWith('ADMIN_API_TOKEN:'))).toContain('at least 24 characters');
    expect(problems.find((p) => p.startsWith('LOG_LEVEL:'))).toContain('(example: debug)');
  });

  it('rejects out-of-range and malformed values', () => {
    expect(problemsOf({ PORT: '70000' })[0]).toMatch(/^PORT:/);
    expect(problemsOf({ DATABASE_URL: 'file:' })[0]).toMatch(/^DATABASE_URL:/);
    expect(problemsOf({ DATABASE_URL: 'file::memory:' })[0]).toMatch(/in-memory/);
    expect(problemsOf({ ADMIN_API_TOKEN: 'has spaces but is long enough to pass' })[0]).toMatch(
      /^ADMIN_API_TOKEN: must be printable ASCII/,
    );
  });

  it('gives every Slack Web API call a time limit: 10 s unless SLACK_API_TIMEOUT_MS says otherwise (1–120 s)', () => {
    const slack = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: '8f742231b10e8888abcd99yyyzzz85a5' };
    expect(parseConfig(slack, context).slack).toMatchObject({ enabled: true, apiTimeoutMs: 10_000 });
    expect(parseConfig({ ...slack, SLACK_API_TIMEOUT_MS: '2500' }, context).slack).toMatchObject({
      apiTimeoutMs: 2_500,
    });
    expect(problemsOf({ ...slack, SLACK_API_TIMEOUT_MS: '0' })[0]).toMatch(/^SLACK_API_TIMEOUT_MS:/);
    expect(problemsOf({ ...slack, SLACK_API_TIMEOUT_MS: 'soon' })[0]).toMatch(/^SLACK_API_TIMEOUT_MS:/);
  });

  it('never echoes a secret value back in its message', () => {
    const message = new ConfigError(problemsOf({ ADMIN_API_TOKEN: 'tooshort-secret' })).message;
    expect(message).not.toContain('tooshort-secret');
  });
});

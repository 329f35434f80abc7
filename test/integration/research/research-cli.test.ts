import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { scriptedResearcher, startFakeOpenAI, type FakeOpenAI } from '../../support/fake-openai.js';
import { startFixtureWeb, type FixtureWeb } from '../../support/fixture-web.js';
import { fixtureSubmission, RESEARCH_PAGES, RESEARCH_SEARCH_RESULTS } from '../../support/research-fixtures.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';

let model: FakeOpenAI;
let web: FixtureWeb;
let database: TestDatabase;
beforeAll(async () => {
  web = await startFixtureWeb(RESEARCH_PAGES, RESEARCH_SEARCH_RESULTS);
  model = await startFakeOpenAI(
    scriptedResearcher({
      pages: () => [`${web.base}/ledgerly/team`, `${web.base}/ledgerly/press`],
      submit: () => fixtureSubmission(web.base).slice(0, 3),
    }),
  );
  database = await createTestDatabase();
});
afterAll(async () => {
  await model.close();
  await web.close();
  await database.drop();
});

function runCli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/research.ts', ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: database.url,
      DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'crm-cli-')),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('npm run research', () => {
  it('runs one task and prints the people with their sources', async () => {
    const result = await runCli(['Sales leaders at Ledgerly', '--max', '5'], {
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: model.baseUrl,
      SEARXNG_URL: web.base,
      RESEARCH_ALLOW_PRIVATE_URLS: 'true',
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('SUCCEEDED: “Sales leaders at Ledgerly”');
    expect(result.stdout).toContain('3 submitted, 3 new, 0 merged, 0 rejected');
    expect(result.stdout).toContain('Amara Okafor\n  title: Head of Sales');
    expect(result.stdout).toContain(`[title] “Head of Sales” — ${web.base}/ledgerly/team`);
    expect(result.stderr).toContain('… Reading');
  });

  it('says what to set when research is not configured, and how to call it', async () => {
    const missing = await runCli(['anything at all'], {});
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('research is not configured: set OPENAI_API_KEY');
    const usage = await runCli([], {});
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('usage: npm run research -- "<query>"');
  });
});

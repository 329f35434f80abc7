import type { AppOverrides } from '../../src/app.js';
import { startFakeOpenAI } from './fake-openai.js';
import type { ChatHandler, FakeOpenAI } from './fake-openai.js';
import { startFixtureWeb } from './fixture-web.js';
import type { FixtureWeb } from './fixture-web.js';
import { RESEARCH_PAGES, RESEARCH_SEARCH_RESULTS } from './research-fixtures.js';
import { startTestApp } from './test-app.js';
import type { TestApp } from './test-app.js';
import type { ScratchDatabase } from './scratch-database.js';

export interface ResearchTestRig {
  t: TestApp;
  model: FakeOpenAI;
  web: FixtureWeb;
  close(): Promise<void>;
}

/** The app with research on, against a fake model server and the fixture web (all on loopback). */
export async function startResearchRig(
  handler: ChatHandler,
  options: { env?: Record<string, string>; latencyMs?: number; overrides?: AppOverrides; database?: () => Promise<ScratchDatabase> } = {},
): Promise<ResearchTestRig> {
  const model = await startFakeOpenAI(handler, { latencyMs: options.latencyMs });
  const web = await startFixtureWeb(RESEARCH_PAGES, RESEARCH_SEARCH_RESULTS);
  const t = await startTestApp({
    env: {
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: model.baseUrl,
      OPENAI_MODEL: 'gpt-4.1-mini',
      OPENAI_MAX_RETRIES: '2',
      SEARXNG_URL: web.base,
      RESEARCH_ALLOW_PRIVATE_URLS: 'true',
      ...options.env,
    },
    overrides: options.overrides,
    database: options.database,
  });
  return {
    t,
    model,
    web,
    close: async () => {
      await t.close();
      await model.close();
      await web.close();
    },
  };
}

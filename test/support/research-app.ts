import type { AppOverrides } from '../../src/app.js';
import { startFakeOpenAI, type ChatHandler, type FakeOpenAI, type FakeOpenAIOptions } from './fake-openai.js';
import { startFixtureWeb, type FixturePage, type FixtureWeb } from './fixture-web.js';
import { RESEARCH_PAGES, RESEARCH_SEARCH_RESULTS } from './research-fixtures.js';
import type { ScratchDatabase } from './scratch-database.js';
import { startTestApp, type TestApp } from './test-app.js';

export interface ResearchTestRig {
  t: TestApp;
  model: FakeOpenAI;
  web: FixtureWeb;
  close(): Promise<void>;
}

/** The app with research on, against a fake model server and the fixture web (all on loopback). */
export async function startResearchRig(
  handler: ChatHandler,
  options: {
    env?: Record<string, string>;
    latencyMs?: number;
    overrides?: AppOverrides;
    database?: () => Promise<ScratchDatabase>;
    /** More behaviours of the model server (usage from the prompt, truncation, slow generation, hosted search). */
    model?: FakeOpenAIOptions;
    /** Another fixture web than the Ledgerly one. */
    web?: { pages: Record<string, FixturePage>; searchResults: { path: string; title: string; snippet: string }[] };
  } = {},
): Promise<ResearchTestRig> {
  const model = await startFakeOpenAI(handler, { latencyMs: options.latencyMs, ...options.model });
  const web = await startFixtureWeb(
    options.web?.pages ?? RESEARCH_PAGES,
    options.web?.searchResults ?? RESEARCH_SEARCH_RESULTS,
  );
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

import { performance } from 'node:perf_hooks';

import type { DatabaseProvider } from '../src/db/database-url.js';
import { scriptedResearcher } from '../test/support/fake-openai.js';
import { startResearchRig, type ResearchTestRig } from '../test/support/research-app.js';
import { fixtureSubmission, RESEARCH_PAGES } from '../test/support/research-fixtures.js';
import { createScratchDatabase } from '../test/support/scratch-database.js';
import { TEST_TOKEN } from '../test/support/test-app.js';
import { spread } from './support/measure.js';

/**
 * Hostile pages for the soak: near the size limit, deeply nested markup, tens of thousands of
 * links and hidden elements, slow to arrive, and the page that addresses the AI agent.
 */
const HOSTILE_PAGES = {
  '/hostile/huge': { body: '<html><body><h1>Team</h1><p>Amara Okafor, Head of Sales</p>', padBytes: 2_900_000 },
  '/hostile/nested': {
    body: `<html><body>${'<div>'.repeat(20_000)}Amara Okafor${'</div>'.repeat(20_000)}</body></html>`,
  },
  '/hostile/links': {
    body: `<html><body>${Array.from({ length: 30_000 }, (_, i) => `<a href="/p${i}" style="display:none">Person ${i}</a>`).join('')}</body></html>`,
  },
  '/hostile/slow': { body: '<html><body><p>Priya Raman joins as Sales Director</p></body></html>', delayMs: 2_000 },
};
const PAGES = [...Object.keys(HOSTILE_PAGES), '/blog/ai-notice', '/ledgerly/team'];

export interface SoakFigures {
  provider: DatabaseProvider;
  seconds: number;
  tasksFinished: number;
  api: { p50: number; p99: number; max: number; requests: number; failed: number };
  idle: { p50: number; p99: number; max: number };
}

async function apiLatencies(
  rig: ResearchTestRig,
  until: () => boolean,
): Promise<{ samples: number[]; failed: number }> {
  const samples: number[] = [];
  let failed = 0;
  const routes = ['/api/contacts?limit=20', '/api/contacts/search?q=sales', '/api/research/tasks?limit=5', '/healthz'];
  for (let i = 0; until(); i += 1) {
    const started = performance.now();
    try {
      const res = await fetch(rig.t.url + routes[i % routes.length]!, {
        headers: { authorization: `Bearer ${TEST_TOKEN}` },
      });
      await res.arrayBuffer();
      if (res.status !== 200) failed += 1;
    } catch {
      // A reset connection (the event loop stalled past the keep-alive timeout) is a failed request.
      failed += 1;
    }
    samples.push(performance.now() - started);
  }
  return { samples, failed };
}

/**
 * Research over hostile pages for `seconds` (SOAK_SECONDS, default 60) while the API is asked, one request at a time.
 */
export async function benchSoak(
  provider: DatabaseProvider,
  seconds: number,
  postgresServerUrl?: string,
): Promise<SoakFigures> {
  Object.assign(RESEARCH_PAGES, HOSTILE_PAGES);
  let rig: ResearchTestRig;
  const handler = scriptedResearcher({
    pages: () => PAGES.map((p) => rig.web.base + p),
    submit: () => fixtureSubmission(rig.web.base),
  });
  rig = await startResearchRig(handler, {
    database: () => createScratchDatabase(provider, postgresServerUrl),
    env: { RESEARCH_CONCURRENCY: '4', RESEARCH_USER_HOURLY_LIMIT: '0', ADMIN_API_RATE_LIMIT: '0' },
  });
  try {
    // Idle baseline: the same requests with no research running.
    const idleEnd = Date.now() + 5_000;
    const idle = await apiLatencies(rig, () => Date.now() < idleEnd);
    const end = Date.now() + seconds * 1000;
    let tasksFinished = 0;
    const feeders = Array.from({ length: 4 }, async (_, f) => {
      for (let i = 0; Date.now() < end; i += 1) {
        const { finished } = await rig.t.app.services.research.startAndWait(
          { query: `soak ${f}-${i}`, maxContacts: 10 },
          { requestedBy: 'bench' },
          120_000,
        );
        if (finished) tasksFinished += 1;
      }
    });
    const busy = await apiLatencies(rig, () => Date.now() < end);
    await Promise.all(feeders);
    return {
      provider,
      seconds,
      tasksFinished,
      api: {
        ...spread(busy.samples),
        requests: busy.samples.length,
        failed: busy.failed,
      },
      idle: spread(idle.samples),
    };
  } finally {
    await rig.close();
  }
}

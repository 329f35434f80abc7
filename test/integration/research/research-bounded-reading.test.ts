/**
 * Bounded work per page (issue 9, requirement 7): 3 MB hostile pages — a run without spaces, runs
 * of "<", deep nesting, a gzip bomb, broken escapes — are read in a worker thread with a time limit
 * while the app keeps answering /healthz quickly; a page that cannot be read in time is "could not
 * read" for the model, never a failed task; the honest page read in the same task still counts.
 * The app runs in this process (with the fake model and the fixture web), so the event loop watched
 * here is the app's.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { watchEventLoop } from '../../support/event-loop-watch.js';
import { scriptedResearcher, toolResults } from '../../support/fake-openai.js';
import { startResearchRig, type ResearchTestRig } from '../../support/research-app.js';
import { RESEARCH_PAGES } from '../../support/research-fixtures.js';

const MB3 = 3_000_000;
const card = '<div class="person"><h2>Amara Okafor</h2><p>Head of Sales</p></div>';
const HOSTILE: Record<string, string> = {
  '/hostile/run': `<html><body>${card}<p>${'A'.repeat(MB3)}</p></body></html>`,
  '/hostile/lt': `<html><body>${card}${'<'.repeat(MB3)}</body></html>`,
  '/hostile/nested': `<html><body>${card}${'<div>'.repeat(MB3 / 5)}x</body></html>`,
  '/hostile/emails': `<html><body>${card}<p>${'a@'.repeat(MB3 / 2)}</p></body></html>`,
  '/hostile/escapes': `<html><body>${card}${'<a href="mailto:%E0%A4%A">x</a><p>&#xFFFFFFFF;&#0;</p>'.repeat(30_000)}</body></html>`,
};
const PAGES = [...Object.keys(HOSTILE), '/hostile/gzip-bomb', '/ledgerly/team'];

let rig: ResearchTestRig;
const latencies: number[] = [];
let polling = true;

beforeAll(async () => {
  for (const [path, body] of Object.entries(HOSTILE)) RESEARCH_PAGES[path] = { body };
  // 3 MB of "<" compressed to a few kilobytes: the fetcher inflates it up to its size limit.
  RESEARCH_PAGES['/hostile/gzip-bomb'] = {
    body: gzipSync(Buffer.from(`<html><body>${card}${'<'.repeat(20_000_000)}`)),
    headers: { 'content-encoding': 'gzip' },
  };
  rig = await startResearchRig(
    scriptedResearcher({
      pages: () => PAGES.map((p) => rig.web.base + p),
      submit: () => [
        {
          fullName: 'Amara Okafor',
          title: 'Head of Sales',
          company: 'Ledgerly',
          email: null,
          linkedinUrl: null,
          location: 'London',
          sources: [{ url: `${rig.web.base}/ledgerly/team`, quote: 'Amara Okafor', field: 'fullName' }],
        },
      ],
    }),
    { env: { RESEARCH_READ_TIMEOUT_MS: '4000', RESEARCH_TIMEOUT_MS: '120000' } },
  );
});
afterAll(async () => {
  polling = false;
  await rig?.close();
  for (const path of [...Object.keys(HOSTILE), '/hostile/gzip-bomb']) delete RESEARCH_PAGES[path];
});

describe('reading hostile pages', () => {
  it('reads every page within its limits off the event loop; /healthz answers quickly throughout; the task succeeds', async () => {
    const stopWatching = watchEventLoop();
    const poll = (async () => {
      while (polling) {
        const started = performance.now();
        const res = await fetch(`${rig.t.url}/healthz`);
        await res.arrayBuffer();
        latencies.push(performance.now() - started);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const res = await rig.t.api('POST', '/api/research/sync', {
      query: 'Heads of Sales at Ledgerly',
      timeoutMs: 120_000,
    });
    polling = false;
    await poll;
    const loop = stopWatching();
    expect(res.body, JSON.stringify(res.body).slice(0, 500)).toMatchObject({ status: 'succeeded', error: null });
    expect(res.body.contacts.map((c: { fullName: string }) => c.fullName)).toEqual(['Amara Okafor']);

    // Each hostile page was either read (within caps) or "could not read" — never a failed task.
    // Across the whole conversation: a page the model has used is later shown only as a short digest.
    const replies = rig.model.requests.flatMap((request) => toolResults(request));
    for (const path of PAGES) {
      const url = `${rig.web.base}${path}`;
      const reply = replies.find((r) => r.startsWith(`<page url="${url}"`) || r.startsWith(`Could not read ${url}`));
      expect(reply, path).toBeDefined();
    }
    expect(latencies.length).toBeGreaterThan(10);
    const sorted = [...latencies].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]!;
    console.info(
      `/healthz during hostile reading: ${latencies.length} requests, median ${at(0.5).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms, max ${at(1).toFixed(1)} ms; ` +
        `event loop: longest gaps ${loop.longestGapsMs.join(', ')} ms, most CPU between two turns ${loop.maxBlockedCpuMs?.toFixed(1) ?? '?'} ms; gaps ≥ 50 ms (at+wall/cpu/queued): ${loop.blocked.join(' ')}; ` +
        `replies: ${PAGES.map((p) => replies.find((r) => r.includes(`${rig.web.base}${p}"`) || r.startsWith(`Could not read ${rig.web.base}${p}`))?.slice(0, 12) ?? '?').join(', ')}`,
    );
    // The issue's bound: every /healthz answer under 100 ms, i.e. nothing holds the event loop for
    // 100 ms. What holds it is measured as the CPU time the loop's thread spent between two turns
    // (Linux schedstat). Wall time cannot tell that apart from waiting for a core on a shared,
    // overloaded machine (at load 15 on 2 cores the same run shows 0.9 s gaps of which the thread
    // ran 50 ms), so wall time is held to the bound at the median, and at the worst only where the
    // CPU time cannot be read, with headroom for the machine.
    expect(at(0.5)).toBeLessThan(100);
    if (loop.maxBlockedCpuMs !== undefined) expect(loop.maxBlockedCpuMs).toBeLessThan(100);
    else expect(at(1)).toBeLessThan(1_000);
  }, 180_000);
});

/**
 * The labelled verification benchmark (`BENCH_ONLY=verification npm run bench`):
 * - the honest pages (test/fixtures/verification/honest) with what a decent but imperfect model
 *   submits: precision and recall of accepted facts and people, attribution errors, honest people lost;
 * - the attack pages (test/fixtures/verification/attacks) with what a compromised model submits;
 * - bad input (5 MB, 10k nesting, 10k units, long runs, malformed HTML): time and peak RSS of
 *   read + verify, each in its own process, killed at a time limit (BENCH_SECONDS × 6, at least 3 s).
 * It prints figures and never fails on them.
 */
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

import { ATTACK_PAGES } from '../test/fixtures/verification/attacks/answer-key.js';
import { INPUTS, runBadInput, type InputRun } from '../test/fixtures/verification/bad-input.js';
import { HONEST_PAGES } from '../test/fixtures/verification/honest/answer-key.js';
import {
  describeVerdict,
  judge,
  verifyLabelled,
  type LabelledPage,
  type Verdict,
} from '../test/fixtures/verification/labels.js';
import { fmt } from './support/measure.js';

interface Score {
  pages: number;
  threw: number;
  msPerPage: number;
  acceptedFacts: number;
  acceptedTrueFacts: number;
  submittedTrueFacts: number;
  submittedFalseFacts: number;
  keyFacts: number;
  acceptedPeople: number;
  acceptedTruePeople: number;
  submittedTruePeople: number;
  attributionErrors: number;
  inventedFacts: number;
  falsePeople: number;
  lostPeople: number;
  lostFacts: number;
  pagesWithFalse: number;
  problems: string[];
}

function score(pages: LabelledPage[]): Score {
  const s: Score = {
    pages: pages.length,
    threw: 0,
    msPerPage: 0,
    acceptedFacts: 0,
    acceptedTrueFacts: 0,
    submittedTrueFacts: 0,
    submittedFalseFacts: 0,
    keyFacts: 0,
    acceptedPeople: 0,
    acceptedTruePeople: 0,
    submittedTruePeople: 0,
    attributionErrors: 0,
    inventedFacts: 0,
    falsePeople: 0,
    lostPeople: 0,
    lostFacts: 0,
    pagesWithFalse: 0,
    problems: [],
  };
  let ms = 0;
  for (const page of pages) {
    let verdict: Verdict;
    const start = performance.now();
    try {
      verdict = judge(page, verifyLabelled(page));
    } catch (caught) {
      s.threw += 1;
      s.problems.push(`${page.id}: threw ${caught instanceof Error ? caught.message : String(caught)}`);
      continue;
    } finally {
      ms += performance.now() - start;
    }
    s.acceptedFacts += verdict.acceptedFacts;
    s.acceptedTrueFacts += verdict.acceptedTrueFacts;
    s.submittedTrueFacts += verdict.submittedTrueFacts;
    s.submittedFalseFacts +=
      page.submission.reduce(
        (n, c) => n + (['title', 'company', 'email', 'linkedinUrl', 'location'] as const).filter((f) => c[f]).length,
        0,
      ) - verdict.submittedTrueFacts;
    s.keyFacts += verdict.keyFacts;
    s.acceptedPeople += verdict.acceptedPeople;
    s.acceptedTruePeople += verdict.acceptedTruePeople;
    s.submittedTruePeople += verdict.submittedTruePeople;
    s.attributionErrors += verdict.falseFacts.filter((f) => f.attribution).length;
    s.inventedFacts += verdict.falseFacts.filter((f) => !f.attribution).length;
    s.falsePeople += verdict.falsePeople.length;
    s.lostPeople += verdict.lostPeople.length;
    s.lostFacts += verdict.lostFacts.length;
    if (verdict.falsePeople.length || verdict.falseFacts.length) s.pagesWithFalse += 1;
    const lines = describeVerdict(verdict);
    if (lines.length) s.problems.push(`${page.id}: ${lines.join('; ')}`);
  }
  s.msPerPage = ms / Math.max(1, pages.length);
  return s;
}

const ratio = (a: number, b: number) => (b === 0 ? 'n/a' : fmt(a / b, 3));

function printScore(title: string, s: Score, unit = 'pages') {
  console.log(
    `\n${title}: ${s.pages} ${unit}, ${fmt(s.msPerPage, 1)} ms read+verify each${s.threw ? `, ${s.threw} threw` : ''}`,
  );
  console.log(
    `  facts : accepted ${s.acceptedFacts}, true ${s.acceptedTrueFacts} → precision ${ratio(s.acceptedTrueFacts, s.acceptedFacts)}; recall ${ratio(s.acceptedTrueFacts, s.submittedTrueFacts)} of ${s.submittedTrueFacts} true facts submitted (${ratio(s.acceptedTrueFacts, s.keyFacts)} of the ${s.keyFacts} in the answer key)`,
  );
  console.log(
    `  people: accepted ${s.acceptedPeople}, real ${s.acceptedTruePeople} → precision ${ratio(s.acceptedTruePeople, s.acceptedPeople)}; recall ${ratio(s.acceptedTruePeople, s.submittedTruePeople)} of ${s.submittedTruePeople} real people submitted`,
  );
  console.log(
    `  false facts accepted: ${s.attributionErrors} attribution errors (true of someone else) + ${s.inventedFacts} true of nobody, of ${s.submittedFalseFacts} false facts submitted; false people accepted: ${s.falsePeople}`,
  );
  console.log(
    `  honest people lost: ${s.lostPeople}; honest facts lost: ${s.lostFacts}; pages with anything false accepted: ${s.pagesWithFalse}/${s.pages}`,
  );
  for (const problem of s.problems) console.log(`    ${problem.length > 400 ? `${problem.slice(0, 397)}…` : problem}`);
}

/** Pages read together in one task: one store, every submission at once, everyone's truth. */
function asTasks(pages: LabelledPage[], perTask: number): LabelledPage[] {
  const tasks: LabelledPage[] = [];
  for (let i = 0; i < pages.length; i += perTask) {
    const group = pages.slice(i, i + perTask);
    tasks.push({
      id: group.map((p) => p.id.slice(0, 3)).join('+'),
      category: 'task',
      description: `${group.length} pages read in one task`,
      file: group[0]!.file,
      url: group[0]!.url,
      alsoRead: group.slice(1).flatMap((p) => [{ file: p.file, url: p.url }, ...(p.alsoRead ?? [])]),
      people: group.flatMap((p) => p.people),
      submission: group.flatMap((p) => p.submission),
      mustKeep: group.flatMap((p) => p.mustKeep),
    });
  }
  return tasks;
}

/** Runs the benchmark, prints the details, returns rows for bench/run-all.ts's table. */
export async function benchVerification(seconds: number): Promise<string[][]> {
  const honest = score(HONEST_PAGES);
  const honestTasks = score(asTasks(HONEST_PAGES, 4));
  const attacks = score(ATTACK_PAGES);
  const lookalikes = score(ATTACK_PAGES.filter((p) => p.category === 'lookalike'));
  printScore('Verification benchmark — honest pages, decent but imperfect model, one page per task', honest);
  printScore(
    'Verification benchmark — the same honest pages read four per task (facts may be found on the wrong page)',
    honestTasks,
    'tasks',
  );
  printScore('Verification benchmark — attack pages, compromised model', attacks);
  console.log('  by category (pages with anything false accepted / pages; honest people lost):');
  for (const category of [...new Set(ATTACK_PAGES.map((p) => p.category))]) {
    const c = score(ATTACK_PAGES.filter((p) => p.category === category));
    console.log(`    ${category.padEnd(12)} ${c.pagesWithFalse}/${c.pages}; ${c.lostPeople} lost`);
  }

  const limitMs = Math.max(3, seconds * 6) * 1000;
  console.log(`\nBad input: read + verify in a child process, killed after ${limitMs / 1000} s`);
  const runs: InputRun[] = [];
  for (const kind of Object.keys(INPUTS)) {
    const run = await runBadInput(kind, limitMs);
    runs.push(run);
    const outcome = run.timedOut
      ? `TIMED OUT after ${fmt(run.wallMs / 1000, 1)} s`
      : run.error
        ? `error: ${run.error}`
        : `read ${fmt(run.readMs!, 0)} ms + verify ${fmt(run.verifyMs!, 0)} ms, accepted ${run.accepted}/${run.submitted}`;
    console.log(
      `  ${kind.padEnd(11)} ${run.bytes ? `${fmt(run.bytes / 1e6, 2)} MB` : ''} ${outcome}; peak RSS ${run.maxRssMb === undefined ? 'n/a' : `${fmt(run.maxRssMb, 0)} MB`} — ${run.what}`,
    );
  }
  const baseline = runs.find((r) => r.kind === 'baseline');
  const rows: string[][] = [
    [
      'verification, honest pages: fact precision / recall',
      '-',
      `${ratio(honest.acceptedTrueFacts, honest.acceptedFacts)} / ${ratio(honest.acceptedTrueFacts, honest.submittedTrueFacts)}`,
      `goal ≥ 0.99 / ≥ 0.95 (${honest.pages} pages)`,
      '',
    ],
    [
      'verification, honest pages: people precision / recall',
      '-',
      `${ratio(honest.acceptedTruePeople, honest.acceptedPeople)} / ${ratio(honest.acceptedTruePeople, honest.submittedTruePeople)}`,
      '',
      '',
    ],
    [
      'verification, honest pages: attribution errors / invented facts accepted',
      '-',
      `${honest.attributionErrors} / ${honest.inventedFacts}`,
      `of ${honest.submittedFalseFacts} false facts submitted`,
      '',
    ],
    [
      'verification, honest pages: honest people / facts lost',
      '-',
      `${honest.lostPeople} / ${honest.lostFacts}`,
      `of ${honest.submittedTruePeople} / ${honest.submittedTrueFacts}`,
      '',
    ],
    [
      'verification, honest pages read 4 per task: fact precision / recall',
      '-',
      `${ratio(honestTasks.acceptedTrueFacts, honestTasks.acceptedFacts)} / ${ratio(honestTasks.acceptedTrueFacts, honestTasks.submittedTrueFacts)}`,
      `${honestTasks.attributionErrors} attribution errors`,
      '',
    ],
    [
      'verification, attack pages: fact / people precision',
      '-',
      `${ratio(attacks.acceptedTrueFacts, attacks.acceptedFacts)} / ${ratio(attacks.acceptedTruePeople, attacks.acceptedPeople)}`,
      `goal 1.00 (${attacks.pages} pages)`,
      '',
    ],
    [
      'verification, attack pages: pages with anything false accepted',
      '-',
      `${attacks.pagesWithFalse}/${attacks.pages}`,
      `${attacks.falsePeople} false people, ${attacks.attributionErrors + attacks.inventedFacts} false facts`,
      '',
    ],
    [
      'verification, honest look-alikes: people lost',
      '-',
      `${lookalikes.lostPeople} of ${lookalikes.submittedTruePeople}`,
      '',
      '',
    ],
  ];
  for (const run of runs.filter((r) => r.kind !== 'baseline')) {
    const time = run.timedOut
      ? `> ${fmt(limitMs / 1000, 0)} s (killed)`
      : run.error
        ? `error (${run.error.slice(0, 60)})`
        : `${fmt(run.readMs! + run.verifyMs!, 0)} ms`;
    rows.push([
      `read+verify ${run.kind} (time, peak RSS MB)`,
      '-',
      `${time}, ${run.maxRssMb === undefined ? 'n/a' : fmt(run.maxRssMb, 0)}`,
      baseline?.maxRssMb ? `${fmt(baseline.maxRssMb, 0)} MB RSS for a small page` : '',
      '',
    ]);
  }
  return rows;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  // eslint-disable-next-line no-restricted-properties -- a benchmark runner, not the app
  const rows = await benchVerification(Number(process.env.BENCH_SECONDS ?? 5));
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

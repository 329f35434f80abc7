/**
 * Child process for bench/verification.bench.ts: builds one bad input in memory, reads and verifies
 * it with the real readPage + PageStore + verifyContacts, and prints one JSON line with the timings
 * and peak RSS. Run in its own process so that a stall can be killed and memory measured alone.
 * Usage: node --import tsx bench/support/verification-input.ts <kind>
 */
import { performance } from 'node:perf_hooks';
import { PageStore } from '../../src/research/agent/page-store.js';
import type { SubmittedContact } from '../../src/research/agent/tools/submit-contacts.tool.js';
import { verifyContacts } from '../../src/research/verification/contact-verifier.js';
import { readPage } from '../../src/research/web/page-reader.js';

const URL_ = 'https://bench-input.example/team';
const letters = (i: number) => {
  let s = '';
  do {
    s = String.fromCharCode(97 + (i % 26)) + s;
    i = Math.floor(i / 26);
  } while (i > 0);
  return s;
};
/** A distinct, name-like name per index: "Mira Kabcson". */
const nameOf = (i: number) => `Mira K${letters(i)}son`;
const card = (i: number) =>
  `<div class="member"><h3>${nameOf(i)}</h3><p>Head of Region ${letters(i)}</p><p>Leeds</p><a href="mailto:mira.k${letters(i)}son@bench-input.example">mira.k${letters(i)}son@bench-input.example</a></div>\n`;
const contact = (i: number): SubmittedContact => ({
  fullName: nameOf(i),
  title: `Head of Region ${letters(i)}`,
  company: null,
  email: `mira.k${letters(i)}son@bench-input.example`,
  linkedinUrl: null,
  location: 'Leeds',
  sources: [{ url: URL_, quote: nameOf(i), field: 'fullName' }],
});
const page = (body: string) => `<!doctype html><html><head><meta charset="utf-8"><title>Team</title></head><body>${body}</body></html>`;
const SENTENCE = 'Our regional teams meet every quarter to review pricing, hiring and the pipeline for the coming months. ';

export const INPUTS: Record<string, { what: string; build: () => { html: string; submission: SubmittedContact[] } }> = {
  baseline: { what: 'one small team page (baseline)', build: () => ({ html: page(card(1)), submission: [contact(1)] }) },
  'page-5mb': {
    what: '5 MB realistic page (prose with a card every 40 paragraphs)',
    build: () => {
      const parts: string[] = [];
      let size = 0;
      for (let i = 0; size < 5_000_000; i++) {
        const chunk = i % 40 === 0 ? card(i) : `<p>${SENTENCE.repeat(3)}</p>\n`;
        parts.push(chunk);
        size += chunk.length;
      }
      return { html: page(parts.join('')), submission: [0, 40, 4000, 40 * 1000].map(contact) };
    },
  },
  'units-10k': {
    what: 'a page of 10k person cards',
    build: () => ({ html: page(Array.from({ length: 10_000 }, (_, i) => card(i)).join('')), submission: [0, 2500, 5000, 9999].map(contact) }),
  },
  'nested-10k': {
    what: 'a card under 10k nested <div>s',
    build: () => ({ html: page(`${'<div>'.repeat(10_000)}${card(7)}${'</div>'.repeat(10_000)}`), submission: [contact(7)] }),
  },
  'run-5mb': {
    what: '5 MB without a space in one <p> (and a card)',
    build: () => ({ html: page(`${card(3)}<p>${'A'.repeat(5_000_000)}</p>`), submission: [contact(3)] }),
  },
  'lt-3mb': {
    what: '3 MB of "<" (and a card)',
    build: () => ({ html: page(`${card(4)}${'<'.repeat(3_000_000)}`), submission: [contact(4)] }),
  },
  malformed: {
    what: 'malformed HTML: broken mailto escape, unclosed tags and comment, stray end tags, NULs, bad entities',
    build: () => ({
      html:
        `<html><body><div class="member"><h3>${nameOf(5)}</h3><p>Head of Region ${letters(5)}<p>Leeds` +
        `<a href="mailto:%E0%A4%A">write</a><a href="mailto:mira.k${letters(5)}son@bench-input.example">mail</a>` +
        `</span></td></tr></table><b><i>unclosed <a href="http://[::1">bad url</a> &#xZZZ; &#99999999; &bogus;\u0000\u0000` +
        `<div <div <p class="x>${'<!--'.repeat(1000)}<script>never closed`,
      submission: [contact(5)],
    }),
  },
};

const kind = process.argv[2] ?? '';
const input = INPUTS[kind];
if (input && process.argv[1]?.endsWith('verification-input.ts')) {
  const built = input.build();
  const bytes = Buffer.byteLength(built.html);
  // The parent's time limit starts here: loading modules and building the input are not measured.
  process.stdout.write('ready\n');
  let readMs = Number.NaN;
  let verifyMs = Number.NaN;
  let accepted = 0;
  let error: string | null = null;
  try {
    const start = performance.now();
    const read = readPage(URL_, built.html, 'text/html; charset=utf-8');
    readMs = performance.now() - start;
    const store = new PageStore();
    store.add(URL_, read);
    const before = performance.now();
    accepted = verifyContacts(built.submission, store, 100).accepted.length;
    verifyMs = performance.now() - before;
  } catch (caught) {
    error = caught instanceof Error ? `${caught.name}: ${caught.message}` : String(caught);
  }
  process.stdout.write(`${JSON.stringify({ kind, bytes, readMs, verifyMs, accepted, submitted: built.submission.length, error, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
}

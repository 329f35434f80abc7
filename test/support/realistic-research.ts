import type { ChatHandler, ChatRequest } from './fake-openai.js';
import type { FixturePage } from './fixture-web.js';

/**
 * A web of real-world size for research: 12 pages of 30–80 KB (navigation, cookie banners,
 * long articles, footers) naming 10 people between them, and a model that researches it the way
 * capable models do — several searches at once, several pages per turn — written from what the
 * conversation shows, so it works against any version of the loop.
 */
export interface RealisticPerson {
  fullName: string;
  title: string;
  company: string;
  location: string;
  email: string | null;
}

interface PageSpec {
  path: string;
  title: string;
  people: RealisticPerson[];
  /** How the page presents each person (must contain the name and the title verbatim). */
  present: (p: RealisticPerson) => string;
  targetKb: number;
}

const P = (
  fullName: string,
  title: string,
  company: string,
  location: string,
  email: string | null = null,
): RealisticPerson => ({ fullName, title, company, location, email });

export const REALISTIC_PEOPLE: RealisticPerson[] = [
  P('Amelia Hartwell', 'Head of Sales', 'Northwind Ledger', 'London', 'amelia.hartwell@northwind.example'),
  P('Rajesh Varma', 'VP Sales, EMEA', 'Northwind Ledger', 'London'),
  P('Sofia Lindqvist', 'Chief Revenue Officer', 'Northwind Ledger', 'Stockholm'),
  P('Daniel Okoye', 'Sales Director', 'Brightpay', 'London', 'daniel.okoye@brightpay.example'),
  P('Chloé Marchand', 'Head of Partnerships', 'Brightpay', 'Paris'),
  P('Marcus Feld', 'Head of Sales', 'Kontor Finance', 'Berlin'),
  P('Hannah Whitaker', 'Head of Business Development', 'Ferrum Pay', 'Manchester', 'hannah@ferrumpay.example'),
  P('Tomasz Nowak', 'Regional Sales Manager', 'Ferrum Pay', 'Warsaw'),
  P('Leila Haddad', 'Head of Sales', 'Quillbank', 'London'),
  P('Oliver Grant', 'Director of Sales', 'Quillbank', 'Edinburgh'),
];
const [amelia, rajesh, sofia, daniel, chloe, marcus, hannah, tomasz, leila, oliver] = REALISTIC_PEOPLE as [
  RealisticPerson,
  ...RealisticPerson[],
] &
  RealisticPerson[];

const PAGES: PageSpec[] = [
  {
    path: '/northwind/leadership',
    title: 'Leadership team — Northwind Ledger',
    people: [amelia, rajesh!, sofia!],
    present: (p) =>
      `<div class="member"><h3>${p.fullName}</h3><p class="role">${p.title}</p><p>${p.location}</p>${p.email ? `<a href="mailto:${p.email}">${p.email}</a>` : ''}</div>`,
    targetKb: 64,
  },
  {
    path: '/brightpay/news/appoints-sales-director',
    title: 'Brightpay appoints Daniel Okoye as Sales Director',
    people: [daniel!],
    present: (p) =>
      `<p>LONDON — Brightpay today announced that ${p.fullName} joins as ${p.title}, based in ${p.location}. Reach him at <a href="mailto:${p.email}">${p.email}</a>.</p>`,
    targetKb: 42,
  },
  {
    path: '/brightpay/blog/partners',
    title: 'Building a partner ecosystem — Brightpay blog',
    people: [chloe!],
    present: (p) => `<p class="byline">By ${p.fullName}, ${p.title} at ${p.company}, ${p.location}</p>`,
    targetKb: 55,
  },
  {
    path: '/events/fintech-forum-2026/speakers',
    title: 'Speakers — FinTech Forum 2026',
    people: [marcus!, leila!],
    present: (p) =>
      `<li class="speaker"><strong>${p.fullName}</strong> — ${p.title}, ${p.company} (${p.location})</li>`,
    targetKb: 78,
  },
  {
    path: '/ferrumpay/about/team',
    title: 'About us — Ferrum Pay',
    people: [hannah!, tomasz!],
    present: (p) =>
      `<section class="bio"><h2>${p.fullName}</h2><h4>${p.title}</h4><p>Based in ${p.location}.</p>${p.email ? `<p>Email: <a href="mailto:${p.email}">${p.email}</a></p>` : ''}</section>`,
    targetKb: 48,
  },
  {
    path: '/quillbank/press/new-sales-leadership',
    title: 'Quillbank strengthens sales leadership',
    people: [oliver!],
    present: (p) =>
      `<p>EDINBURGH — Quillbank has appointed ${p.fullName} as ${p.title}. ${p.fullName} will lead the team from ${p.location}.</p>`,
    targetKb: 36,
  },
  {
    path: '/news/fintech-weekly-roundup',
    title: 'Fintech weekly: funding, hires and launches',
    people: [],
    present: () => '',
    targetKb: 70,
  },
  { path: '/northwind/careers', title: 'Careers at Northwind Ledger', people: [], present: () => '', targetKb: 33 },
  { path: '/brightpay/pricing', title: 'Pricing — Brightpay', people: [], present: () => '', targetKb: 30 },
  { path: '/kontor/about', title: 'About Kontor Finance', people: [], present: () => '', targetKb: 40 },
  {
    path: '/quillbank/blog/open-banking',
    title: 'What open banking means for SMEs — Quillbank',
    people: [],
    present: () => '',
    targetKb: 52,
  },
  { path: '/ferrumpay/docs/api', title: 'API reference — Ferrum Pay', people: [], present: () => '', targetKb: 60 },
];

const WORDS =
  'ledger payments treasury reconciliation invoices compliance customers platform growth finance teams onboarding integration reporting forecast quarter revenue market regulation settlement currency partners merchants banking accounts product release security audit workflow automation cash flow budget analytics pricing support'.split(
    ' ',
  );

/** Deterministic filler prose: long paragraphs the way articles, docs and blogs have them. */
function prose(seed: number, paragraphs: number): string {
  let x = seed;
  const next = () => (x = (x * 1103515245 + 12345) % 2147483648);
  const out: string[] = [];
  for (let i = 0; i < paragraphs; i += 1) {
    const sentences: string[] = [];
    for (let s = 0; s < 6; s += 1) {
      const words = Array.from({ length: 12 + (next() % 10) }, () => WORDS[next() % WORDS.length]!);
      sentences.push(words.join(' ').replace(/^./, (c) => c.toUpperCase()) + '.');
    }
    out.push(`<p>${sentences.join(' ')}</p>`);
  }
  return out.join('\n');
}

function pageHtml(spec: PageSpec, index: number): string {
  const nav = `<header><nav>${Array.from({ length: 30 }, (_, i) => `<a href="/section-${i}">Section ${i}</a>`).join(' ')}</nav><div class="cookie-banner">We use cookies to improve your experience. Accept all / Manage preferences.</div></header>`;
  const footer = `<footer>${Array.from({ length: 40 }, (_, i) => `<a href="/footer-${i}">Footer link ${i}</a>`).join(' ')}<p>© 2026 ${spec.title}. All rights reserved.</p></footer>`;
  const head = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${spec.title}</title><style>${'.c{margin:0}'.repeat(200)}</style></head><body>${nav}<main><article><h1>${spec.title}</h1>`;
  const people = spec.people.map(spec.present).join('\n');
  const shell = head + people + footer;
  let body = '';
  for (let n = 1; (shell + body).length < spec.targetKb * 1024; n += 1) body = prose(index * 7919 + 1, n * 4);
  // People in the middle of the article, as on real pages.
  const half = body.indexOf('</p>', Math.floor(body.length / 2)) + 4;
  return `${head}${body.slice(0, half)}\n${people}\n${body.slice(half)}</article></main>${footer}</body></html>`;
}

export const REALISTIC_PAGES: Record<string, FixturePage> = Object.fromEntries(
  PAGES.map((spec, i) => [spec.path, { body: pageHtml(spec, i) }]),
);
export const REALISTIC_SEARCH_RESULTS = PAGES.map((p) => ({ path: p.path, title: p.title, snippet: `${p.title} …` }));
export const REALISTIC_PAGE_PATHS = PAGES.map((p) => p.path);

/** The submission for one person: every fact with its source and a quote that is on the page. */
export function realisticSubmission(base: string, person: RealisticPerson) {
  const spec = PAGES.find((p) => p.people.includes(person))!;
  const url = base + spec.path;
  return {
    fullName: person.fullName,
    title: person.title,
    company: person.company,
    email: person.email,
    linkedinUrl: null,
    location: person.location,
    sources: [
      { url, quote: person.fullName, field: 'fullName' as const },
      { url, quote: person.title, field: 'title' as const },
      { url, quote: person.location, field: 'location' as const },
      ...(person.email ? [{ url, quote: person.email, field: 'email' as const }] : []),
    ],
  };
}

const callsIn = (request: ChatRequest) =>
  request.messages.flatMap((m) => (m.role === 'assistant' ? (m.tool_calls ?? []) : []));
const argsOf = (call: { function: { arguments: string } }): Record<string, unknown> => {
  try {
    return JSON.parse(call.function.arguments) as Record<string, unknown>;
  } catch {
    return {};
  }
};

/**
 * A capable model on the realistic web: three distinct searches in one turn, then `perTurn` pages
 * a turn. When the tools offer `finish_research` it hands in the people of the pages it has just
 * read with each turn and finishes at the end; otherwise it submits everyone at the end, once.
 * It obeys a `tool_choice` that forces a function.
 */
export function realisticResearcher(base: () => string, options: { perTurn?: number } = {}): ChatHandler {
  const perTurn = options.perTurn ?? 4;
  return (request) => {
    const incremental = (request.tools ?? []).some((t) => t.function.name === 'finish_research');
    const calls = callsIn(request);
    const fetched = new Set(calls.filter((c) => c.function.name === 'fetch_page').map((c) => String(argsOf(c).url)));
    const submitted = new Set(
      calls
        .filter((c) => c.function.name === 'submit_contacts')
        .flatMap((c) => ((argsOf(c).contacts as { fullName: string }[] | undefined) ?? []).map((p) => p.fullName)),
    );
    const onFetched = PAGES.filter((p) => fetched.has(base() + p.path))
      .flatMap((p) => p.people)
      .filter((p) => !submitted.has(p.fullName));
    const submit = (people: RealisticPerson[]) => ({
      name: 'submit_contacts',
      arguments: { contacts: people.map((p) => realisticSubmission(base(), p)) },
    });
    const forced = (request as { tool_choice?: { type?: string; function?: { name?: string } } }).tool_choice;
    if (forced && typeof forced === 'object' && forced.function?.name === 'submit_contacts') {
      return {
        toolCalls: [
          submit(incremental ? onFetched : PAGES.filter((p) => fetched.has(base() + p.path)).flatMap((p) => p.people)),
        ],
      };
    }
    if (!calls.some((c) => c.function.name === 'search_web')) {
      return {
        toolCalls: [
          'fintech heads of sales London',
          'site:northwind.example leadership team',
          'fintech "appoints" OR "joins as" sales director',
        ].map((query) => ({ name: 'search_web', arguments: { query } })),
      };
    }
    const next = PAGES.filter((p) => !fetched.has(base() + p.path))
      .slice(0, perTurn)
      .map((p) => ({ name: 'fetch_page', arguments: { url: base() + p.path } }));
    if (incremental) {
      const toolCalls = [...(onFetched.length ? [submit(onFetched)] : []), ...next];
      return {
        toolCalls: toolCalls.length
          ? toolCalls
          : [{ name: 'finish_research', arguments: { summary: 'Read every page found.' } }],
      };
    }
    if (next.length) return { toolCalls: next };
    return { toolCalls: [submit(PAGES.flatMap((p) => p.people))] };
  };
}

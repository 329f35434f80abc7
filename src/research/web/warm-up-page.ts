import type { SubmittedContact } from '../agent/tools/submit-contacts.tool.js';

/**
 * What a reading thread reads and verifies once when it starts, before any task needs it: a team
 * page shaped like the ones research reads (cards of people with titles and bios, a press note,
 * structured data), and people handed in from it. A thread's first pages otherwise ran on cold
 * code: the first research task after the app started read its first pages about ten times slower
 * than the next task did. Nothing of this is stored or shown.
 */
const FIRST = ['Amelia', 'Rajesh', 'Sofia', 'Daniel', 'Chloé', 'Marcus', 'Leila', 'Hannah', 'Tomasz', 'Oliver'];
const LAST = ['Hartwell', 'Varma', 'Lindqvist', 'Okoye', 'Marchand', 'Feld', 'Haddad', 'Whitaker', 'Nowak', 'Grant'];
const TITLES = ['Head of Sales', 'VP Partnerships', 'Chief Revenue Officer', 'Sales Director', 'Head of Growth'];

export const WARM_UP_URL = 'https://warm-up.invalid/team';

const people = Array.from({ length: 40 }, (_, i) => ({
  name: `${FIRST[i % FIRST.length]} ${LAST[(i * 3 + 1) % LAST.length]}`,
  title: TITLES[i % TITLES.length]!,
}));

export const WARM_UP_PAGE = `<!doctype html><html lang="en"><head><title>Our team — Example Pay</title>
<script type="application/ld+json">${JSON.stringify({
  '@context': 'https://schema.org',
  '@type': 'Organization',
  name: 'Example Pay',
  employee: people.slice(0, 5).map((p) => ({ '@type': 'Person', name: p.name, jobTitle: p.title })),
})}</script></head><body><header><nav><a href="/">Home</a> <a href="/about">About</a></nav></header>
<main><h1>Leadership team</h1>
${people
  .map(
    (p, i) => `<section class="card"><h3>${p.name}</h3><p class="role">${p.title}</p>
<p>${p.name.split(' ')[0]} joined Example Pay in ${2015 + (i % 9)} from a payments firm in London, where ${i % 2 ? 'she' : 'he'} was previously Head of Partnerships. Write to <a href="mailto:${p.name.split(' ')[0]!.toLowerCase()}@example.invalid">${p.name.split(' ')[0]!.toLowerCase()}@example.invalid</a>.</p></section>`,
  )
  .join('\n')}
<article><h2>Example Pay appoints ${people[0]!.name} as ${people[0]!.title}</h2>
<p>London — Example Pay today announced that ${people[0]!.name} joins as ${people[0]!.title}. "We are delighted," said ${people[1]!.name}, ${people[1]!.title}.</p></article>
</main><footer>© Example Pay</footer></body></html>`;

export const WARM_UP_SUBMISSION: SubmittedContact[] = people.slice(0, 3).map((p) => ({
  fullName: p.name,
  title: p.title,
  company: 'Example Pay',
  email: null,
  linkedinUrl: null,
  location: null,
  sources: [
    { url: WARM_UP_URL, quote: `${p.name} ${p.title}`, field: 'title' },
    { url: WARM_UP_URL, quote: 'Example Pay', field: 'company' },
  ],
}));

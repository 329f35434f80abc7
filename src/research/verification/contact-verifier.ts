import { canonicalLinkedInUrl } from '../../crm/contacts/linkedin-url.js';
import { foldText } from '../../crm/contacts/text-keys.js';
import { normalizeUrl, type PageStore } from '../agent/page-store.js';
import type { SubmittedContact } from '../agent/tools/submit-contacts.tool.js';
import type { EvidenceUnit, ReadPage } from '../web/page-reader.js';
import {
  findEmails,
  foldKeepingLength,
  maskLinks,
  phraseKey,
  phraseKeyWithOffsets,
  wordMatches,
} from '../web/page-text.js';
import {
  boundToMention,
  findName,
  nameTokens,
  personScope,
  preparePage,
  type PreparedPage,
} from './person-evidence.js';
import { authorityOf, domainMatchesCompany, siteOf, type SourceAuthority } from './source-authority.js';

/** The fields checked besides the name. */
const CHECKED_FIELDS = ['title', 'company', 'email', 'linkedinUrl', 'location'] as const;
type CheckedField = (typeof CHECKED_FIELDS)[number] | 'fullName';

export interface VerifiedSource {
  url: string;
  pageTitle: string | null;
  quote: string;
  field: CheckedField;
  /** The evidence unit the quote comes from. */
  unitId?: string;
  /** first-party: on the domain of the person's company; third-party otherwise. */
  authority: SourceAuthority;
  /** How many independent sites (registrable domains) show this fact for this person. */
  agreeingSites: number;
}

export interface VerifiedContact {
  fullName: string;
  title: string | null;
  company: string | null;
  email: string | null;
  emailStatus: 'found';
  linkedinUrl: string | null;
  location: string | null;
  sources: VerifiedSource[];
  /** No page on the company's own domain shows this person. */
  thirdPartyOnly: boolean;
}

export interface RejectedPerson {
  fullName: string;
  reason: string;
}

export interface DroppedFact {
  fullName: string;
  field: string;
  value: string;
  reason: string;
}

export interface VerificationReport {
  accepted: VerifiedContact[];
  rejected: RejectedPerson[];
  /** Facts left out because no page read in the task shows them for this person. */
  droppedFacts: DroppedFact[];
}

export interface VerificationOptions {
  /** Domains known to belong to the company researched (the brief's company, say). */
  companyDomains?: string[];
  /**
   * People who share a name are told apart by their company (enrichment weighs namesakes against
   * the known contact). Off by default: a second entry under the same name is "submitted twice",
   * which keeps a compromised model from pairing a real name with a second set of facts.
   */
  namesakesByCompany?: boolean;
}

/** Mailboxes of a role or a team, never a person's address. */
const ROLE_MAILBOXES = new Set(
  `info information contact contacts contactus hello hi hey sales support help helpdesk admin administrator office team press media pr news newsletter marketing careers career jobs job hr people recruiting recruitment talent billing accounts accounting invoices invoice finance legal privacy gdpr dpo security abuse postmaster webmaster hostmaster noreply no-reply donotreply do-not-reply investors investor ir partners partnerships partner events event enquiries enquiry inquiries inquiry general mail email service services customerservice customercare care feedback bookings booking reservations reception frontdesk studio hola kontakt vertrieb anfrage anfragen buero bureau ventas venda vendas contato contacto comercial atendimento presse redaktion ceo founders founder management board leadership sales-team all everyone staff orders order shop store`.split(
    /\s+/,
  ),
);

const REASONS = {
  notNamed: 'the name is not on any page read during the research',
  instructionOnly: 'named only on a page that gives instructions to AI agents',
  hiddenOnly: 'named only in hidden parts of a page (not shown to visitors)',
  exampleOnly: 'named only as an example, a placeholder or in a denial',
  tooMany: (n: number) => `more than the ${n} people asked for`,
  duplicate: 'submitted twice',
};

interface Located {
  prepared: PreparedPage;
  unit: EvidenceUnit;
  quote: string;
  site: string;
}

interface PageMentions {
  prepared: PreparedPage;
  /** Units that name the person and count (not instructions, examples or denials), with where the name is. */
  mentions: { unit: number; spans: { start: number; end: number }[] }[];
}

/** A page's preparation, kept while the page is: a task's hand-ins are verified against the same pages. */
const preparations = new WeakMap<ReadPage, PreparedPage>();
function preparedOnce(page: ReadPage): PreparedPage {
  let found = preparations.get(page);
  if (!found) preparations.set(page, (found = preparePage(page)));
  return found;
}

/**
 * Nothing invented and nothing misattributed is stored. A person must be named in visible text
 * that is neither an instruction to an agent, an example nor a denial. Each fact must be on a page
 * next to that person: in the same unit or card, or bound to the name by the page's structured
 * data; emails and LinkedIn links may also be matched to the person by their name. Past-tense,
 * example and denial sentences never support a current title or employer. Everything left out is
 * explained, per person and per fact.
 */
export function verifyContacts(
  submitted: SubmittedContact[],
  store: PageStore,
  maxContacts: number,
  options: VerificationOptions = {},
): VerificationReport {
  const prepared = store.pages().map(preparedOnce);
  const report: VerificationReport = { accepted: [], rejected: [], droppedFacts: [] };
  const allNames = submitted.map((c) => nameTokens(c.fullName)).filter((t) => t.length > 0);
  const seen = new Set<string>();

  for (const contact of submitted) {
    const fullName = contact.fullName.replace(/\s+/g, ' ').trim();
    const tokens = nameTokens(fullName);
    const companyKey = options.namesakesByCompany
      ? (contact.company ?? '').normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim()
      : '';
    const key = tokens.length ? `${tokens.join(' ')}|${companyKey}` : '';
    if (seen.has(key) && key) {
      report.rejected.push({ fullName, reason: REASONS.duplicate });
      continue;
    }
    seen.add(key);
    const otherNames = allNames.filter((t) => t.join(' ') !== tokens.join(' '));
    const cited = new Set(contact.sources.map((s) => normalizeUrl(s.url)));
    const pages = [...prepared].sort(
      (a, b) => Number(cited.has(normalizeUrl(b.page.url))) - Number(cited.has(normalizeUrl(a.page.url))),
    );
    const mentioned = pages.map((p) => mentionsOf(p, tokens)).filter((m) => m.mentions.length > 0);
    if (tokens.length < 2 && !tokens.some((t) => t.length >= 3)) mentioned.length = 0;
    if (mentioned.length === 0) {
      report.rejected.push({ fullName, reason: whyNotNamed(prepared, tokens) });
      continue;
    }
    const company = contact.company?.trim() || null;
    const authorityFor = (url: string) => authorityOf(url, company, options.companyDomains);
    const first = mentioned[0]!;
    const nameUnit = first.prepared.page.units[first.mentions[0]!.unit]!;
    const nameSource: VerifiedSource = {
      ...sourceFrom(
        {
          prepared: first.prepared,
          unit: nameUnit,
          quote: quoteOf(nameUnit.text),
          site: siteOf(first.prepared.page.url),
        },
        'fullName',
        contact,
        fullName,
      ),
      authority: authorityFor(first.prepared.page.url),
      agreeingSites: new Set(mentioned.map((m) => siteOf(m.prepared.page.url))).size,
    };
    const verified: VerifiedContact = {
      fullName,
      title: null,
      company: null,
      email: null,
      emailStatus: 'found',
      linkedinUrl: null,
      location: null,
      sources: [nameSource],
      thirdPartyOnly: true,
    };

    for (const field of CHECKED_FIELDS) {
      const value = contact[field]?.trim();
      if (!value) continue;
      const found: Located[] = [];
      let reason = '';
      for (const m of mentioned) {
        const outcome = supportOn(m, field, value, { tokens, otherNames, company });
        if ('located' in outcome) found.push(outcome.located);
        else if (!reason || outcome.priority > reasonPriority(reason)) reason = outcome.reason;
      }
      if (found.length === 0) {
        report.droppedFacts.push({ fullName, field, value, reason: reason || notOnAnyPage(prepared, field, value) });
        continue;
      }
      verified[field] = value;
      const best = found[0]!;
      verified.sources.push({
        ...sourceFrom(best, field, contact, value),
        authority: authorityFor(best.prepared.page.url),
        agreeingSites: new Set(found.map((f) => f.site)).size,
      });
    }
    // With the company known now, first-party pages can be told apart.
    for (const source of verified.sources)
      source.authority = authorityOf(source.url, verified.company ?? company, options.companyDomains);
    verified.thirdPartyOnly = !mentioned.some(
      (m) => authorityOf(m.prepared.page.url, verified.company ?? company, options.companyDomains) === 'first-party',
    );
    if (report.accepted.length >= maxContacts) {
      report.rejected.push({ fullName, reason: REASONS.tooMany(maxContacts) });
      continue;
    }
    report.accepted.push(verified);
  }
  return report;
}

function mentionsOf(prepared: PreparedPage, tokens: string[]): PageMentions {
  const mentions: PageMentions['mentions'] = [];
  prepared.page.units.forEach((unit, i) => {
    if (unit.instruction || unit.kind === 'structured') return;
    const spans = findName(prepared.foldedUnits[i]!, tokens);
    if (spans.length === 0) return;
    const markers = prepared.markersOf(i);
    if (markers.includes('example') || markers.includes('denial')) return;
    mentions.push({ unit: i, spans });
  });
  return { prepared, mentions };
}

function whyNotNamed(pages: PreparedPage[], tokens: string[]): string {
  let instruction = false;
  let example = false;
  let hidden = false;
  for (const p of pages) {
    p.page.units.forEach((unit, i) => {
      if (unit.kind === 'structured' || findName(p.foldedUnits[i]!, tokens, 1).length === 0) return;
      if (unit.instruction) instruction = true;
      else example = true;
    });
    if (!instruction && !example && findName(foldKeepingLength(p.page.allText), tokens, 1).length > 0) {
      hidden = true;
      if (p.page.hiddenInstructions) instruction = true;
    }
  }
  if (instruction) return REASONS.instructionOnly;
  if (example) return REASONS.exampleOnly;
  if (hidden) return REASONS.hiddenOnly;
  return REASONS.notNamed;
}

const REASON_ORDER = [
  'not on any page',
  'only in',
  'on a page but not',
  'next to another person',
  'past',
  'example',
  'mailbox',
  'domain',
];
const reasonPriority = (reason: string) => REASON_ORDER.findIndex((r) => reason.includes(r));

type Support = { located: Located } | { reason: string; priority: number };
const fail = (reason: string): Support => ({ reason, priority: reasonPriority(reason) });

interface Who {
  tokens: string[];
  otherNames: string[][];
  company: string | null;
}

/** Does this page show `value` as this person's `field`? */
function supportOn(m: PageMentions, field: (typeof CHECKED_FIELDS)[number], value: string, who: Who): Support {
  const { prepared } = m;
  const { page } = prepared;
  const site = siteOf(page.url);
  const isOther = (line: number) => {
    const l = page.lines[line]!;
    const folded = prepared.foldedLines[line]!;
    if (findName(folded, who.tokens, 1).length > 0) return false;
    if (l.nameLine) return true;
    return who.otherNames.some((t) => findName(folded, t, 1).length > 0);
  };
  // Every unit this person may draw facts from, with the person's own name spans in it.
  const scopeUnits = new Map<number, { start: number; end: number }[]>();
  for (const mention of m.mentions) {
    const unit = page.units[mention.unit]!;
    scopeUnits.set(mention.unit, mention.spans);
    const scope = personScope(prepared, unit.line, isOther);
    if (!scope.card) continue;
    for (let line = scope.from; line < scope.to; line += 1) {
      for (const u of prepared.unitsOfLine.get(line) ?? []) {
        const index = prepared.unitIndex.get(u.id)!;
        if (!scopeUnits.has(index)) scopeUnits.set(index, []);
      }
    }
  }
  const othersIn = (index: number) => who.otherNames.flatMap((t) => findName(prepared.foldedUnits[index]!, t));
  const usable = (index: number) => !page.units[index]!.instruction;
  const structured = page.people.filter((p) => p.name && findName(foldKeepingLength(p.name), who.tokens, 1).length > 0);

  if (field === 'email') return emailSupport(prepared, value, who, scopeUnits, othersIn, usable, structured, site);
  if (field === 'linkedinUrl') return linkedinSupport(prepared, value, who, scopeUnits, othersIn, site);

  const needle = phraseKey(value);
  if (needle.replace(/\s/g, '').length < 2) return fail('the value is too short to check');
  let reason = '';
  for (const [index, own] of scopeUnits) {
    if (!usable(index)) continue;
    const unit = page.units[index]!;
    const { key: masked, offsets } = phraseKeyWithOffsets(maskLinks(unit.text));
    // Hits as [start, end) in the unit's own text.
    // A title shared in the plural ("Inês & Rui — Co-founders") is each one's title.
    const forms = field === 'title' ? [needle, `${needle}s`, `${needle}es`] : [needle];
    const found = forms.flatMap((form) =>
      wordMatches(masked, form).map((h) => [offsets[h]!, offsets[h + form.length - 1]! + 1] as const),
    );
    if (found.length === 0) continue;
    const markers = prepared.markersOf(index);
    const past = prepared.pastOf(index);
    const hits = found.filter(([start]) => !past.some(([a, b]) => start >= a && start < b));
    if (hits.length === 0) {
      reason = 'shown only in a sentence about the past (former, previously…)';
      continue;
    }
    if (markers.includes('example') || markers.includes('denial')) {
      reason = 'shown only in an example or a denial';
      continue;
    }
    const others = othersIn(index);
    if (
      own.length > 0 &&
      hits.every(
        ([start, end]) =>
          !boundToMention(masked, unit.text, start, end, own, others, [
            foldKeepingLength(who.company ?? ''),
            ...(field === 'company' ? [foldKeepingLength(value)] : []),
          ]),
      )
    ) {
      reason = 'on a page but next to another person';
      continue;
    }
    if (own.length === 0 && others.length > 0) {
      reason = 'on a page but next to another person';
      continue;
    }
    return { located: { prepared, unit, quote: quoteOf(unit.text), site } };
  }
  // Structured data only corroborates: it never moves a value shown for someone else to this person.
  // A company's own team page names its people without repeating the company on every card.
  // In running prose, only when the sentence ties the person to no other organisation ("…, CEO of Partnerco").
  const publisherMention =
    field === 'company' && publisherMatches(page, value)
      ? m.mentions.find((mention) => {
          const unit = page.units[mention.unit]!;
          if (prepared.markersOf(mention.unit).length > 0) return false;
          if (['heading', 'item', 'row'].includes(unit.kind) || page.lines[unit.line]!.nameLine) return true;
          return !tiedToOtherOrganisation(unit.text, value) && othersIn(mention.unit).length === 0;
        })
      : undefined;
  if (publisherMention) {
    const unit = page.units[publisherMention.unit]!;
    return {
      located: { prepared, unit, quote: quoteOf(page.title ? `${page.title} — ${unit.text}` : unit.text), site },
    };
  }
  if (reason) return fail(reason);
  const anywhere = page.units.some(
    (u) => u.kind !== 'structured' && wordMatches(phraseKey(maskLinks(u.text)), needle, 1).length > 0,
  );
  return fail(anywhere ? 'on a page but not next to this person' : 'not on any page read that names this person');
}

/** "of/at/from/bei/chez/de <Capitalised words>" naming an organisation other than `company`. */
function tiedToOtherOrganisation(text: string, company: string): boolean {
  const own = foldText(company);
  for (const match of text.matchAll(
    /\b(?:of|at|from|with|for|bei|von|chez|de|del|da|do)\s+((?:[\p{Lu}][\p{L}&'’.-]*\s?){1,4})/gu,
  )) {
    const org = foldText(match[1]!.trim());
    if (org && !own.includes(org) && !org.includes(own.split(' ')[0] ?? own)) return true;
  }
  return false;
}

function publisherMatches(page: ReadPage, company: string): boolean {
  const key = foldText(company)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  if (!key) return false;
  const names = [page.siteName, ...page.title.split(/\s[|–—\-:·•]\s|\s[|–—·•]|[|–—·•]\s/)]
    .map((n) =>
      foldText(n)
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim(),
    )
    .filter(Boolean);
  const companyWords = key.split(' ');
  return (
    names.some((n) => n === key || n === companyWords[0] || (companyWords.length > 1 && n.startsWith(`${key} `))) ||
    domainMatchesCompany(page.url, company)
  );
}

function emailSupport(
  prepared: PreparedPage,
  value: string,
  who: Who,
  scopeUnits: Map<number, { start: number; end: number }[]>,
  othersIn: (index: number) => { start: number; end: number }[],
  usable: (index: number) => boolean,
  structured: ReadPage['people'],
  site: string,
): Support {
  const { page } = prepared;
  const email = value.trim().toLowerCase();
  const [local = '', domain = ''] = email.split('@');
  if (ROLE_MAILBOXES.has(local.replace(/[0-9]+$/, '')) || ROLE_MAILBOXES.has(local.split(/[._+-]/)[0] ?? ''))
    return fail("a role or team mailbox, not a person's address");
  // Where the address is visible: in a unit's text or behind a visible mailto: link on its line.
  const inUnit = (index: number): boolean => {
    const unit = page.units[index]!;
    if (unit.kind === 'structured') return false;
    if (findEmails(unit.text).some((e) => e.address === email)) return true;
    const line = page.lines[unit.line]!;
    return line.links.some(
      (l) => l.href === `mailto:${email}` && l.at >= unit.start - line.start && l.at <= unit.end - line.start + 1,
    );
  };
  const visible = page.units.findIndex((u, i) => !u.instruction && inUnit(i));
  if (visible < 0) {
    const anywhere = page.units.some((_, i) => inUnit(i));
    if (anywhere) return fail('only in text addressed to AI agents');
    return fail(
      structured.some((p) => p.email === email)
        ? "only in the page's structured data, not shown on the page"
        : 'not on any page read that names this person',
    );
  }
  const matchesName = localPartMatches(local, who.tokens);
  if (!matchesName && who.otherNames.some((t) => localPartMatches(local, t)))
    return fail("the address is another person's (its local part is their name)");
  const ownCardEmails = [...scopeUnits.keys()].flatMap((i) =>
    page.units[i]!.kind === 'structured' ? [] : findEmails(page.units[i]!.text).map((e) => e.address),
  );
  const related =
    matchesName ||
    siteOf(domain) === site ||
    domainMatchesCompany(domain, who.company) ||
    (page.url && domainMatchesCompany(page.url, domain.split('.')[0]));
  if (!related) return fail("the email domain belongs neither to the page's site nor to the company");
  for (const [index] of scopeUnits) {
    if (!usable(index) || !inUnit(index)) continue;
    const others = othersIn(index);
    if (others.length > 0 && !matchesName && !scopeUnits.get(index)!.length) continue;
    if (prepared.markersOf(index).includes('example') || prepared.markersOf(index).includes('denial')) continue;
    return { located: { prepared, unit: page.units[index]!, quote: quoteOf(page.units[index]!.text), site } };
  }
  if (matchesName && !ownCardEmails.some((e) => e !== email && !ROLE_MAILBOXES.has(e.split('@')[0]!)))
    return { located: { prepared, unit: page.units[visible]!, quote: quoteOf(page.units[visible]!.text), site } };
  return fail('on a page but not next to this person');
}

/** "jane.doe", "jdoe", "janed", "doe.jane", "jane" for Jane Doe. */
export function localPartMatches(local: string, tokens: string[]): boolean {
  if (tokens.length === 0) return false;
  const plain = (s: string) =>
    s
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
  const l = plain(local.split('+')[0] ?? '');
  const first = plain(tokens[0]!);
  const last = plain(tokens[tokens.length - 1]!);
  if (!l || !first) return false;
  const middle = tokens.slice(1, -1).map(plain).join('');
  const forms = new Set([
    first,
    last,
    first + last,
    first + middle + last,
    last + first,
    first[0]! + last,
    first + last[0]!,
    last + first[0]!,
    first[0]! + middle.slice(0, 1) + last,
  ]);
  return tokens.length > 1 ? forms.has(l) && l.length >= 3 : l === first;
}

function linkedinSupport(
  prepared: PreparedPage,
  value: string,
  who: Who,
  scopeUnits: Map<number, { start: number; end: number }[]>,
  othersIn: (index: number) => { start: number; end: number }[],
  site: string,
): Support {
  const { page } = prepared;
  const canonical = canonicalLinkedInUrl(value);
  if (!('url' in canonical)) return fail(`not a LinkedIn profile link (${canonical.error})`);
  const target = canonical.url;
  const isTarget = (href: string) => {
    const c = canonicalLinkedInUrl(href);
    return 'url' in c && c.url === target;
  };
  const holders: number[] = [];
  page.units.forEach((unit, i) => {
    if (unit.kind === 'structured' || unit.instruction) return;
    const line = page.lines[unit.line]!;
    const lineUnits = prepared.unitsOfLine.get(unit.line) ?? [];
    const last = lineUnits[lineUnits.length - 1] === unit;
    if (
      line.links.some(
        (l) => isTarget(l.href) && l.at >= unit.start - line.start && (l.at < unit.end - line.start || last),
      )
    )
      holders.push(i);
  });
  if (holders.length === 0)
    return fail(
      page.people.some((p) => p.linkedinUrl && isTarget(p.linkedinUrl))
        ? "only in the page's structured data, not linked on the page"
        : 'not linked from any page read that names this person',
    );
  const slug = decodeURIComponent(target.split('/').pop() ?? '').toLowerCase();
  const slugMatches = slugMatchesName(slug, who.tokens);
  for (const index of holders) {
    if (!scopeUnits.has(index)) continue;
    const others = othersIn(index);
    if (others.length > 0 && !slugMatches && !scopeUnits.get(index)!.length) continue;
    return { located: { prepared, unit: page.units[index]!, quote: target, site } };
  }
  // A name-like profile elsewhere on the page is not the person's when their own card links another one.
  const ownCardProfiles = [...scopeUnits.keys()].flatMap(
    (i) =>
      page.lines[page.units[i]!.line]?.links.filter(
        (l) => /linkedin\.com\/(in|pub)\//i.test(l.href) && !isTarget(l.href),
      ) ?? [],
  );
  if (slugMatches && ownCardProfiles.length === 0)
    return { located: { prepared, unit: page.units[holders[0]!]!, quote: target, site } };
  return fail('on a page but not next to this person');
}

/** "jane-doe-4b2a91", "janedoe", "jdoe" for Jane Doe. */
export function slugMatchesName(slug: string, tokens: string[]): boolean {
  const plain = (s: string) =>
    s
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
  const parts = slug
    .split(/[-_.]+/)
    .map(plain)
    .filter(Boolean);
  const joined = parts.join('');
  const first = plain(tokens[0] ?? '');
  const last = plain(tokens[tokens.length - 1] ?? '');
  if (!first || !last || tokens.length < 2) return false;
  return (
    (parts.includes(first) && parts.includes(last)) ||
    joined.startsWith(first + last) ||
    joined.startsWith(first[0]! + last) ||
    joined.startsWith(last + first)
  );
}

function notOnAnyPage(pages: PreparedPage[], field: string, value: string): string {
  void pages;
  void field;
  void value;
  return 'not on any page read that names this person';
}

function quoteOf(text: string): string {
  return text.length <= 300 ? text : `${text.slice(0, 297)}…`;
}

/** The model's own quote when it is in the unit found and shows the value; else the unit's text. */
function sourceFrom(
  located: Located,
  field: CheckedField,
  contact: SubmittedContact,
  value: string,
): Omit<VerifiedSource, 'authority' | 'agreeingSites'> {
  const { prepared, unit } = located;
  const own = contact.sources.find((s) => s.field === field && normalizeUrl(s.url) === normalizeUrl(prepared.page.url));
  let quote = located.quote;
  if (own && unit.kind !== 'structured') {
    const q = phraseKey(own.quote);
    if (q && phraseKey(unit.text).includes(q) && q.includes(phraseKey(value))) quote = own.quote.trim();
  }
  return { url: prepared.page.url, pageTitle: prepared.page.title || null, quote, field, unitId: unit.id };
}

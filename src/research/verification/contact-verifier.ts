import { canonicalLinkedInUrl } from '../../crm/contacts/linkedin-url.js';
import { foldText } from '../../crm/contacts/text-keys.js';
import type { PageStore } from '../agent/page-store.js';
import { normalizeUrl } from '../agent/page-store.js';
import type { SubmittedContact } from '../agent/tools/submit-contacts.tool.js';
import type { ReadPage } from '../web/page-reader.js';

/** The fields checked besides the name. */
const CHECKED_FIELDS = ['title', 'company', 'email', 'linkedinUrl', 'location'] as const;
type CheckedField = (typeof CHECKED_FIELDS)[number] | 'fullName';

export interface VerifiedSource {
  url: string;
  pageTitle: string | null;
  quote: string;
  field: CheckedField;
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
}

export interface VerificationReport {
  accepted: VerifiedContact[];
  rejected: { fullName: string; reason: string }[];
  /** Facts left out because no page read in the task shows them. */
  droppedFacts: { fullName: string; field: string; value: string }[];
}

/** One page as the verifier searches it: what a visitor sees, plus its links and structured data. */
interface Evidence {
  page: ReadPage;
  lines: string[];
  foldedLines: string[];
  emails: Set<string>;
  profiles: Set<string>;
}

function evidenceOf(page: ReadPage): Evidence {
  const structured = page.people.flatMap((p) => Object.entries(p).filter(([k]) => k !== 'format').map(([, v]) => String(v)));
  const lines = [...page.visibleText.split('\n'), ...structured];
  const emails = new Set([...page.emails, ...page.people.map((p) => p.email ?? '')].filter(Boolean).map((e) => e.toLowerCase()));
  for (const match of page.visibleText.matchAll(/[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[\p{L}]{2,}/gu)) emails.add(match[0].toLowerCase());
  const profiles = new Set(
    [...page.links, ...page.people.map((p) => p.linkedinUrl ?? '')]
      .map((l) => canonicalLinkedInUrl(l))
      .flatMap((r) => ('url' in r ? [r.url] : [])),
  );
  return { page, lines, foldedLines: lines.map(foldText), emails, profiles };
}

/** A line of the page showing `value` (case, accents and white space ignored), trimmed to a quote. */
function findQuote(evidence: Evidence, field: CheckedField, value: string): string | undefined {
  if (field === 'email') {
    const email = value.trim().toLowerCase();
    if (!evidence.emails.has(email)) return undefined;
    return evidence.lines.find((l) => l.toLowerCase().includes(email)) ?? `mailto:${email}`;
  }
  if (field === 'linkedinUrl') {
    const canonical = canonicalLinkedInUrl(value);
    return 'url' in canonical && evidence.profiles.has(canonical.url) ? canonical.url : undefined;
  }
  const needle = foldText(value);
  if (needle.length < 2) return undefined;
  const index = evidence.foldedLines.findIndex((line) => containsWords(line, needle));
  if (index < 0) return undefined;
  const line = evidence.lines[index]!;
  return line.length <= 300 ? line : `${line.slice(0, 297)}…`;
}

/** `needle` in `haystack` on word boundaries: "Ann" is not found in "Joanna". */
function containsWords(haystack: string, needle: string): boolean {
  let from = 0;
  for (;;) {
    const at = haystack.indexOf(needle, from);
    if (at < 0) return false;
    const before = at === 0 ? '' : haystack[at - 1]!;
    const after = haystack[at + needle.length] ?? '';
    if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) return true;
    from = at + 1;
  }
}

/**
 * Nothing invented is stored: a contact's name and every fact must appear on a page the agent
 * read in this task. Facts no page shows are dropped; a person no page names is rejected. Pages
 * that address the agent itself (prompt injection) are not evidence. The model's own citations are
 * tried first; any page read in the task may stand in.
 */
export function verifyContacts(submitted: SubmittedContact[], store: PageStore, maxContacts: number): VerificationReport {
  const evidence = store.pages().filter((p) => !p.addressesAgent).map(evidenceOf);
  const hostileOnly = store.pages().filter((p) => p.addressesAgent);
  const report: VerificationReport = { accepted: [], rejected: [], droppedFacts: [] };

  for (const contact of submitted) {
    const fullName = contact.fullName.replace(/\s+/g, ' ').trim();
    const cited = new Set(contact.sources.map((s) => normalizeUrl(s.url)));
    const ordered = [...evidence].sort((a, b) => Number(cited.has(normalizeUrl(b.page.url))) - Number(cited.has(normalizeUrl(a.page.url))));
    const support = (field: CheckedField, value: string): VerifiedSource | undefined => {
      const modelQuote = contact.sources.find((s) => s.field === field);
      for (const e of ordered) {
        const quote = findQuote(e, field, value);
        if (!quote) continue;
        // Keep the model's quote when it is really on that page and shows the value.
        const own = modelQuote && normalizeUrl(modelQuote.url) === normalizeUrl(e.page.url) && e.foldedLines.some((l) => l.includes(foldText(modelQuote.quote))) && foldText(modelQuote.quote).includes(foldText(value));
        return { url: e.page.url, pageTitle: e.page.title || null, quote: own ? modelQuote.quote.trim() : quote, field };
      }
      return undefined;
    };

    const nameSource = support('fullName', fullName);
    if (!nameSource) {
      const onlyHostile = hostileOnly.some((page) => containsWords(foldText(page.allText), foldText(fullName)));
      report.rejected.push({
        fullName,
        reason: onlyHostile ? 'named only on a page that gives instructions to AI agents' : 'the name is not on any page read during the research',
      });
      continue;
    }
    const verified: VerifiedContact = { fullName, title: null, company: null, email: null, emailStatus: 'found', linkedinUrl: null, location: null, sources: [nameSource] };
    for (const field of CHECKED_FIELDS) {
      const value = contact[field]?.trim();
      if (!value) continue;
      const source = support(field, value);
      if (!source) {
        report.droppedFacts.push({ fullName, field, value });
        continue;
      }
      verified[field] = value;
      verified.sources.push(source);
    }
    if (report.accepted.length >= maxContacts) {
      report.rejected.push({ fullName, reason: `more than the ${maxContacts} people asked for` });
      continue;
    }
    report.accepted.push(verified);
  }
  return report;
}

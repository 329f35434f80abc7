/** A person a page describes in machine-readable form. */
export interface StructuredPerson {
  format: 'json-ld' | 'microdata' | 'h-card';
  name?: string;
  jobTitle?: string;
  organization?: string;
  email?: string;
  telephone?: string;
  location?: string;
  linkedinUrl?: string;
  url?: string;
}

type Doc = { querySelectorAll(selector: string): ArrayLike<El> };
type El = {
  textContent: string | null;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<El>;
  closest?(selector: string): El | null;
};
/** Is an element inside markup a visitor does not see? */
type HiddenTest = (element: unknown) => boolean;
const MAX_RECORDS = 500;
const MAX_JSON_CHARS = 500_000;

const text = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value.trim() || undefined;
  if (Array.isArray(value)) return text(value[0]);
  if (value && typeof value === 'object' && 'name' in value) return text(value.name);
  return undefined;
};
const stripMailto = (v: string | undefined) =>
  v
    ?.replace(/^mailto:/i, '')
    .split('?')[0]
    ?.trim()
    .toLowerCase() || undefined;
const linkedinOf = (values: unknown): string | undefined => {
  const list = Array.isArray(values) ? values : [values];
  return list.find((v): v is string => typeof v === 'string' && /linkedin\.com\/(in|pub)\//i.test(v));
};

function fromJsonLd(node: Record<string, unknown>): StructuredPerson {
  const address = node.address as Record<string, unknown> | string | undefined;
  const location =
    typeof address === 'string'
      ? address
      : (text(address?.addressLocality) ?? text(address?.addressRegion) ?? text(address?.addressCountry));
  return {
    format: 'json-ld',
    name: text(node.name) ?? ([text(node.givenName), text(node.familyName)].filter(Boolean).join(' ') || undefined),
    jobTitle: text(node.jobTitle),
    organization: text(node.worksFor) ?? text(node.affiliation),
    email: stripMailto(text(node.email)),
    telephone: text(node.telephone),
    location,
    linkedinUrl: linkedinOf(node.sameAs) ?? linkedinOf(node.url),
    url: text(node.url),
  };
}

/** Every schema.org Person in JSON-LD, at any depth: @graph, arrays, employee/founder/member/author. */
function jsonLdPeople(document: Doc, hidden: HiddenTest): StructuredPerson[] {
  const people: StructuredPerson[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number) => {
    if (depth > 8 || value === null || typeof value !== 'object' || seen.has(value) || people.length >= MAX_RECORDS)
      return;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    const node = value as Record<string, unknown>;
    const types = ([] as unknown[]).concat(node['@type'] ?? []).map(String);
    if (types.some((t) => t === 'Person' || t.endsWith('/Person'))) people.push(fromJsonLd(node));
    for (const child of Object.values(node)) visit(child, depth + 1);
  };
  for (const script of Array.from(document.querySelectorAll('script[type="application/ld+json"]')).slice(0, 50)) {
    if (hidden(script)) continue;
    const json = script.textContent ?? '';
    if (json.length > MAX_JSON_CHARS) continue;
    try {
      visit(JSON.parse(json), 0);
    } catch {
      // malformed JSON-LD is common; skip it
    }
  }
  return people;
}

function propText(scope: El, selector: string): string | undefined {
  const element = scope.querySelectorAll(selector)[0];
  if (!element) return undefined;
  return (
    (
      element.getAttribute('content') ??
      element.getAttribute('href') ??
      element.getAttribute('value') ??
      element.textContent ??
      ''
    ).trim() || undefined
  );
}

function microdataPeople(document: Doc, hidden: HiddenTest): StructuredPerson[] {
  return Array.from(document.querySelectorAll('[itemscope][itemtype*="schema.org/Person"]'))
    .slice(0, MAX_RECORDS)
    .filter((scope) => !hidden(scope))
    .map((scope) => ({
      format: 'microdata' as const,
      name: (scope.querySelectorAll('[itemprop="name"]')[0]?.textContent ?? '').trim() || undefined,
      jobTitle: propText(scope, '[itemprop="jobTitle"]'),
      organization:
        propText(scope, '[itemprop="worksFor"] [itemprop="name"]') ?? propText(scope, '[itemprop="worksFor"]'),
      email: stripMailto(propText(scope, '[itemprop="email"]')),
      telephone: propText(scope, '[itemprop="telephone"]'),
      location: propText(scope, '[itemprop="addressLocality"]') ?? propText(scope, '[itemprop="address"]'),
      linkedinUrl:
        Array.from(scope.querySelectorAll('[itemprop="sameAs"], a[href*="linkedin.com"]'))
          .map((e) => e.getAttribute('href') ?? e.getAttribute('content'))
          .find((h) => h && /linkedin\.com\/(in|pub)\//i.test(h)) ?? undefined,
    }));
}

function hCardPeople(document: Doc, hidden: HiddenTest): StructuredPerson[] {
  return Array.from(document.querySelectorAll('.h-card, .vcard'))
    .slice(0, MAX_RECORDS)
    .filter((card) => !hidden(card))
    .map((card) => ({
      format: 'h-card' as const,
      name: propText(card, '.p-name, .fn'),
      jobTitle: propText(card, '.p-job-title, .title'),
      organization: propText(card, '.p-org, .org'),
      email: stripMailto(propText(card, '.u-email, .email')),
      telephone: propText(card, '.p-tel, .tel'),
      location: propText(card, '.p-locality, .locality'),
      linkedinUrl:
        Array.from(card.querySelectorAll('a[href*="linkedin.com"]'))
          .map((e) => e.getAttribute('href'))
          .find((h) => h && /linkedin\.com\/(in|pub)\//i.test(h)) ?? undefined,
    }));
}

/** People described in JSON-LD, microdata and h-card, with empty fields left out. */
export function readStructuredPeople(
  document: Doc,
  _pageUrl: string,
  hidden: HiddenTest = () => false,
): StructuredPerson[] {
  return [...jsonLdPeople(document, hidden), ...microdataPeople(document, hidden), ...hCardPeople(document, hidden)]
    .map((p) => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as unknown as StructuredPerson)
    .filter((p) => p.name);
}

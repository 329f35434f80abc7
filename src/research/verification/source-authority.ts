import { companyKey } from '../../crm/contacts/text-keys.js';

export type SourceAuthority = 'first-party' | 'third-party';

const SECOND_LEVEL = new Set([
  'co',
  'com',
  'org',
  'net',
  'ac',
  'gov',
  'edu',
  'ltd',
  'plc',
  'or',
  'ne',
  'go',
  'gob',
  'nic',
]);

/** The part of a host a company registers ("team.acme.co.uk" → "acme.co.uk"); IP addresses stand as they are. */
export function siteOf(hostOrUrl: string): string {
  let host = hostOrUrl.toLowerCase();
  try {
    if (host.includes('/')) host = new URL(hostOrUrl).hostname.toLowerCase();
  } catch {
    return host;
  }
  host = host.replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (/^[\d.]+$/.test(host) || host.includes(':')) return host;
  const labels = host.split('.');
  if (labels.length <= 2) return host;
  const take =
    labels.length >= 3 && SECOND_LEVEL.has(labels[labels.length - 2]!) && labels[labels.length - 1]!.length === 2
      ? 3
      : 2;
  return labels.slice(-take).join('.');
}

const squash = (value: string) =>
  value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');

/** Does a domain belong to a company of this name ("Ledgerly Ltd" ↔ ledgerly.example, "Acme Corp" ↔ acmecorp.com)? */
export function domainMatchesCompany(domainOrUrl: string, company: string | null | undefined): boolean {
  if (!company) return false;
  const key = companyKey(company);
  if (!key) return false;
  const site = siteOf(domainOrUrl);
  const label = squash(site.split('.')[0] ?? '');
  if (label.length < 3) return false;
  const whole = squash(key);
  const first = squash(key.split(' ')[0] ?? '');
  return (
    label === whole ||
    (whole.length >= 4 && label.includes(whole)) ||
    (first.length >= 4 && (label === first || label.startsWith(first))) ||
    (label.length >= 4 && whole.startsWith(label))
  );
}

/** First-party: the page is on the domain of the person's company (when the company is known). */
export function authorityOf(
  pageUrl: string,
  company: string | null | undefined,
  companyDomains: string[] = [],
): SourceAuthority {
  const site = siteOf(pageUrl);
  if (companyDomains.some((d) => siteOf(d) === site)) return 'first-party';
  return domainMatchesCompany(pageUrl, company) ? 'first-party' : 'third-party';
}

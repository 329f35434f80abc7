/**
 * LinkedIn profile URLs in one canonical form, so the same person is one key whatever link was
 * pasted: `https://www.linkedin.com/in/<slug>` (slug lower-cased, percent-encoded once).
 * Country and mobile hosts, query strings, fragments, trailing slashes and sub-pages are dropped.
 * Returns an error message for anything that is not a person's profile.
 */
export function canonicalLinkedInUrl(input: string): { url: string } | { error: string } {
  const raw = input.trim();
  if (!raw) return { error: 'is empty' };
  let parsed: URL;
  try {
    parsed = new URL(/^[a-z][a-z0-9+.-]*:(?!\d)/i.test(raw) ? raw : `https://${raw}`);
  } catch {
    return { error: 'is not a URL' };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return { error: 'must be an http(s) link' };
  const host = parsed.hostname.toLowerCase();
  if (host !== 'linkedin.com' && !host.endsWith('.linkedin.com')) return { error: 'is not a linkedin.com link' };
  const segments = parsed.pathname.split('/').filter(Boolean);
  const kind = segments[0]?.toLowerCase();
  if (kind === 'in' && segments[1]) {
    const slug = decodeSlug(segments[1]);
    if (!slug || !/^[\p{L}\p{N}][\p{L}\p{N}\-_.]{1,99}$/u.test(slug))
      return { error: 'has a profile name LinkedIn would not issue' };
    return { url: `https://www.linkedin.com/in/${encodeURIComponent(slug)}` };
  }
  if (kind === 'pub' && segments.length >= 2) {
    // Old public profile links: /pub/<name>/<a>/<b>/<c>.
    const parts = segments.slice(1, 5).map(decodeSlug);
    if (parts.some((p) => !p || !/^[\p{L}\p{N}\-_.]+$/u.test(p)))
      return { error: 'has a profile path LinkedIn would not issue' };
    return { url: `https://www.linkedin.com/pub/${parts.map((p) => encodeURIComponent(p!)).join('/')}` };
  }
  return { error: 'is not a LinkedIn profile link (expected linkedin.com/in/…)' };
}

function decodeSlug(segment: string): string | undefined {
  try {
    // NFKC, as for email addresses: a slug typed in full-width letters is the same profile.
    return decodeURIComponent(segment).normalize('NFKC').toLowerCase();
  } catch {
    return undefined;
  }
}

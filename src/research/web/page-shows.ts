import { canonicalLinkedInUrl } from '../../crm/contacts/linkedin-url.js';
import { foldText } from '../../crm/contacts/text-keys.js';
import type { ReadPage } from './page-reader.js';

/**
 * Which of `quotes` a page still shows, read as the verifier reads a page: what a visitor sees,
 * structured data, mailto addresses and links (LinkedIn ones in canonical form). A quote is the
 * page's own text, or (a company named by the page that publishes it) its title and the person's
 * line joined by " — ": then each part must still be there.
 */
export function pageShows(page: ReadPage, quotes: readonly string[]): boolean[] {
  const structured = page.people.flatMap((p) => Object.values(p).map(String));
  const profiles = page.links.map((l) => canonicalLinkedInUrl(l)).flatMap((r) => ('url' in r ? [r.url] : []));
  const text = foldText(
    [page.title, page.visibleText, ...structured, ...page.emails, ...page.links, ...profiles].join('\n'),
  );
  return quotes.map(
    (quote) =>
      text.includes(foldText(quote)) ||
      (quote.includes(' — ') && quote.split(' — ').every((part) => text.includes(foldText(part)))),
  );
}

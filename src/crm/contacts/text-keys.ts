/**
 * Keys derived from contact text: what search matches against and what duplicate checks compare.
 * Folding lower-cases, strips accents and collapses white space, so "José  GARCÍA" and
 * "jose garcia" fold alike.
 */
export function foldText(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Legal-form words that do not tell two companies apart ("Acme Inc." is "Acme"). */
const COMPANY_SUFFIXES = new Set([
  'inc',
  'incorporated',
  'ltd',
  'limited',
  'llc',
  'llp',
  'plc',
  'corp',
  'corporation',
  'co',
  'company',
  'gmbh',
  'ag',
  'sa',
  'sas',
  'sarl',
  'bv',
  'nv',
  'oy',
  'ab',
  'as',
  'aps',
  'srl',
  'spa',
  'pty',
  'kk',
]);

const wordsOf = (value: string): string[] =>
  foldText(value)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);

export function nameKey(fullName: string): string {
  return wordsOf(fullName).join(' ');
}

export function companyKey(company: string | null | undefined): string {
  if (!company) return '';
  const words = wordsOf(company);
  while (words.length > 1 && COMPANY_SUFFIXES.has(words[words.length - 1]!)) words.pop();
  return words.join(' ');
}

export function searchText(fields: {
  fullName: string;
  title?: string | null;
  company?: string | null;
  email?: string | null;
}): string {
  return [fields.fullName, fields.title, fields.company, fields.email]
    .filter((v): v is string => typeof v === 'string' && v.length > 0)
    .map(foldText)
    .join('\n');
}

/**
 * A search query as the terms that must all appear in `searchText`. LIKE's own wildcards (% and _)
 * and its escape character are term separators, so no input can widen a search.
 */
export function searchTerms(query: string, maxTerms = 8): string[] {
  return [
    ...new Set(
      foldText(query)
        .split(/[\s%_\\]+/)
        .filter(Boolean),
    ),
  ].slice(0, maxTerms);
}

/** The keys stored beside a contact's fields, from those fields: computed on every write. */
export function derivedKeys(c: {
  fullName: string;
  title?: string | null;
  company?: string | null;
  email?: string | null;
}): { nameKey: string; companyKey: string; searchText: string } {
  return { nameKey: nameKey(c.fullName), companyKey: companyKey(c.company), searchText: searchText(c) };
}

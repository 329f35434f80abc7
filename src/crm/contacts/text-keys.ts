import { asLatin } from '../../latin-look-alikes.js';

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

/**
 * How the keys below are made. Contacts store their keys with the version that made them; when the
 * making changes, this number goes up and contacts with older keys get them made again at start
 * (`rekeyContacts`), so that a changed rule applies to everyone, not only to contacts written since.
 * 1: dotted legal forms in company names ("S.A.", "K.K.") as one word; look-alike Cyrillic/Greek
 *    letters inside Latin words as Latin.
 */
export const KEYS_VERSION = 1;

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
  'kg',
  'sl',
]);

/**
 * A word with look-alike letters (Cyrillic and Greek twins of Latin ones…) read as Latin: "Jаne"
 * with a Cyrillic "а" is the same key as "Jane". Only words that also hold Latin letters — "Анна"
 * written in Cyrillic stays Cyrillic.
 */
function latinTwins(word: string): string {
  return /\p{Script=Latin}/u.test(word) ? asLatin(word) : word;
}

/** Dotted initials as one word: "s.a." is "sa", "k.k." is "kk" (legal forms; names keep "J. R." and "J.R." alike). */
const joinDottedInitials = (folded: string): string =>
  folded.replace(/(?<=(?:^|[^\p{L}])\p{L})\.(?=\p{L}(?:\.|[^\p{L}]|$))/gu, '');

const wordsOf = (value: string, dottedAsOne = false): string[] =>
  (dottedAsOne ? joinDottedInitials(foldText(value)) : foldText(value))
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
    .map(latinTwins);

export function nameKey(fullName: string): string {
  return wordsOf(fullName).join(' ');
}

export function companyKey(company: string | null | undefined): string {
  if (!company) return '';
  const words = wordsOf(company, true);
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
}): { nameKey: string; companyKey: string; searchText: string; keysVersion: number } {
  return {
    nameKey: nameKey(c.fullName),
    companyKey: companyKey(c.company),
    searchText: searchText(c),
    keysVersion: KEYS_VERSION,
  };
}

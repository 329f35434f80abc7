/**
 * Text helpers for reading pages, all linear in the input: no regular expression here can
 * backtrack over a long run (a page of 80,000 "A"s, or of "<<<<", costs one pass).
 */

/** Zero-width characters, bidi controls, soft hyphens and other format characters a reader never sees. */
/* eslint-disable no-misleading-character-class -- each escape is one invisible code point, listed on its own on purpose */
const INVISIBLE =
  /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]/g;
/* eslint-enable no-misleading-character-class */

/** What a reader sees: NFKC (full-width and ligature forms folded), invisible characters removed, spaces collapsed. */
export function normalizeVisible(text: string): string {
  return text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(/[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\r\n\f\v]+/g, ' ');
}

/**
 * Folds one character at a time, keeping the length: lower case, accents dropped. Positions in the
 * folded text are positions in the original, so a match can be cut out of the page as a quote.
 */
export function foldKeepingLength(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    const code = ch.charCodeAt(0);
    if (code < 128) {
      out += code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : ch;
      continue;
    }
    // Surrogate halves stay as they are (one position each).
    if (code >= 0xd800 && code <= 0xdfff) {
      out += ch;
      continue;
    }
    const base = ch
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase();
    out += base.length === 1 ? base : ch.toLowerCase().length === 1 ? ch.toLowerCase() : ch;
  }
  return out;
}

const WORD = /[\p{L}\p{N}]/u;
export const isWordChar = (ch: string | undefined): boolean => ch !== undefined && ch !== '' && WORD.test(ch);

/** Every start of `needle` in `haystack` on word boundaries ("ann" is not in "joanna"). Both folded. */
export function wordMatches(haystack: string, needle: string, limit = 50): number[] {
  const found: number[] = [];
  if (!needle) return found;
  let from = 0;
  while (found.length < limit) {
    const at = haystack.indexOf(needle, from);
    if (at < 0) break;
    if (!isWordChar(haystack[at - 1]) && !isWordChar(haystack[at + needle.length])) found.push(at);
    from = at + 1;
  }
  return found;
}

/**
 * Phrase search that ignores runs of spaces and punctuation between words: "vp  sales, emea" finds "VP Sales, EMEA".
 */
export function phraseKey(text: string): string {
  return foldKeepingLength(text)
    .replace(/[^\p{L}\p{N}@.]+/gu, ' ')
    .trim();
}

const LOCAL_CHARS = /[\p{L}\p{N}._%+\-']/u;
const DOMAIN_CHARS = /[\p{L}\p{N}.-]/u;

/**
 * Email addresses in text, found by walking out from each "@": linear (each character is looked at
 * a bounded number of times), where the old pattern was quadratic in the longest run without spaces.
 */
export function findEmails(text: string, max = 500): { address: string; start: number; end: number }[] {
  const found: { address: string; start: number; end: number }[] = [];
  let at = text.indexOf('@');
  while (at >= 0 && found.length < max) {
    let start = at;
    while (start > 0 && at - start < 64 && LOCAL_CHARS.test(text[start - 1]!)) start -= 1;
    let end = at + 1;
    while (end < text.length && end - at <= 253 && DOMAIN_CHARS.test(text[end]!)) end += 1;
    while (end > at + 1 && (text[end - 1] === '.' || text[end - 1] === '-')) end -= 1;
    while (start < at && (text[start] === '.' || text[start] === "'")) start += 1;
    const local = text.slice(start, at);
    const domain = text.slice(at + 1, end);
    const tld = domain.slice(domain.lastIndexOf('.') + 1);
    if (local && domain.includes('.') && /^\p{L}{2,}$/u.test(tld) && !domain.includes('..')) {
      found.push({ address: `${local}@${domain}`.toLowerCase(), start, end });
    }
    at = text.indexOf('@', Math.max(end, at + 1));
  }
  return found;
}

/** phraseKey with, for each character of the key, its position in the original text. */
export function phraseKeyWithOffsets(text: string): { key: string; offsets: number[] } {
  const folded = foldKeepingLength(text);
  let key = '';
  const offsets: number[] = [];
  let gap = true;
  for (let i = 0; i < folded.length; i += 1) {
    const ch = folded[i]!;
    if (/[\p{L}\p{N}@.]/u.test(ch)) {
      key += ch;
      offsets.push(i);
      gap = false;
    } else if (!gap) {
      key += ' ';
      offsets.push(i);
      gap = true;
    }
  }
  return { key, offsets };
}

/** Ranges of URLs and email addresses, to be blanked before titles and companies are matched. */
export function maskLinks(text: string): string {
  let out = text;
  for (const email of findEmails(text))
    out = out.slice(0, email.start) + ' '.repeat(email.end - email.start) + out.slice(email.end);
  return out.replace(/\b(?:https?:\/\/|www\.)[^\s]{1,2000}/gi, (m) => ' '.repeat(m.length));
}

const ABBREVIATIONS = new Set([
  'dr',
  'mr',
  'mrs',
  'ms',
  'prof',
  'inc',
  'ltd',
  'co',
  'corp',
  'st',
  'jr',
  'sr',
  'vs',
  'etc',
  'no',
  'nr',
  'bzw',
  'ca',
  'mme',
  'mlle',
  'sra',
  'sr',
  'dra',
  'eng',
  'ing',
  'mag',
  'dipl',
]);

/** Sentence spans in one line: split after . ! ? (not after abbreviations or initials) and after 。！？. */
export function sentenceSpans(line: string, maxLength = 1500): [number, number][] {
  const spans: [number, number][] = [];
  let start = 0;
  const push = (end: number) => {
    while (end - start > maxLength) {
      spans.push([start, start + maxLength]);
      start += maxLength;
    }
    if (line.slice(start, end).trim()) spans.push([start, end]);
    start = end;
  };
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i]!;
    if (ch === '。' || ch === '！' || ch === '？') {
      push(i + 1);
      continue;
    }
    if ((ch === '.' || ch === '!' || ch === '?' || ch === ';') && line[i + 1] === ' ') {
      const next = line[i + 2] ?? '';
      if (ch === '.') {
        // The word before the dot: an abbreviation, an initial ("Jane A. Doe") or "e.g." does not end a sentence.
        let w = i;
        while (w > 0 && i - w < 30 && /[\p{L}.]/u.test(line[w - 1]!)) w -= 1;
        const word = line.slice(w, i).toLowerCase();
        if (word.length <= 1 || ABBREVIATIONS.has(word) || word.includes('.')) continue;
        if (!/[\p{Lu}\p{N}"“‘'([¿¡]/u.test(next)) continue;
      }
      push(i + 1);
    }
  }
  push(line.length);
  return spans;
}

/** A bounded decodeURIComponent: malformed escapes (`%E0%A4%A`) give undefined, never an exception. */
export function safeDecodeUri(value: string): string | undefined {
  try {
    return decodeURIComponent(value.slice(0, 2000));
  } catch {
    return undefined;
  }
}

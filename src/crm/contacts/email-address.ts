import { domainToASCII, domainToUnicode } from 'node:url';
import { z } from 'zod';

/**
 * Scripts a letter can belong to, for the mixed-script check. A letter outside them counts as its
 * own "other" script. Han, Hiragana, Katakana, Hangul and Bopomofo mix with Latin and each other
 * as Japanese, Chinese and Korean writing do (UTS #39 §5.2 "Highly Restrictive").
 */
const SCRIPTS = [
  'Latin',
  'Cyrillic',
  'Greek',
  'Armenian',
  'Georgian',
  'Cherokee',
  'Coptic',
  'Arabic',
  'Hebrew',
  'Thai',
  'Devanagari',
  'Bengali',
  'Tamil',
  'Han',
  'Hiragana',
  'Katakana',
  'Hangul',
  'Bopomofo',
] as const;
const SCRIPT_PATTERNS = SCRIPTS.map((name) => [name, new RegExp(`\\p{Script=${name}}`, 'u')] as const);
const CJK = new Set(['Han', 'Hiragana', 'Katakana', 'Hangul', 'Bopomofo', 'Latin']);

function scriptOf(letter: string): string {
  return SCRIPT_PATTERNS.find(([, pattern]) => pattern.test(letter))?.[0] ?? 'Other';
}

/** Whether a piece of an address (the local part, one domain label) mixes scripts, as look-alikes do. */
export function mixesScripts(text: string): boolean {
  const scripts = new Set([...text].filter((c) => /\p{L}/u.test(c)).map(scriptOf));
  if (scripts.size <= 1) return false;
  return ![...scripts].every((s) => CJK.has(s));
}

/**
 * Cyrillic letters that look like Latin ones (UTS #39 confusables): a label written only with them
 * ("аррӏе", Cyrillic throughout) passes the mixed-script check yet reads as a Latin word.
 */
const CYRILLIC_LOOKING_LATIN = new Set([...'аеорсухіјѕԁԛԝһӏԍʏүвкмнт'].filter((c) => /\p{Script=Cyrillic}/u.test(c)));

/**
 * Whether a piece of an address is a whole-script look-alike: Cyrillic letters only, every one of
 * them shaped like a Latin letter (with at least one letter that has no Latin twin, "пример" is
 * plainly Cyrillic and passes).
 */
export function looksLatinButIsCyrillic(text: string): boolean {
  const letters = [...text].filter((c) => /\p{L}/u.test(c));
  return letters.length > 0 && letters.every((c) => CYRILLIC_LOOKING_LATIN.has(c));
}

/**
 * The domain in one form whether it was typed in Unicode or in punycode (exämple.com and
 * xn--exmple-cua.com are the same domain): read through its ASCII form (UTS #46, node's
 * `url.domainToASCII`) and stored in its Unicode form, readable and the same for both, so that
 * duplicates match. A domain that has no ASCII form is left as typed (the pattern refuses it).
 */
function oneFormOfDomain(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 0) return address;
  const domain = address.slice(at + 1);
  // Only what could be a domain is converted: domainToASCII would also decode "%41" and the like,
  // turning a malformed address into a valid one. Anything else is left for the pattern to refuse.
  if (!/^[\p{L}\p{N}\p{M}.-]+$/u.test(domain)) return address;
  const ascii = domainToASCII(domain);
  const unicode = ascii ? domainToUnicode(ascii) : '';
  return unicode ? `${address.slice(0, at)}@${unicode}` : address;
}

/** The longest address, in characters (RFC 5321's path limit less the angle brackets). */
export const EMAIL_MAX_CHARS = 254;

/**
 * An email address: NFKC-normalized first (full-width ｊａｎｅ＠ｅｘａｍｐｌｅ．ｃｏｍ and other
 * compatibility forms become jane@example.com), trimmed and lower-cased; letters of every script
 * allowed (søren@firma.dk, 李@例子.中国) — but the local part and each domain label must keep to
 * one script, so a Cyrillic "а" inside a Latin "jane@exаmple.com" is refused rather than becoming
 * a second contact that looks the same; so is a part written wholly in Cyrillic letters shaped like
 * Latin ones ("аррӏе.com"). The domain is kept in one form, Unicode or punycode as typed
 * (josé@xn--exmple-cua.com is josé@exämple.com).
 */
export const emailAddress = z
  .string()
  .max(1000, `must be at most ${EMAIL_MAX_CHARS} characters`)
  .transform((v) => oneFormOfDomain(v.normalize('NFKC').trim().toLowerCase()))
  // zod's default address pattern, widened to letters of every script.
  .pipe(
    z
      .string()
      .max(EMAIL_MAX_CHARS, `must be at most ${EMAIL_MAX_CHARS} characters`)
      .pipe(
        z.email({
          pattern: /^(?!\.)(?!.*\.\.)([\p{L}\p{N}_'+\-.]*)[\p{L}\p{N}_+-]@([\p{L}\p{N}][\p{L}\p{N}-]*\.)+\p{L}{2,}$/u,
          error: 'must be an email address such as jane@example.com',
        }),
      ),
  )
  .refine((v) => {
    const [local = '', domain = ''] = v.split('@');
    return !mixesScripts(local) && !domain.split('.').some(mixesScripts);
  }, 'mixes letters of different scripts (such as a Cyrillic "а" among Latin letters): type the address again')
  .refine((v) => {
    const [local = '', domain = ''] = v.split('@');
    return !looksLatinButIsCyrillic(local) && !domain.split('.').some(looksLatinButIsCyrillic);
  }, 'is written in Cyrillic letters that look like Latin ones (such as "аррӏе" for "apple"), a look-alike: type the address again');

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
 * Letters of other scripts that look like Latin ones (UTS #39 confusables): a label written only
 * with them — "аррӏе" (Cyrillic throughout), "νινο" (Greek throughout) — passes the mixed-script
 * check yet reads as a Latin word.
 */
const LATIN_LOOKALIKES: Record<string, Set<string>> = {
  Cyrillic: new Set([...'аеорсухіјѕԁԛԝһӏԍʏүвкмнт'].filter((c) => /\p{Script=Cyrillic}/u.test(c))),
  Greek: new Set([...'αικνορυχγ'].filter((c) => /\p{Script=Greek}/u.test(c))),
};

/**
 * Whether a piece of an address is a whole-script look-alike: the letters of one such script only,
 * every one of them shaped like a Latin letter (with at least one letter that has no Latin twin,
 * "пример" or "ελλάδα" is plainly Cyrillic or Greek and passes).
 */
export function looksLatinButIsNot(text: string): boolean {
  const letters = [...text].filter((c) => /\p{L}/u.test(c));
  return letters.length > 0 && Object.values(LATIN_LOOKALIKES).some((twins) => letters.every((c) => twins.has(c)));
}

/**
 * A punycode label ("xn--…") that decodes to plain ASCII is no valid IDN label ("xn--google-" is not
 * "google"): such a domain is not converted, and the address is refused.
 */
function fakePunycode(asciiDomain: string): boolean {
  return asciiDomain.split('.').some((label) => label.startsWith('xn--') && /^[ -~]*$/.test(domainToUnicode(label)));
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
  if (!ascii || fakePunycode(ascii)) return address;
  const unicode = domainToUnicode(ascii);
  return unicode ? `${address.slice(0, at)}@${unicode}` : address;
}

/** The longest address, in characters (RFC 5321's path limit less the angle brackets). */
export const EMAIL_MAX_CHARS = 254;

/**
 * An email address: NFKC-normalized first (full-width ｊａｎｅ＠ｅｘａｍｐｌｅ．ｃｏｍ and other
 * compatibility forms become jane@example.com), trimmed and lower-cased; letters of every script
 * allowed (søren@firma.dk, 李@例子.中国) — but the local part and each domain label must keep to
 * one script, so a Cyrillic "а" inside a Latin "jane@exаmple.com" is refused rather than becoming
 * a second contact that looks the same; so is a part written wholly in Cyrillic or Greek letters
 * shaped like Latin ones ("аррӏе.com", "νινο.com"). The domain is kept in one form, Unicode or
 * punycode as typed (josé@xn--exmple-cua.com is josé@exämple.com); a punycode label that is not
 * valid ("xn--google-") is refused.
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
          // Letters with their marks: Devanagari, Bengali or Thai vowel signs are part of the word.
          pattern:
            /^(?!\.)(?!.*\.\.)([\p{L}\p{M}\p{N}_'+\-.]*)[\p{L}\p{M}\p{N}_+-]@([\p{L}\p{N}][\p{L}\p{M}\p{N}-]*\.)+\p{L}[\p{L}\p{M}]+$/u,
          error: 'must be an email address such as jane@example.com',
        }),
      ),
  )
  // Marks are allowed for the scripts whose words need them (Devanagari vowel signs…); on a Latin,
  // Greek or Cyrillic letter a mark that NFKC did not fold into the letter ("pa̲ypal") only disguises it.
  .refine(
    (v) => !/[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]\p{M}/u.test(v),
    'has a mark over or under a letter that is not part of the letter (such as "a̲"): type the address again',
  )
  .refine((v) => {
    const [local = '', domain = ''] = v.split('@');
    return !mixesScripts(local) && !domain.split('.').some(mixesScripts);
  }, 'mixes letters of different scripts (such as a Cyrillic "а" among Latin letters): type the address again')
  .refine((v) => {
    const [local = '', domain = ''] = v.split('@');
    return !looksLatinButIsNot(local) && !domain.split('.').some(looksLatinButIsNot);
  }, 'is written in Cyrillic or Greek letters that look like Latin ones (such as "аррӏе" for "apple"), a look-alike: type the address again')
  .refine(
    (v) =>
      !v
        .split('@')[1]
        ?.split('.')
        .some((label) => label.startsWith('xn--')),
    'has a domain label that is not valid punycode ("xn--…"): type the domain as it is written',
  );

import { z } from 'zod';

/**
 * Scripts a letter can belong to, for the mixed-script check. A letter outside them counts as its
 * own "other" script. Han, Hiragana, Katakana, Hangul and Bopomofo mix with Latin and each other
 * as Japanese, Chinese and Korean writing do (UTS #39 §5.2 "Highly Restrictive").
 */
const SCRIPTS = [
  'Latin', 'Cyrillic', 'Greek', 'Armenian', 'Georgian', 'Cherokee', 'Coptic', 'Arabic', 'Hebrew', 'Thai', 'Devanagari', 'Bengali', 'Tamil',
  'Han', 'Hiragana', 'Katakana', 'Hangul', 'Bopomofo',
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
 * An email address: NFKC-normalized first (full-width ｊａｎｅ＠ｅｘａｍｐｌｅ．ｃｏｍ and other
 * compatibility forms become jane@example.com), trimmed and lower-cased; letters of every script
 * allowed (søren@firma.dk, 李@例子.中国) — but the local part and each domain label must keep to
 * one script, so a Cyrillic "а" inside a Latin "jane@exаmple.com" is refused rather than becoming
 * a second contact that looks the same.
 */
/** The longest address, in characters (RFC 5321's path limit less the angle brackets). */
export const EMAIL_MAX_CHARS = 254;

export const emailAddress = z
  .string()
  .max(1000, `must be at most ${EMAIL_MAX_CHARS} characters`)
  .transform((v) => v.normalize('NFKC').trim().toLowerCase())
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
  }, 'mixes letters of different scripts (such as a Cyrillic "а" among Latin letters): type the address again');

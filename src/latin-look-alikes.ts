/**
 * Letters that look like Latin ones — Cyrillic and Greek twins (UTS #39 confusables) and a few
 * Latin and symbol forms (ı, ℓ, ɡ) — as the Latin letter. Used to see through look-alikes: in text
 * read for orders to an AI agent, and in the keys that find likely duplicates.
 */
export const LATIN_LOOK_ALIKES: Readonly<Record<string, string>> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  і: 'i',
  ї: 'i',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  ɡ: 'g',
  α: 'a',
  β: 'b',
  ε: 'e',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ı: 'i',
  ℓ: 'l',
};

const LOOK_ALIKE = new RegExp(`[${Object.keys(LATIN_LOOK_ALIKES).join('')}]`, 'gu');

/** `text` with each look-alike letter replaced by the Latin letter it imitates; everything else as it was. */
export function asLatin(text: string): string {
  return text.replace(LOOK_ALIKE, (c) => LATIN_LOOK_ALIKES[c] ?? c);
}

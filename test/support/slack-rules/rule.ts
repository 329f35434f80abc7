/**
 * Shared pieces of the fake Slack's rules. Every rule module checks one kind of thing Slack
 * documents (a block, an element, a view, a message, a response_url payload) and returns the
 * problems it found as strings; an empty list means Slack would accept it. Each check carries the
 * URL of the reference page it comes from.
 */
export type Json = Record<string, unknown>;
export type Problems = string[];

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Characters as Slack's limits count them (the docs' "characters": UTF-16 code units, as JavaScript counts). */
export const length = (text: string): number => text.length;

/** A UTF-16 code unit that is half of a surrogate pair without its other half: not valid text. */
export function hasLoneSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i += 1;
      else return true;
    } else if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}

/**
 * Every string anywhere in a payload must be well-formed Unicode: a lone surrogate cannot be
 * encoded as UTF-8, so Slack (which reads JSON as UTF-8, https://docs.slack.dev/apis/web-api/#posting_json)
 * cannot read it.
 */
export function loneSurrogateProblems(value: unknown, at = 'payload'): Problems {
  if (typeof value === 'string') return hasLoneSurrogate(value) ? [`${at}: lone surrogate (broken emoji) in text`] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => loneSurrogateProblems(v, `${at}[${i}]`));
  if (isObject(value)) return Object.entries(value).flatMap(([k, v]) => loneSurrogateProblems(v, `${at}.${k}`));
  return [];
}

export function maxLength(value: unknown, max: number, at: string): Problems {
  return typeof value === 'string' && length(value) > max
    ? [`${at}: longer than ${max} characters (${length(value)})`]
    : [];
}

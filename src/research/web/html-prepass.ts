/**
 * One linear pass over raw HTML before it is parsed, so that no page can make parsing slow:
 * comments, scripts (JSON-LD aside) and SVG are cut out, a "<" that starts no tag becomes text,
 * nesting deeper than a limit is flattened (its text kept), and the result is capped in size.
 * The parser then sees ordinary markup of bounded depth and length.
 */

const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
/** Elements whose end tag is optional: they do not add to the counted depth. */
const OPTIONAL_END = new Set([
  'p',
  'li',
  'dt',
  'dd',
  'tr',
  'td',
  'th',
  'option',
  'optgroup',
  'tbody',
  'thead',
  'tfoot',
  'colgroup',
  'rb',
  'rt',
  'rp',
  'html',
  'head',
  'body',
]);
const DROPPED_WITH_CONTENT = new Set(['script', 'svg', 'math', 'iframe', 'object', 'canvas']);
const RAW_TEXT = new Set(['style', 'textarea', 'title', 'xmp', 'noscript', 'template']);

export interface PrepassLimits {
  maxOutputChars: number;
  maxDepth: number;
  maxTagChars: number;
}

export const PREPASS_LIMITS: PrepassLimits = { maxOutputChars: 1_500_000, maxDepth: 200, maxTagChars: 8_000 };

export function prepareHtml(html: string, limits: PrepassLimits = PREPASS_LIMITS): { html: string; capped: boolean } {
  const lower = html.toLowerCase();
  const out: string[] = [];
  let size = 0;
  let capped = false;
  let depth = 0;
  let i = 0;
  let textFrom = 0;
  const emit = (chunk: string) => {
    if (size >= limits.maxOutputChars) {
      capped = true;
      return;
    }
    const room = limits.maxOutputChars - size;
    const piece = chunk.length > room ? chunk.slice(0, room) : chunk;
    if (piece.length < chunk.length) capped = true;
    out.push(piece);
    size += piece.length;
  };
  const flushText = (to: number) => {
    if (to > textFrom) emit(html.slice(textFrom, to));
  };
  /** The end of a tag starting at `from` ("<" or "</"), quotes respected, or -1 if none within bounds. */
  const tagEnd = (from: number): number => {
    let quote = '';
    const limit = Math.min(html.length, from + limits.maxTagChars);
    for (let k = from; k < limit; k += 1) {
      const ch = html[k]!;
      if (quote) {
        if (ch === quote) quote = '';
      } else if (ch === '"' || ch === "'") {
        // Only a quote that opens an attribute value counts (after "=").
        if (html[k - 1] === '=' || (html[k - 1] === ' ' && html[k - 2] === '=')) quote = ch;
      } else if (ch === '>') {
        return k;
      } else if (ch === '<') {
        // Another tag starts first: this "<" began none (and no scan runs over the same text twice).
        return -1;
      }
    }
    return -1;
  };

  while (i < html.length && !capped) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    const next = html[lt + 1] ?? '';
    if (html.startsWith('<!--', lt)) {
      flushText(lt);
      const close = html.indexOf('-->', lt + 4);
      i = close < 0 ? html.length : close + 3;
      textFrom = i;
      continue;
    }
    if (next === '!' || next === '?') {
      flushText(lt);
      const close = html.indexOf('>', lt + 2);
      if (close >= 0 && lower.startsWith('<!doctype', lt)) emit(html.slice(lt, close + 1));
      i = close < 0 ? html.length : close + 1;
      textFrom = i;
      continue;
    }
    const closing = next === '/';
    const nameStart = closing ? lt + 2 : lt + 1;
    let nameEnd = nameStart;
    while (nameEnd < html.length && nameEnd - nameStart < 40 && /[a-zA-Z0-9:-]/.test(html[nameEnd]!)) nameEnd += 1;
    const end = nameEnd > nameStart && /[a-zA-Z]/.test(html[nameStart]!) ? tagEnd(nameEnd) : -1;
    if (end < 0) {
      // Not a tag: the "<" is text.
      flushText(lt);
      emit('\uFF1C');
      i = lt + 1;
      textFrom = i;
      continue;
    }
    flushText(lt);
    const name = lower.slice(nameStart, nameEnd);
    const tag = html.slice(lt, end + 1);
    i = end + 1;
    textFrom = i;
    if (closing) {
      if (VOID.has(name) || OPTIONAL_END.has(name)) {
        emit(tag);
        continue;
      }
      if (depth <= limits.maxDepth) emit(tag);
      depth = Math.max(0, depth - 1);
      continue;
    }
    if (DROPPED_WITH_CONTENT.has(name) || RAW_TEXT.has(name)) {
      const closeAt = lower.indexOf(`</${name}`, i);
      const closeEnd = closeAt < 0 ? -1 : html.indexOf('>', closeAt);
      const after = closeEnd < 0 ? html.length : closeEnd + 1;
      const keep = !DROPPED_WITH_CONTENT.has(name) || (name === 'script' && /application\/ld\+json/i.test(tag));
      if (keep && !tag.endsWith('/>')) emit(`${tag}${html.slice(i, closeAt < 0 ? html.length : closeAt)}</${name}>`);
      i = after;
      textFrom = i;
      continue;
    }
    if (VOID.has(name) || OPTIONAL_END.has(name) || tag.endsWith('/>')) {
      emit(tag);
      continue;
    }
    depth += 1;
    if (depth <= limits.maxDepth) emit(tag);
  }
  if (!capped) flushText(html.length);
  let result = out.join('');
  if (!/<html[\s>]/i.test(result.slice(0, 5_000)) && !/<body[\s>]/i.test(result.slice(0, 20_000)))
    result = `<html><body>${result}</body></html>`;
  return { html: result, capped };
}

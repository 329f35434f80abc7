/**
 * What a visitor does not see, and so what is never evidence: elements hidden by attribute, by
 * inline style or by a simple style-sheet rule, by a common hiding class, and everything in
 * <head>, comments, <template>, <noscript>, scripts and embedded objects. Screen-reader-only text
 * (`sr-only`, `visually-hidden`, the clip technique) counts as visible: it is read out to people.
 */

export const SKIPPED_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'SVG',
  'CANVAS',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'HEAD',
  'TITLE',
  'META',
  'LINK',
  'INPUT',
  'MATH',
  'AUDIO',
  'VIDEO',
  'MAP',
]);

/** Class names front-end frameworks use to hide an element (not screen-reader-only ones). */
const HIDING_CLASSES = new Set([
  'hidden',
  'hide',
  'd-none',
  'is-hidden',
  'invisible',
  'display-none',
  'u-hidden',
  'u-hide',
  'js-hidden',
  'no-display',
  'visually-hidden-focusable-never',
  'ng-hide',
  'x-cloak',
  'v-cloak',
]);

export interface ElementLike {
  nodeName: string;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
}

/** Does a CSS declaration block hide what it applies to? Declarations are lower case without spaces. */
export function declarationsHide(raw: string): boolean {
  const style = raw
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/!important/g, '');
  const decl = new Map<string, string>();
  for (const part of style.split(';')) {
    const colon = part.indexOf(':');
    if (colon > 0) decl.set(part.slice(0, colon), part.slice(colon + 1));
  }
  const get = (k: string) => decl.get(k) ?? '';
  if (
    get('display') === 'none' ||
    /^(hidden|collapse)$/.test(get('visibility')) ||
    get('content-visibility') === 'hidden'
  )
    return true;
  if (/^(0|0?\.0+|0%)$/.test(get('opacity'))) return true;
  if (/^0(px|em|rem|%|pt|vw|vh)?$/.test(get('font-size'))) return true;
  if (/^(transparent|rgba\([^)]*,0(\.0+)?\))$/.test(get('color'))) return true;
  const clipsOverflow = /hidden|clip/.test(get('overflow'));
  const zero = (k: string) => /^0(px|em|rem|%)?$/.test(get(k));
  if (clipsOverflow && (zero('width') || zero('height') || zero('max-height') || zero('max-width'))) return true;
  if (/scale\(0(\.0+)?(,0(\.0+)?)?\)|scale[xy]\(0\)/.test(get('transform'))) return true;
  const far = (k: string) =>
    /^-\d{3,}(\.\d+)?(px|em|rem|vw|vh|%)$/.test(get(k)) &&
    Math.abs(parseFloat(get(k))) >= (get(k).endsWith('px') ? 500 : 50);
  if (
    /absolute|fixed/.test(get('position')) &&
    (far('left') || far('top') || far('right') || far('bottom') || far('margin-left') || far('margin-top'))
  )
    return true;
  if (far('text-indent')) return true;
  const background = get('background-color') || get('background');
  if (get('color') && background && get('color') === background) return true;
  if (/^(0|0px)$/.test(get('line-height')) && clipsOverflow) return true;
  return false;
}

/**
 * Simple selectors (`.note`, `#x`, `p.note`, `aside`) whose style-sheet rules hide them. Combinators and at-rules are
 * left alone.
 */
export function hiddenSelectors(styleSheets: string[]): {
  classes: Set<string>;
  ids: Set<string>;
  tags: Set<string>;
  blockClasses: Set<string>;
  blockTags: Set<string>;
} {
  const result = {
    classes: new Set<string>(),
    ids: new Set<string>(),
    tags: new Set<string>(),
    blockClasses: new Set<string>(),
    blockTags: new Set<string>(),
  };
  let budget = 400_000;
  for (const sheet of styleSheets) {
    const text = withoutComments(sheet.slice(0, budget));
    budget -= text.length;
    for (const rule of text.split('}')) {
      const brace = rule.indexOf('{');
      if (brace < 0) continue;
      const selectors = rule.slice(0, brace);
      const body = rule.slice(brace + 1);
      if (selectors.includes('@') || body.includes('{')) continue;
      if (/display\s*:\s*(block|flex|grid|list-item|table)\b/i.test(body) && !declarationsHide(body)) {
        // Elements laid out as blocks (".mentor span { display: block }"): their text is not glued to the next.
        for (const raw of selectors.split(',')) {
          const last =
            raw
              .trim()
              .split(/[\s>+~]+/)
              .pop() ?? '';
          const simple = /^([a-z][a-z0-9]*)?(?:\.([\w-]+))?$/i.exec(last);
          if (simple?.[2]) result.blockClasses.add(simple[2].toLowerCase());
          else if (simple?.[1]) result.blockTags.add(simple[1].toUpperCase());
        }
        continue;
      }
      if (!declarationsHide(body)) continue;
      for (const raw of selectors.split(',')) {
        const selector = raw.trim();
        const simple = /^([a-z][a-z0-9-]*)?(?:([.#])([\w-]+))?$/i.exec(selector);
        if (!simple || (!simple[1] && !simple[3])) continue;
        if (simple[2] === '.') result.classes.add(simple[3]!.toLowerCase());
        else if (simple[2] === '#') result.ids.add(simple[3]!.toLowerCase());
        else if (
          simple[1] &&
          !['html', 'body', 'main', 'div', 'p', 'span', 'section', 'article', 'li', 'a'].includes(
            simple[1].toLowerCase(),
          )
        )
          result.tags.add(simple[1].toUpperCase());
      }
    }
    if (budget <= 0) break;
  }
  return result;
}

/** Is an inline element laid out as a block by a style rule or its inline style? */
export function displaysAsBlock(element: ElementLike, sheet: ReturnType<typeof hiddenSelectors>): boolean {
  if (sheet.blockTags.has(element.nodeName.toUpperCase())) return true;
  const classAttr = element.getAttribute('class');
  if (
    classAttr &&
    classAttr
      .toLowerCase()
      .split(/\s+/)
      .some((c) => sheet.blockClasses.has(c))
  )
    return true;
  return /display\s*:\s*(block|flex|grid|list-item|table)\b/i.test(element.getAttribute('style') ?? '');
}

export function isHiddenElement(element: ElementLike, sheet: ReturnType<typeof hiddenSelectors>): boolean {
  const tag = element.nodeName.toUpperCase();
  if (SKIPPED_TAGS.has(tag)) return true;
  if (tag === 'DIALOG' && !element.hasAttribute('open')) return true;
  if (element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true') return true;
  const style = element.getAttribute('style');
  if (style && declarationsHide(style)) return true;
  const classAttr = element.getAttribute('class');
  if (classAttr) {
    for (const cls of classAttr.toLowerCase().split(/\s+/))
      if (cls && (HIDING_CLASSES.has(cls) || sheet.classes.has(cls))) return true;
  }
  const id = element.getAttribute('id');
  if (id && sheet.ids.has(id.toLowerCase())) return true;
  return sheet.tags.has(tag);
}

/** CSS without its comments, in one pass (an unclosed comment runs to the end). */
function withoutComments(css: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const open = css.indexOf('/*', from);
    if (open < 0) return out + css.slice(from);
    out += `${css.slice(from, open)} `;
    const close = css.indexOf('*/', open + 2);
    if (close < 0) return out;
    from = close + 2;
  }
}

import { parseHTML } from 'linkedom';

import { prepareHtml } from './html-prepass.js';
import { instructionKind, type InstructionKind } from './instruction-detector.js';
import {
  findEmails,
  foldKeepingLength,
  normalizeVisible,
  safeDecodeUri,
  sentenceSpans,
  wordMatches,
} from './page-text.js';
import { isNameLine } from './person-names.js';
import { readStructuredPeople, type StructuredPerson } from './structured-people.js';
import { displaysAsBlock, hiddenSelectors, isHiddenElement } from './visibility.js';

/** A link a visitor can see, and where in its line the link text starts. */
export interface LineLink {
  href: string;
  at: number;
}

/** One line of visible text: the text between two block boundaries. */
export interface PageLine {
  text: string;
  /** Offset of the line in `visibleText`. */
  start: number;
  /** The innermost block element holding the line (an index into `blocks`). */
  block: number;
  /** The line looks like a person's name heading a card ("Jane Doe", "Jane Doe, CEO"). */
  nameLine: boolean;
  /** Visible links (http(s) and mailto:) whose text starts in this line. */
  links: LineLink[];
}

/** A block element that holds visible lines: lines [from, to). */
export interface PageBlock {
  parent: number;
  tag: string;
  from: number;
  to: number;
}

export type UnitKind = 'sentence' | 'item' | 'row' | 'heading' | 'structured';

/**
 * The smallest piece of a page evidence is cited from: a sentence, list item, table row or heading
 * (with a stable id and character offsets in `visibleText`), or a structured-data record (which
 * only corroborates visible text, never stands alone).
 */
export interface EvidenceUnit {
  id: string;
  kind: UnitKind;
  /** Index into `lines` (-1 for structured records). */
  line: number;
  start: number;
  end: number;
  text: string;
  /** The unit speaks to an AI agent: never evidence, never shown to the model. */
  instruction?: InstructionKind;
}

/** What the agent and the verifier know about one fetched page. */
export interface ReadPage {
  url: string;
  title: string;
  /** The site's own name (og:site_name or application-name), when it says. */
  siteName: string;
  /** The beginning of the visible text; kept for older callers (the model now sees units). */
  mainText: string;
  /** Everything a visitor can see, line by line, footers included: what facts are checked against. */
  visibleText: string;
  lines: PageLine[];
  blocks: PageBlock[];
  units: EvidenceUnit[];
  /** Addresses behind visible mailto: links. */
  emails: string[];
  /** Absolute http(s) targets of visible links. */
  links: string[];
  /** People the page describes in schema.org JSON-LD, microdata or h-card, kept only when visible text names them. */
  people: StructuredPerson[];
  /** Some sentences address an AI agent (they are left out; the rest of the page still counts). */
  addressesAgent: boolean;
  /** normal, or lowered when the page speaks to AI agents anywhere, hidden parts included. */
  trust: 'normal' | 'lowered';
  /** How many visible sentences addressed an agent, and whether hidden text did. */
  instructionUnits: number;
  hiddenInstructions: boolean;
  /** The page's hidden text (capped): only to explain why a name from it was refused. */
  allText: string;
  /** The page was larger than the reading caps: only its beginning was read. */
  capped: boolean;
}

/** Caps that keep one page's cost bounded whatever it holds. */
export const READ_LIMITS = {
  maxChars: 500_000,
  maxLines: 12_000,
  maxLineChars: 20_000,
  maxUnits: 12_000,
  maxLinks: 5_000,
  maxAllText: 100_000,
  maxNodes: 400_000,
  maxMainText: 50_000,
};

const BLOCKS = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BODY',
  'BR',
  'CAPTION',
  'DD',
  'DETAILS',
  'DIALOG',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HGROUP',
  'HR',
  'HTML',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TBODY',
  'THEAD',
  'TFOOT',
  'TR',
  'UL',
  'BUTTON',
  'LABEL',
  'OPTION',
]);
const CELLS = new Set(['TD', 'TH']);
const NOT_CONTENT = new Set(['SCRIPT', 'STYLE', 'HEAD', 'TITLE', 'META', 'LINK']);
const HEADINGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'DT', 'TH', 'SUMMARY', 'CAPTION']);
const EMPHASIS = new Set(['STRONG', 'B']);

type DomNode = {
  nodeType: number;
  nodeName: string;
  nodeValue?: string | null;
  textContent: string | null;
  firstChild: DomNode | null;
  nextSibling: DomNode | null;
  parentNode: DomNode | null;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
};

/**
 * The part of linkedom's document this reader uses. linkedom's types name DOM globals that this
 * project's lib (ES2023, no DOM) does not declare, so its own types reach the compiler unresolved.
 */
type ParsedDocument = DomNode &
  Parameters<typeof readStructuredPeople>[0] & { querySelector(selector: string): DomNode | null };

class LineBuilder {
  readonly lines: PageLine[] = [];
  readonly blocks: PageBlock[] = [];
  private parts: string[] = [];
  private length = 0;
  private space = false;
  private links: LineLink[] = [];
  private emphasised = false;
  private total = 0;
  capped = false;
  /** Open block elements, innermost last. */
  readonly openBlocks: number[] = [];

  openBlock(tag: string): number {
    this.endLine();
    const id = this.blocks.length;
    this.blocks.push({ parent: this.openBlocks.at(-1) ?? -1, tag, from: this.lines.length, to: this.lines.length });
    this.openBlocks.push(id);
    return id;
  }

  closeBlock(id: number): void {
    this.endLine();
    this.blocks[id]!.to = this.lines.length;
    if (this.openBlocks.at(-1) === id) this.openBlocks.pop();
  }

  text(raw: string, emphasised: boolean): void {
    if (this.capped) return;
    let value = normalizeVisible(raw);
    if (!value) return;
    if (value.startsWith(' ') && (this.length === 0 || this.space)) value = value.slice(1);
    if (!value) return;
    if (value.trim()) this.emphasised ||= emphasised;
    this.parts.push(value);
    this.length += value.length;
    this.space = value.endsWith(' ');
    if (this.length > READ_LIMITS.maxLineChars) this.endLine();
  }

  separator(value: string): void {
    if (this.length > 0) this.text(value, false);
  }

  link(href: string): void {
    if (this.links.length < 50) this.links.push({ href, at: this.length });
  }

  endLine(): void {
    const text = this.parts
      .join('')
      .trimEnd()
      .replace(/(\s*\|\s*)+$/, '');
    const links = this.links;
    this.parts = [];
    this.length = 0;
    this.space = false;
    this.links = [];
    const emphasised = this.emphasised;
    this.emphasised = false;
    if (!text) {
      // An icon link with no text belongs with the line before it.
      if (links.length && this.lines.length)
        this.lines.at(-1)!.links.push(...links.map((l) => ({ href: l.href, at: this.lines.at(-1)!.text.length })));
      return;
    }
    if (this.lines.length >= READ_LIMITS.maxLines || this.total > READ_LIMITS.maxChars) {
      this.capped = true;
      return;
    }
    const block = this.openBlocks.at(-1) ?? -1;
    const tag = block >= 0 ? this.blocks[block]!.tag : '';
    const firstOfBlock = block >= 0 && this.blocks[block]!.from === this.lines.length;
    this.lines.push({
      text,
      start: this.total,
      block,
      nameLine: isNameLine(text, emphasised || HEADINGS.has(tag), firstOfBlock && tag !== 'P'),
      links: links.map((l) => ({ href: l.href, at: Math.min(l.at, text.length) })),
    });
    this.total += text.length + 1;
  }
}

const absolute = (href: string, base: string): string | undefined => {
  try {
    const url = new URL(href, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
};

/** The address of a mailto: link, or undefined (a malformed escape is simply not an address). */
export function mailtoAddress(href: string): string | undefined {
  if (!/^mailto:/i.test(href)) return undefined;
  const decoded = safeDecodeUri(href.slice(7).split('?')[0] ?? '');
  const address = decoded?.trim().toLowerCase();
  return address && findEmails(address, 1)[0]?.address === address ? address : undefined;
}

/**
 * One pass over the DOM without recursion (deep nesting cannot overflow the stack): visible text
 * as lines inside their block elements, visible links, and the elements that are hidden.
 */
function walk(
  root: DomNode,
  url: string,
  sheet: ReturnType<typeof hiddenSelectors>,
  builder: LineBuilder,
  hidden: Set<unknown>,
  hiddenText: string[],
): void {
  type Frame = { node: DomNode; emphasis: boolean; exit?: { block?: number; cell?: boolean } };
  const stack: Frame[] = [{ node: root, emphasis: false }];
  let visited = 0;
  let hiddenChars = 0;
  const collectHidden = (node: DomNode) => {
    if (hiddenChars >= READ_LIMITS.maxAllText) return;
    const text = (node.textContent ?? '').slice(0, READ_LIMITS.maxAllText - hiddenChars);
    hiddenChars += text.length;
    if (text.trim()) hiddenText.push(text);
  };
  while (stack.length > 0) {
    const { node, emphasis, exit } = stack.pop()!;
    if (exit) {
      if (exit.block !== undefined) builder.closeBlock(exit.block);
      else if (exit.cell) builder.separator(' | ');
      continue;
    }
    visited += 1;
    if (visited > READ_LIMITS.maxNodes || builder.capped) {
      builder.capped = true;
      break;
    }
    if (node.nodeType === 3) {
      builder.text(node.nodeValue ?? node.textContent ?? '', emphasis);
      continue;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) continue;
    const tag = node.nodeName.toUpperCase();
    let childEmphasis = emphasis;
    const out: { block?: number; cell?: boolean } = {};
    if (node.nodeType === 1) {
      if (isHiddenElement(node, sheet)) {
        // Scripts and <head> are not "hidden content": JSON-LD there is judged by what it names.
        if (!NOT_CONTENT.has(tag)) {
          hidden.add(node);
          collectHidden(node);
        }
        continue;
      }
      if (tag === 'BR') {
        builder.endLine();
        continue;
      }
      if (tag === 'A') {
        const href = (node.getAttribute('href') ?? '').trim();
        const address = /^mailto:/i.test(href) ? mailtoAddress(href) : undefined;
        const target = address ? `mailto:${address}` : /^mailto:/i.test(href) ? undefined : absolute(href, url);
        if (target) builder.link(target);
      }
      if (BLOCKS.has(tag) || (node.nodeType === 1 && displaysAsBlock(node, sheet)))
        out.block = builder.openBlock(BLOCKS.has(tag) ? tag : 'DIV');
      else if (CELLS.has(tag)) out.cell = true;
      const cls = `${node.getAttribute('class') ?? ''} ${node.getAttribute('itemprop') ?? ''}`.toLowerCase();
      childEmphasis = emphasis || EMPHASIS.has(tag) || /(^|[\s_-])(p-)?(name|fn|full-?name)($|[\s_-])/.test(cls);
    }
    stack.push({ node, emphasis, exit: out });
    const children: DomNode[] = [];
    // linkedom does not chain the document's own children by nextSibling: take its childNodes.
    if (node.nodeType === 9)
      children.push(...Array.from((node as unknown as { childNodes: ArrayLike<DomNode> }).childNodes));
    else for (let child = node.firstChild; child; child = child.nextSibling) children.push(child);
    for (let i = children.length - 1; i >= 0; i -= 1) stack.push({ node: children[i]!, emphasis: childEmphasis });
  }
  // Blocks left open by a cap are closed where the text stopped.
  while (builder.openBlocks.length > 0) builder.closeBlock(builder.openBlocks.at(-1)!);
}

function unitsOf(lines: PageLine[], blocks: PageBlock[]): EvidenceUnit[] {
  const units: EvidenceUnit[] = [];
  const kindOf = (line: PageLine): UnitKind => {
    for (let b = line.block, steps = 0; b >= 0 && steps < 6; b = blocks[b]!.parent, steps += 1) {
      const tag = blocks[b]!.tag;
      if (tag === 'LI' || tag === 'DD') return 'item';
      if (tag === 'TR') return 'row';
      if (HEADINGS.has(tag)) return 'heading';
    }
    return 'sentence';
  };
  lines.forEach((line, index) => {
    if (units.length >= READ_LIMITS.maxUnits) return;
    const kind = kindOf(line);
    const spans =
      kind === 'sentence' || line.text.length > 400
        ? sentenceSpans(line.text)
        : [[0, line.text.length] as [number, number]];
    for (const [from, to] of spans) {
      const text = line.text.slice(from, to).trim();
      if (!text) continue;
      const lead = line.text.slice(from, to).length - line.text.slice(from, to).trimStart().length;
      const unit: EvidenceUnit = {
        id: `u${units.length + 1}`,
        kind: kind === 'sentence' || spans.length === 1 ? kind : 'sentence',
        line: index,
        start: line.start + from + lead,
        end: line.start + from + lead + text.length,
        text,
      };
      // A note to agents goes on after its first sentence: the rest of its paragraph is the note too.
      const instruction =
        instructionKind(text) ?? (units.at(-1)?.line === index ? units.at(-1)?.instruction : undefined);
      if (instruction) unit.instruction = instruction;
      units.push(unit);
    }
  });
  return units;
}

function metaContent(
  document: { querySelector(s: string): { getAttribute(n: string): string | null } | null },
  selector: string,
): string {
  return normalizeVisible(document.querySelector(selector)?.getAttribute('content') ?? '')
    .trim()
    .slice(0, 200);
}

export function readPage(url: string, body: string, contentType: string): ReadPage {
  const source = body.length > READ_LIMITS.maxChars * 2 ? body.slice(0, READ_LIMITS.maxChars * 2) : body;
  const builder = new LineBuilder();
  const hiddenText: string[] = [];
  let title = '';
  let siteName = '';
  let people: StructuredPerson[] = [];
  let prepassCapped = false;
  if (!/html|xml/i.test(contentType) && !/^\s*</.test(source)) {
    const root = builder.openBlock('BODY');
    for (const raw of source.split(/\r\n?|\n/)) {
      builder.openBlock('P');
      builder.text(raw, false);
      builder.closeBlock(builder.openBlocks.at(-1)!);
      if (builder.capped) break;
    }
    builder.closeBlock(root);
  } else {
    const prepared = prepareHtml(source);
    prepassCapped = prepared.capped;
    const { document } = parseHTML(prepared.html) as unknown as { document: ParsedDocument };
    title = normalizeVisible(document.querySelector('title')?.textContent ?? '')
      .trim()
      .slice(0, 300);
    siteName =
      metaContent(document, 'meta[property="og:site_name"]') || metaContent(document, 'meta[name="application-name"]');
    const sheet = hiddenSelectors(Array.from(document.querySelectorAll('style')).map((s) => s.textContent ?? ''));
    const hidden = new Set<unknown>();
    walk(document, url, sheet, builder, hidden, hiddenText);
    const inHidden = (element: unknown): boolean => {
      for (let node = element as DomNode | null, steps = 0; node && steps < 2_000; node = node.parentNode, steps += 1)
        if (hidden.has(node)) return true;
      return false;
    };
    people = readStructuredPeople(document, url, inHidden);
  }
  builder.endLine();
  const { lines, blocks } = builder;
  const visibleText = lines.map((l) => l.text).join('\n');
  const units = unitsOf(lines, blocks);

  // Structured people count only when visible text names them (and were not inside hidden markup).
  const foldedVisible = foldKeepingLength(visibleText);
  people = people
    .filter(
      (p) => p.name && wordMatches(foldedVisible, foldKeepingLength(p.name.replace(/\s+/g, ' ').trim()), 1).length > 0,
    )
    .slice(0, 500);
  people.forEach((p, i) =>
    units.push({
      id: `s${i + 1}`,
      kind: 'structured',
      line: -1,
      start: -1,
      end: -1,
      text: Object.entries(p)
        .filter(([k]) => k !== 'format')
        .map(([k, v]) => `${k}: ${v}`)
        .join('; '),
    }),
  );
  for (const line of lines) {
    if (
      !line.nameLine &&
      people.some((p) => line.text.length < 120 && foldKeepingLength(line.text).startsWith(foldKeepingLength(p.name!)))
    )
      line.nameLine = true;
  }

  const emails = new Set<string>();
  const links = new Set<string>();
  for (const line of lines) {
    for (const link of line.links) {
      if (link.href.startsWith('mailto:')) emails.add(link.href.slice(7));
      else if (links.size < READ_LIMITS.maxLinks) links.add(link.href);
    }
  }
  const instructionUnits = units.filter((u) => u.instruction).length;
  const hidden = hiddenText.join(' ').replace(/\s+/g, ' ').slice(0, READ_LIMITS.maxAllText);
  const hiddenInstructions =
    hidden.length > 0 && sentenceSpans(hidden).some(([a, b]) => instructionKind(hidden.slice(a, b)) !== undefined);
  return {
    url,
    title,
    siteName,
    mainText: visibleText.slice(0, READ_LIMITS.maxMainText),
    visibleText,
    lines,
    blocks,
    units,
    emails: [...emails],
    links: [...links],
    people,
    addressesAgent: instructionUnits > 0 || hiddenInstructions,
    trust: instructionUnits > 0 || hiddenInstructions ? 'lowered' : 'normal',
    instructionUnits,
    hiddenInstructions,
    allText: hidden,
    capped: builder.capped || prepassCapped || source.length < body.length,
  };
}

import type { EvidenceUnit, PageLine, ReadPage } from '../web/page-reader.js';
import { foldKeepingLength, isWordChar, maskLinks } from '../web/page-text.js';
import { isNameLike, splitAtSeparator } from '../web/person-names.js';
import { introducesExamples, statementMarkers, type StatementMarker } from './statement-markers.js';

/** Folded name tokens: "Dr. José  García-López" → ["jose", "garcia-lopez"]. */
export function nameTokens(fullName: string): string[] {
  return foldKeepingLength(fullName.normalize('NFKC'))
    .replace(/^(dr|prof|mr|mrs|ms|mx|sir|dame|herr|frau|mme|sr|sra|dra)\.?\s+/, '')
    .split(/[^\p{L}\p{N}'’-]+/u)
    .filter(Boolean);
}

/** Where a person is named in folded text: "jane doe", "jane a. doe", "doe, jane". */
export function findName(folded: string, tokens: string[], limit = 20): { start: number; end: number }[] {
  if (tokens.length === 0) return [];
  const found: { start: number; end: number }[] = [];
  const exact = tokens.join(' ');
  let from = 0;
  while (found.length < limit) {
    const at = folded.indexOf(tokens[0]!, from);
    if (at < 0) break;
    from = at + 1;
    if (isWordChar(folded[at - 1])) continue;
    // The tokens in order, with at most two middle names or initials between first and last.
    let pos = at;
    let ok = true;
    for (let t = 0; t < tokens.length; t += 1) {
      const token = tokens[t]!;
      if (!folded.startsWith(token, pos) || isWordChar(folded[pos + token.length])) {
        ok = false;
        break;
      }
      pos += token.length;
      if (t === tokens.length - 1) break;
      let skipped = 0;
      for (;;) {
        const gap = /^[\s.,]{1,3}/.exec(folded.slice(pos, pos + 4));
        if (!gap) {
          ok = false;
          break;
        }
        pos += gap[0].length;
        if (folded.startsWith(tokens[t + 1]!, pos) || skipped >= 2 || t !== tokens.length - 2) break;
        const middle = /^[\p{L}][\p{L}'’-]{0,15}\.?/u.exec(folded.slice(pos, pos + 18));
        if (!middle) break;
        pos += middle[0].length;
        skipped += 1;
      }
      if (!ok) break;
    }
    if (ok) found.push({ start: at, end: pos });
  }
  if (found.length === 0 && tokens.length >= 2) {
    // "Doe, Jane" (directories, citations).
    const reversed = `${tokens[tokens.length - 1]}, ${tokens.slice(0, -1).join(' ')}`;
    let at = folded.indexOf(reversed);
    while (at >= 0 && found.length < limit) {
      if (!isWordChar(folded[at - 1]) && !isWordChar(folded[at + reversed.length]))
        found.push({ start: at, end: at + reversed.length });
      at = folded.indexOf(reversed, at + 1);
    }
  }
  void exact;
  return found;
}

/**
 * A page prepared once per verification: folded units and line texts, and — read only for the
 * units a check looks at, as most of a long page names nobody — statement markers.
 */
export interface PreparedPage {
  page: ReadPage;
  foldedUnits: string[];
  foldedLines: string[];
  /** What the unit says about time and truth (past, example, denial), with what its block and section add. */
  markersOf(unit: number): StatementMarker[];
  /** Ranges of the unit that speak of the past: the clause holding "former", "zuvor", … (or the whole unit). */
  pastOf(unit: number): [number, number][];
  /** Units by line. */
  unitsOfLine: Map<number, EvidenceUnit[]>;
  unitIndex: Map<string, number>;
}

export function preparePage(page: ReadPage): PreparedPage {
  // Names are looked for with addresses and links blanked: "anya.petrova@…" does not name Anya Petrova.
  const foldedUnits = page.units.map((u) => foldKeepingLength(maskLinks(u.text)));
  // Markers are read with addresses and links blanked ("…@studio.example" is not an example).
  // A name heading a card is a name, whatever its words ("Ann Example"): only what follows it is read for markers.
  const own = new Map<number, StatementMarker[]>();
  const ownMarkers = (i: number): StatementMarker[] => {
    let found = own.get(i);
    if (found) return found;
    const u = page.units[i]!;
    if (u.kind === 'structured') found = [];
    else {
      const { head, rest } = splitAtSeparator(u.text);
      found =
        page.lines[u.line]?.nameLine && isNameLike(head)
          ? statementMarkers(maskLinks(rest))
          : statementMarkers(maskLinks(u.text));
    }
    own.set(i, found);
    return found;
  };
  // "For example:" makes what follows an example: the next unit and the rest of its block.
  const examples = new Set<number>();
  let exampleBlock = -2;
  page.units.forEach((u, i) => {
    if (u.kind === 'structured') return;
    const block = page.lines[u.line]?.block ?? -1;
    const introduced = i > 0 && introducesExamples(page.units[i - 1]!.text);
    if (introduced) exampleBlock = block;
    else if (block !== exampleBlock) exampleBlock = -2;
    if (introduced || block === exampleBlock) examples.add(i);
  });
  // A section headed "Alumni", "Former staff", "Ehemalige" speaks of the past down to the next section heading.
  let pastSection = false;
  const sectionPast = new Set<number>();
  page.units.forEach((u, i) => {
    if (u.kind === 'structured') return;
    if (u.kind === 'heading' && !page.lines[u.line]?.nameLine) pastSection = ownMarkers(i).includes('past');
    else if (pastSection) sectionPast.add(i);
  });
  const markers = new Map<number, StatementMarker[]>();
  const markersOf = (i: number): StatementMarker[] => {
    let found = markers.get(i);
    if (found) return found;
    found = [...ownMarkers(i)];
    if (examples.has(i) && !found.includes('example')) found.push('example');
    if (sectionPast.has(i) && !found.includes('past')) found.push('past');
    markers.set(i, found);
    return found;
  };
  const past = new Map<number, [number, number][]>();
  const pastOf = (i: number): [number, number][] => {
    let found = past.get(i);
    if (!found)
      past.set(
        i,
        (found = markersOf(i).includes('past') ? pastClauses(maskLinks(page.units[i]!.text), sectionPast.has(i)) : []),
      );
    return found;
  };
  const unitsOfLine = new Map<number, EvidenceUnit[]>();
  const unitIndex = new Map<string, number>();
  page.units.forEach((u, i) => {
    unitIndex.set(u.id, i);
    if (u.line < 0) return;
    const list = unitsOfLine.get(u.line) ?? [];
    list.push(u);
    unitsOfLine.set(u.line, list);
  });
  return {
    page,
    foldedUnits,
    foldedLines: page.lines.map((l) => foldKeepingLength(maskLinks(l.text))),
    markersOf,
    pastOf,
    unitsOfLine,
    unitIndex,
  };
}

/**
 * The clauses (split at , ; : ( ) and dashes) of a sentence that carry a past marker; all of it under a past heading.
 */
function pastClauses(text: string, whole: boolean): [number, number][] {
  if (whole) return [[0, text.length]];
  const ranges: [number, number][] = [];
  const separator = /[,;:()—–]|\s-\s/g;
  let start = 0;
  const check = (end: number) => {
    if (statementMarkers(text.slice(start, end)).includes('past')) ranges.push([start, end]);
  };
  for (const match of text.matchAll(separator)) {
    check(match.index);
    start = match.index + match[0].length;
  }
  check(text.length);
  // A marker that no single clause shows ("was … until 2023" across a comma): the whole sentence.
  return ranges.length > 0 ? ranges : [[0, text.length]];
}

export interface Mention {
  unit: number;
  start: number;
  end: number;
}

/**
 * The lines that belong to a person named on `line`: the largest block around the name that names
 * nobody else (a card), or — for flat layouts — the lines after the name up to the next name.
 * Large blocks are not cards: then only the person's own line counts.
 */
export function personScope(
  prepared: PreparedPage,
  line: number,
  isOther: (line: number) => boolean,
): { from: number; to: number; card: boolean } {
  const { page } = prepared;
  const lines: PageLine[] = page.lines;
  const size = (from: number, to: number) =>
    to <= from ? 0 : lines[to - 1]!.start + lines[to - 1]!.text.length - lines[from]!.start;
  const othersIn = (from: number, to: number) => {
    for (let l = from; l < to; l += 1) if (l !== line && isOther(l)) return true;
    return false;
  };
  let block = lines[line]!.block;
  if (block < 0) return { from: line, to: line + 1, card: false };
  // Named in running prose: the facts must be in that sentence (a card starts with a name line, a heading, an item or a
  // row).
  const kind = prepared.unitsOfLine.get(line)?.[0]?.kind;
  if (!lines[line]!.nameLine && kind !== 'heading' && kind !== 'item' && kind !== 'row')
    return { from: line, to: line + 1, card: false };
  for (let steps = 0; steps < 40; steps += 1) {
    const parent = page.blocks[block]!.parent;
    if (parent < 0 || SECTIONS.has(page.blocks[block]!.tag)) break;
    const p = page.blocks[parent]!;
    if (p.to - p.from > 30 || size(p.from, p.to) > 3_000 || othersIn(p.from, p.to)) break;
    // A container that adds a heading of its own is a section, not the person's card.
    const current = page.blocks[block]!;
    let heading = false;
    for (let l = p.from; l < p.to && !heading; l += 1)
      if ((l < current.from || l >= current.to) && isHeadingLine(prepared, l)) heading = true;
    if (heading && current.to - current.from > 1) break;
    block = parent;
  }
  let { from, to } = page.blocks[block]!;
  if (to - from <= 1 && !lines[line]!.nameLine && !isHeadingLine(prepared, line))
    return { from: line, to: line + 1, card: false };
  if (to - from <= 1) {
    // A name on its own (a heading in a flat list): the lines after it, up to the next name or heading.
    const parent = page.blocks[block]!.parent;
    const limit = parent >= 0 ? page.blocks[parent]!.to : lines.length;
    from = line;
    to = line + 1;
    while (to < limit && to - line < 8 && !isOther(to) && !lines[to]!.nameLine && !isHeadingLine(prepared, to)) to += 1;
  }
  if (to - from > 30 || size(from, to) > 3_000) return { from: line, to: line + 1, card: false };
  return { from, to, card: true };
}

/** A card never reaches beyond its section, article, aside, header, footer or the page's body. */
const SECTIONS = new Set([
  'ARTICLE',
  'SECTION',
  'MAIN',
  'ASIDE',
  'FOOTER',
  'HEADER',
  'NAV',
  'BODY',
  'HTML',
  'FORM',
  'TABLE',
  'UL',
  'OL',
  'DL',
]);

function isHeadingLine(prepared: PreparedPage, line: number): boolean {
  return prepared.unitsOfLine.get(line)?.[0]?.kind === 'heading';
}

/**
 * Is a fact at [start, end) of a unit bound to the person named at `mention` rather than to someone
 * else named in the same unit? The nearest name wins; "Other Name, <fact>" and "<fact> Other Name"
 * bind to that other person.
 */
export function boundToMention(
  folded: string,
  original: string,
  start: number,
  end: number,
  own: { start: number; end: number }[],
  others: { start: number; end: number }[],
  notNames: string[] = [],
): boolean {
  const distance = (m: { start: number; end: number }) =>
    m.end <= start ? start - m.end : m.start >= end ? m.start - end : 0;
  const ownBest = Math.min(...own.map(distance));
  if (own.some((m) => m.start <= start && m.end >= end)) return true;
  // Name-like phrases next to the fact, except the person's own company ("… | Cairn Pay | Glasgow").
  const heuristic = appositiveNames(original, start, end).filter(
    (h) => !notNames.some((n) => n && foldKeepingLength(original.slice(h.start, h.end)).includes(n)),
  );
  const all = [...others, ...heuristic.filter((h) => !own.some((m) => m.start < h.end && h.start < m.end))];
  void folded;
  return all.every((m) => distance(m) > ownBest || (distance(m) === ownBest && m.start > start));
}

/** Name-like phrases right before ("Jane Doe, CEO") or right after ("CEO Jane Doe") a fact. */
function appositiveNames(text: string, start: number, end: number): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  const before = text.slice(Math.max(0, start - 60), start);
  const sep = /([\p{Lu}][\p{L}'’.-]*(?:\s+[\p{Lu}][\p{L}'’.-]*){1,3})\s*(?:,|–|—|-|\(|:|\|)\s*$/u.exec(before);
  if (sep && isNameLike(sep[1]!))
    found.push({ start: start - before.length + sep.index, end: start - before.length + sep.index + sep[1]!.length });
  const after = text.slice(end, end + 60);
  const next = /^\s{1,2}([\p{Lu}][\p{L}'’.-]*(?:\s+[\p{Lu}][\p{L}'’.-]*){1,3})/u.exec(after);
  if (next && isNameLike(splitAtSeparator(next[1]!).head))
    found.push({ start: end + next[0].indexOf(next[1]!), end: end + next[0].length });
  return found;
}

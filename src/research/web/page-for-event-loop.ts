import { serialize } from 'node:v8';

import type { EvidenceUnit, PageLine, ReadPage } from './page-reader.js';

/**
 * What of a page read in a worker thread crosses back to the event loop. A read page holds up to
 * a megabyte of text and thousands of lines and units; cloning that onto the event loop (and
 * collecting it later) stalls it for tens to hundreds of milliseconds. The event loop only shows
 * the model the page's first units, its links and people, and quotes cited units; the verifier
 * (in a worker thread again) needs the whole page, which travels as a v8-serialized
 * SharedArrayBuffer the event loop never opens.
 */
export interface PageForEventLoop {
  /**
   * The page without its full text: the units the model can be shown (within `unitChars`, and one past it so a cut
   * shows), structured records, links and people.
   */
  page: ReadPage;
  /** The whole page, serialized (node:v8), shared with the threads that verify. */
  whole: SharedArrayBuffer;
}

export function pageForEventLoop(page: ReadPage, unitChars: number): PageForEventLoop {
  const bytes = serialize(page);
  const whole = new SharedArrayBuffer(bytes.byteLength);
  new Uint8Array(whole).set(bytes);
  return { page: trimPage(page, unitChars), whole };
}

/**
 * `page` with only the units worth `unitChars` of text (and the structured ones), their lines renumbered, and no full
 * text.
 */
export function trimPage(page: ReadPage, unitChars: number): ReadPage {
  const units: EvidenceUnit[] = [];
  const lines: PageLine[] = [];
  const lineIndex = new Map<number, number>();
  let used = 0;
  let past = false;
  for (const unit of page.units) {
    if (unit.kind !== 'structured') {
      if (unit.instruction || past) continue;
      used += unit.id.length + unit.text.length + 4;
      // One unit past the limit stays, so the description still says the page was cut.
      past = used > unitChars;
    }
    let line = -1;
    if (unit.line >= 0) {
      line = lineIndex.get(unit.line) ?? -1;
      const source = page.lines[unit.line];
      if (line < 0 && source) {
        line = lines.length;
        lineIndex.set(unit.line, line);
        lines.push({ text: '', start: source.start, block: source.block, nameLine: source.nameLine, links: [] });
      }
    }
    units.push({ ...unit, line });
  }
  return { ...page, mainText: '', visibleText: '', allText: '', blocks: [], lines, units };
}

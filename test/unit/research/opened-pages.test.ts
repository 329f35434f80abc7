import { describe, expect, it } from 'vitest';

import { OpenedPages } from '../../../src/research/web/opened-pages.js';
import { pageForEventLoop } from '../../../src/research/web/page-for-event-loop.js';
import { readPage } from '../../../src/research/web/page-reader.js';

const page = (name: string) =>
  readPage(
    `https://example.com/${name}`,
    `<html><body><h1>Team</h1><p>${name} is Head of Sales at Example.</p></body></html>`,
    'text/html',
  );

/** The whole page as the event loop sends it to a verifying thread: a fresh SharedArrayBuffer each time. */
const sent = (name: string) => pageForEventLoop(page(name), 10_000).whole;

describe('OpenedPages', () => {
  it('opens the same bytes once, whichever buffer brings them, and gives back the whole page', () => {
    const opened = new OpenedPages();
    const first = opened.open(sent('Ann Smith'));
    expect(first.units.map((u) => u.text).join(' ')).toContain('Ann Smith is Head of Sales');
    expect(opened.open(sent('Ann Smith'))).toBe(first);
    expect(opened.open(sent('Bob Jones'))).not.toBe(first);
    expect(opened.size).toBe(2);
  });

  it('keeps the most recently used pages only', () => {
    const opened = new OpenedPages(2);
    const a = opened.open(sent('A One'));
    opened.open(sent('B Two'));
    expect(opened.open(sent('A One'))).toBe(a); // A is now the most recent
    opened.open(sent('C Three')); // B goes
    expect(opened.size).toBe(2);
    expect(opened.open(sent('A One'))).toBe(a);
    const b = opened.open(sent('B Two'));
    expect(opened.open(sent('B Two'))).toBe(b);
  });
});

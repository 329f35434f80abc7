import type { ContactView } from './contact.schemas.js';

/** The columns of the CSV export, in order. */
export const CSV_COLUMNS = [
  'id',
  'fullName',
  'title',
  'company',
  'companyDomain',
  'email',
  'emailStatus',
  'phone',
  'linkedinUrl',
  'location',
  'website',
  'tags',
  'ownerId',
  'nextFollowUpAt',
  'notes',
  'createdAt',
  'updatedAt',
] as const;

/**
 * What a spreadsheet may split a cell on when it guesses the separator (comma, semicolon locales, tab, pipe) or a line.
 */
const SEPARATOR_THEN_FORMULA = /([,;\t|\r\n]["'\s]*)([=+\-@])/g;

/**
 * Spreadsheets run cells that start with = + - @ (or a tab / carriage return) as formulas: a
 * contact named "=HYPERLINK(…)" must arrive as text. Such cells get a leading apostrophe. A
 * spreadsheet in a semicolon locale splits an unquoted `x;=cmd|…` into `x` and `=cmd|…`, so a
 * formula character after any separator gets the apostrophe too (OWASP "CSV Injection";
 * https://owasp.org/www-community/attacks/CSV_Injection), and the route quotes such cells.
 */
export function spreadsheetSafe(value: string): string {
  const inner = value.replace(SEPARATOR_THEN_FORMULA, "$1'$2");
  // A value that itself starts with an apostrophe gets one more, so the import's removal of one
  // gives it back unchanged (the round trip is lossless).
  return /^[=+\-@\t\r']/.test(inner) ? `'${inner}` : inner;
}

/** The inverse of `spreadsheetSafe`, for a cell read back from a CSV: the apostrophes it added come off. */
export function fromSpreadsheetSafe(cell: string): string {
  const inner = /^'[=+\-@\t\r']/.test(cell) ? cell.slice(1) : cell;
  return inner.replace(/([,;\t|\r\n]["'\s]*)'([=+\-@])/g, '$1$2');
}

/** Cells csv-stringify must quote beyond its own rule (comma, quote, line break): other separators. */
export const CSV_QUOTE_ALSO = /[;\t|]/;

/**
 * The tags cell: tags joined with "; ", a `;` or `\` inside a tag written `\;` / `\\`, so that the
 * import splits the cell back into the same tags (see `splitTagCell`).
 */
export function joinTags(tags: readonly string[]): string {
  return tags.map((tag) => tag.replace(/[\\;]/g, '\\$&')).join('; ');
}

/**
 * A tags cell split on the `;` not escaped by a backslash, `\;` and `\\` read as `;` and `\`
 * (any other backslash is kept as written).
 */
export function splitTagCell(cell: string): string[] {
  const tags: string[] = [];
  let current = '';
  for (let i = 0; i < cell.length; i += 1) {
    const ch = cell[i]!;
    const next = cell[i + 1];
    if (ch === '\\' && (next === ';' || next === '\\')) {
      current += next;
      i += 1;
    } else if (ch === ';') {
      tags.push(current);
      current = '';
    } else current += ch;
  }
  tags.push(current);
  return tags;
}

export function toCsvRecord(contact: ContactView): string[] {
  return CSV_COLUMNS.map((column) => {
    const value = column === 'tags' ? joinTags(contact.tags) : contact[column];
    return value === null ? '' : spreadsheetSafe(String(value));
  });
}

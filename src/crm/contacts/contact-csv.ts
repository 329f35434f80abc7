import type { ContactView } from './contact.schemas.js';

/** The columns of the CSV export, in order. */
export const CSV_COLUMNS = [
  'id', 'fullName', 'title', 'company', 'companyDomain', 'email', 'emailStatus', 'phone', 'linkedinUrl',
  'location', 'website', 'tags', 'ownerId', 'nextFollowUpAt', 'notes', 'createdAt', 'updatedAt',
] as const;

/**
 * Spreadsheets run cells that start with = + - @ (or a tab / carriage return) as formulas: a
 * contact named "=HYPERLINK(…)" must arrive as text. Such cells get a leading apostrophe.
 */
export function spreadsheetSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function toCsvRecord(contact: ContactView): string[] {
  return CSV_COLUMNS.map((column) => {
    const value = column === 'tags' ? contact.tags.join('; ') : contact[column];
    return value === null ? '' : spreadsheetSafe(String(value));
  });
}

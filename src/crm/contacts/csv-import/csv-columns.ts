import { fromSpreadsheetSafe, splitTagCell } from '../contact-csv.js';

/**
 * Which contact field each column of an uploaded CSV fills, for the exports people bring: this
 * API's own CSV export, LinkedIn's connections export, HubSpot's and Google Contacts' exports, and
 * generic names. Headers are compared lower-cased, without accents, spaces or punctuation
 * ("E-mail 1 - Value" = "email1value"). Pure: no I/O.
 */

export type CsvFormat = 'personablecrm' | 'linkedin' | 'hubspot' | 'google' | 'generic';

/** What a column can feed. Parts (first/middle/last name, city/region/country) are joined. */
type Target =
  | 'fullName'
  | 'firstName'
  | 'middleName'
  | 'lastName'
  | 'title'
  | 'company'
  | 'companyDomain'
  | 'email'
  | 'emailStatus'
  | 'phone'
  | 'linkedinUrl'
  | 'website'
  | 'location'
  | 'city'
  | 'region'
  | 'country'
  | 'notes'
  | 'tags'
  | 'ownerId'
  | 'nextFollowUpAt'
  // A bare "URL" column: a LinkedIn profile in LinkedIn's export, a website elsewhere; decided per value.
  | 'profileOrWebsite'
  // Known columns this API has no field for (its own export's id and timestamps, LinkedIn's "Connected On").
  | 'ignored';

/** Normalized header → target. Where several columns feed one target, the first non-empty (in this order) wins. */
const HEADER_TARGETS: [Target, string[]][] = [
  ['fullName', ['fullname', 'name', 'contactname', 'displayname', 'contact', 'person', 'personname']],
  ['firstName', ['firstname', 'givenname', 'first', 'forename']],
  ['middleName', ['middlename', 'additionalname']],
  ['lastName', ['lastname', 'familyname', 'surname', 'last']],
  [
    'email',
    [
      'email',
      'emailaddress',
      'mail',
      'workemail',
      'businessemail',
      'primaryemail',
      'email1value',
      'email1',
      'emailaddress1',
      'email2value',
      'email3value',
      'personalemail',
    ],
  ],
  ['emailStatus', ['emailstatus']],
  [
    'title',
    ['title', 'jobtitle', 'position', 'role', 'organizationtitle', 'organization1title', 'occupation', 'designation'],
  ],
  [
    'company',
    [
      'company',
      'companyname',
      'organization',
      'organisation',
      'organizationname',
      'organization1name',
      'employer',
      'accountname',
      'account',
      'associatedcompany',
    ],
  ],
  ['companyDomain', ['companydomain', 'companydomainname', 'domain']],
  [
    'phone',
    [
      'phone',
      'phonenumber',
      'telephone',
      'tel',
      'workphone',
      'businessphone',
      'phone1value',
      'mobile',
      'mobilephone',
      'mobilephonenumber',
      'cellphone',
      'phone2value',
    ],
  ],
  [
    'linkedinUrl',
    ['linkedinurl', 'linkedin', 'linkedinprofile', 'linkedinprofileurl', 'personlinkedinurl', 'linkedinbio'],
  ],
  ['website', ['website', 'websiteurl', 'web', 'homepage', 'webpage', 'website1value', 'personalwebsite']],
  ['profileOrWebsite', ['url', 'profileurl']],
  ['location', ['location', 'address', 'address1formatted', 'fulladdress']],
  ['city', ['city', 'address1city', 'town']],
  ['region', ['region', 'state', 'stateregion', 'province', 'address1region']],
  ['country', ['country', 'countryregion', 'address1country']],
  ['notes', ['notes', 'note', 'comments', 'comment', 'description']],
  ['tags', ['tags', 'tag', 'labels', 'groupmembership', 'lists', 'categories']],
  ['ownerId', ['ownerid']],
  ['nextFollowUpAt', ['nextfollowupat', 'nextfollowup', 'followupdate', 'followup']],
  ['ignored', ['id', 'createdat', 'updatedat', 'connectedon']],
];

const TARGET_OF = new Map<string, { target: Target; rank: number }>();
for (const [target, headers] of HEADER_TARGETS) headers.forEach((h, rank) => TARGET_OF.set(h, { target, rank }));

export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** The columns of the CSV export (src/crm/contacts/contact-csv.ts), normalized. */
const OWN_EXPORT = ['id', 'fullname', 'email', 'emailstatus', 'linkedinurl', 'createdat'];
const LINKEDIN = ['firstname', 'lastname', 'url', 'emailaddress', 'company', 'position', 'connectedon'];
const HUBSPOT = [
  'recordid',
  'contactowner',
  'lifecyclestage',
  'companyname',
  'jobtitle',
  'phonenumber',
  'createdate',
  'leadstatus',
];
const GOOGLE = [
  'email1value',
  'phone1value',
  'organizationname',
  'organization1name',
  'givenname',
  'groupmembership',
  'labels',
  'email1label',
  'email1type',
  'namesuffix',
  'fileas',
];

function detectFormat(normalized: string[]): CsvFormat {
  const has = (list: string[]) => list.filter((h) => normalized.includes(h)).length;
  if (has(OWN_EXPORT) === OWN_EXPORT.length) return 'personablecrm';
  if (has(LINKEDIN) >= 5) return 'linkedin';
  if (has(GOOGLE) >= 3) return 'google';
  if (has(HUBSPOT) >= 3) return 'hubspot';
  return 'generic';
}

export interface ColumnMapping {
  format: CsvFormat;
  /**
   * Every header, with the field it fills (`null`: unknown, reported and not imported; `ignored`: known, no field
   * here).
   */
  columns: { column: string; field: string | null }[];
  /** Headers no rule knows: their values are not imported. */
  unmapped: string[];
  /** How many cells a row may have. */
  width: number;
  /** The contact a row of cells describes, as the JSON import takes it (validated by the intake). */
  toContact(cells: readonly string[]): Record<string, unknown>;
}

/**
 * A header row, if `cells` looks like one: it must name a person (a name, or first/last name
 * columns) and at least one other known column. Returns undefined otherwise (preamble lines such
 * as LinkedIn's "Notes:").
 */
export function mapHeader(cells: readonly string[]): ColumnMapping | undefined {
  const normalized = cells.map(normalizeHeader);
  const found = normalized.map((h) => TARGET_OF.get(h));
  const targets = new Set(found.filter(Boolean).map((f) => f!.target));
  const namesPerson = targets.has('fullName') || targets.has('firstName') || targets.has('lastName');
  if (!namesPerson || targets.size < 2) return undefined;
  const format = detectFormat(normalized);

  // For each target, its columns in priority order.
  const byTarget = new Map<Target, { index: number; rank: number }[]>();
  found.forEach((f, index) => {
    if (!f || f.target === 'ignored') return;
    // A column repeated under the same header: the first one counts.
    const list = byTarget.get(f.target) ?? [];
    list.push({ index, rank: f.rank });
    byTarget.set(f.target, list);
  });
  for (const list of byTarget.values()) list.sort((a, b) => a.rank - b.rank || a.index - b.index);

  const columns = cells.map((column, i) => {
    const f = found[i];
    const field = !f ? null : f.target === 'ignored' ? 'ignored' : fieldName(f.target);
    return { column, field };
  });
  const unmapped = columns.filter((c) => c.field === null).map((c) => c.column);

  const first = (target: Target, cellsOf: readonly string[]): string | undefined => {
    for (const { index } of byTarget.get(target) ?? []) {
      const value = format === 'google' ? firstOfMany(cell(cellsOf, index)) : cell(cellsOf, index);
      if (value !== '') return value;
    }
    return undefined;
  };

  return {
    format,
    columns,
    unmapped,
    width: cells.length,
    toContact(row) {
      const contact: Record<string, unknown> = {};
      const set = (field: string, value: string | undefined) => {
        if (value !== undefined && value !== '') contact[field] = value;
      };
      const parts = (...targets: Target[]) => targets.map((t) => first(t, row)).filter((v): v is string => Boolean(v));
      set('fullName', first('fullName', row) ?? (parts('firstName', 'middleName', 'lastName').join(' ') || undefined));
      for (const field of [
        'title',
        'company',
        'companyDomain',
        'email',
        'emailStatus',
        'phone',
        'linkedinUrl',
        'website',
        'ownerId',
        'nextFollowUpAt',
      ] as const) {
        set(field, first(field, row));
      }
      const url = first('profileOrWebsite', row);
      if (url) {
        if (/^(https?:\/\/)?([a-z]{2,3}\.|www\.)?linkedin\.com\//i.test(url)) contact.linkedinUrl ??= url;
        else contact.website ??= url;
      }
      set('location', first('location', row) ?? (parts('city', 'region', 'country').join(', ') || undefined));
      const notes = byTarget
        .get('notes')
        ?.map(({ index }) => cell(row, index, true))
        .filter(Boolean);
      if (notes?.length) contact.notes = notes.join('\n\n');
      const tags = (byTarget.get('tags') ?? []).flatMap(({ index }) => splitTags(cell(row, index), format));
      if (tags.length) contact.tags = [...new Set(tags)];
      return contact;
    },
  };
}

function fieldName(target: Target): string {
  switch (target) {
    case 'firstName':
    case 'middleName':
    case 'lastName':
      return 'fullName';
    case 'city':
    case 'region':
    case 'country':
      return 'location';
    case 'profileOrWebsite':
      return 'linkedinUrl or website';
    default:
      return target;
  }
}

/**
 * A cell as the contact should have it: the apostrophe a spreadsheet-safe export puts before
 * `= + - @` (tab, carriage return) is taken off again, so an exported "'+44 20…" comes back as
 * "+44 20…". Single-line fields are trimmed; notes keep their line breaks.
 */
export function cell(row: readonly string[], index: number, multiline = false): string {
  const value = fromSpreadsheetSafe(row[index] ?? '');
  return multiline ? value.trim() : value.trim();
}

/**
 * Google puts several values in one cell as "a ::: b": single-value fields take the first. Only in
 * Google's export: elsewhere " ::: " is part of the value (a title "CEO ::: Founder" comes back whole).
 */
function firstOfMany(value: string): string {
  return value.includes(' ::: ') ? value.split(' ::: ')[0]!.trim() : value;
}

/**
 * Tags: this API's export joins them with "; " (a `;` inside a tag written `\;`, a backslash `\\`),
 * Google's with " ::: " (its system labels, "* myContacts", are left out), other files with ";"
 * (read the same way as the export) or ",".
 */
function splitTags(value: string, format: CsvFormat): string[] {
  if (value === '') return [];
  const google = format === 'google' && value.includes(':::');
  const semicolons = !google && (format === 'personablecrm' || value.includes(';'));
  const parts = semicolons ? splitTagCell(value) : value.split(google ? /\s*:::\s*/ : /\s*,\s*/);
  return parts.map((t) => t.trim()).filter((t) => t !== '' && !t.startsWith('* '));
}

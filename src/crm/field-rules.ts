import { z } from 'zod';

/**
 * Field rules shared by every write path (REST, Slack modals, research, import): each one
 * validates and normalizes, so what reaches the database is already in canonical form.
 */

// Control characters other than tab and newline have no place in CRM text.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/**
 * Invisible characters that change how text shows without being seen: Unicode format characters
 * (General_Category Cf: zero-width space/joiners, bidi embeddings, overrides and isolates, the
 * BOM, soft hyphen) and the blank "letters" used to fake empty names (Hangul fillers, braille blank).
 */
const INVISIBLE_CHARS = /[\p{Cf}\u115f\u1160\u3164\uffa0\u2800]/gu;
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Text for one line of display: NFC, no control or invisible characters, white space collapsed. */
export const cleanLine = (v: string): string =>
  v.normalize('NFC').replace(CONTROL_CHARS, '').replace(INVISIBLE_CHARS, '').replace(/\s+/g, ' ').trim();

/** One-line text: trimmed, inner white space collapsed, invisible characters removed, empty → null. */
export const lineText = (max: number) =>
  z
    .string()
    .max(max * 4, `must be at most ${max} characters`)
    .transform(cleanLine)
    .pipe(z.string().max(max, `must be at most ${max} characters`))
    .transform((v) => (v === '' ? null : v));

/** Multi-line text (notes, conversation bodies): trimmed, line breaks kept, empty → null. */
export const longText = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    // Bidi embeddings, overrides and isolates could make a note show other than it reads.
    .transform((v) =>
      v
        .replace(CONTROL_CHARS, '')
        .replace(/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ufeff]/g, '')
        .replace(/\r\n?/g, '\n')
        .trim(),
    )
    .transform((v) => (v === '' ? null : v));

/** A one-line value that must say something: at least one letter or digit once cleaned. */
export const requiredLine = (max: number) =>
  lineText(max)
    .refine((v): v is string => v !== null, 'must not be empty')
    .transform((v) => v)
    .refine((v) => HAS_LETTER_OR_DIGIT.test(v), 'must contain a letter or a digit');

/** Slack user IDs (U… or W…), the owner and author of records. */
export const slackUserId = z
  .string()
  .trim()
  .regex(/^[UW][A-Z0-9]{2,20}$/, 'must be a Slack user ID such as U012AB3CD')
  .meta({ example: 'U012AB3CD' });

/** A date (2026-12-01, taken as midnight UTC) or a date-time with offset. */
export const dateTime = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })], {
    error: 'must be a date (2026-12-01) or an ISO date-time (2026-12-01T09:00:00Z)',
  })
  .transform((v) => new Date(v.length === 10 ? `${v}T00:00:00Z` : v))
  .refine((d) => !Number.isNaN(d.getTime()), 'is not a real date')
  // Year 0000 and the like parse, but no CRM date is that old, and PostgreSQL has no year 0.
  .refine((d) => d.getUTCFullYear() >= 1900 && d.getUTCFullYear() <= 9999, 'must be between the years 1900 and 9999')
  .meta({ example: '2026-12-01T09:00:00Z' });

/** An http(s) URL, scheme added when missing. */
export const webUrl = (max = 2000) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .transform((v, ctx) => {
      try {
        const url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(v) ? v : `https://${v}`);
        if ((url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.'))
          return url.toString();
      } catch {
        // reported below
      }
      ctx.addIssue({ code: 'custom', message: 'must be an http(s) URL such as https://example.com' });
      return z.NEVER;
    });

export const pageSize = z.coerce
  .number()
  .int()
  .min(1)
  .max(200)
  .default(50)
  .meta({ description: 'Items per page (1–200).' });
export const uuidParam = z.uuid({ error: 'must be an ID as returned by the API' });

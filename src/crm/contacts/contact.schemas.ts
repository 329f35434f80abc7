import { z } from 'zod';

import { EmailStatus } from '../../db/enums.js';
import { ConversationSchema } from '../conversations/conversation.schemas.js';
import {
  dateTime,
  lineText,
  longText,
  pageSize,
  requiredLine,
  slackUserId,
  uuidParam,
  webUrl,
} from '../field-rules.js';
import { EMAIL_MAX_CHARS, emailAddress } from './email-address.js';
import { canonicalLinkedInUrl } from './linkedin-url.js';

/** The longest each contact field may be, in characters: the API's schemas and the Slack forms alike. */
export const CONTACT_LIMITS = {
  fullName: 200,
  title: 200,
  company: 200,
  companyDomain: 300,
  email: EMAIL_MAX_CHARS,
  phone: 60,
  linkedinUrl: 500,
  location: 200,
  notes: 10_000,
  tag: 40,
  tags: 20,
} as const;

/** How an email was obtained: the schema's enum EmailStatus (prisma/schema.prisma). */
export const EMAIL_STATUSES = Object.values(EmailStatus);
export type { EmailStatus };

/** Contact fields a source can back (what `ResearchSource.field` names). */
export const SOURCED_FIELDS = [
  'fullName',
  'title',
  'company',
  'companyDomain',
  'email',
  'phone',
  'linkedinUrl',
  'location',
  'website',
] as const;

export { emailAddress };
/** Where a source stands: on the company's own domain, or elsewhere. */
export const SOURCE_AUTHORITIES = ['first-party', 'third-party'] as const;

export const linkedinUrl = z
  .string()
  .max(CONTACT_LIMITS.linkedinUrl, `must be at most ${CONTACT_LIMITS.linkedinUrl} characters`)
  .transform((v, ctx) => {
    const result = canonicalLinkedInUrl(v);
    if ('url' in result) return result.url;
    ctx.addIssue({ code: 'custom', message: `${result.error} (example: https://www.linkedin.com/in/jane-doe)` });
    return z.NEVER;
  })
  .meta({ example: 'https://www.linkedin.com/in/jane-doe' });

export const companyDomain = z
  .string()
  .trim()
  .max(CONTACT_LIMITS.companyDomain)
  .transform((v, ctx) => {
    const host = v
      .toLowerCase()
      .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
      .split(/[/?#:]/)[0]!
      .replace(/^www\./, '');
    if (/^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(host)) return host;
    ctx.addIssue({ code: 'custom', message: 'must be a domain such as acme.com' });
    return z.NEVER;
  })
  .meta({ example: 'acme.com' });

export const phoneNumber = z
  .string()
  .trim()
  .max(CONTACT_LIMITS.phone)
  .transform((v) => v.replace(/\s+/g, ' '))
  .pipe(
    z
      .string()
      .regex(
        /^\+?[0-9(][0-9 ().\-/]{3,30}(\s*(x|ext\.?)\s*\d{1,6})?$/i,
        'must be a phone number such as +44 20 7946 0958',
      ),
  );

export const tagList = z
  .array(
    z
      .string()
      .transform((v) => v.replace(/\s+/g, ' ').trim().toLowerCase())
      .pipe(
        z
          .string()
          .min(1, 'must not be empty')
          .max(CONTACT_LIMITS.tag, `must be at most ${CONTACT_LIMITS.tag} characters`),
      ),
  )
  .max(CONTACT_LIMITS.tags, `at most ${CONTACT_LIMITS.tags} tags`)
  .transform((tags) => [...new Set(tags)])
  .meta({ example: ['fintech', 'london'] });

export const SourceInputSchema = z
  .strictObject({
    url: webUrl(),
    pageTitle: lineText(300).nullish(),
    quote: requiredLine(2000).meta({ description: 'The exact text on the page that supports the field.' }),
    field: z.enum(SOURCED_FIELDS),
    fetchedAt: dateTime.optional(),
    authority: z
      .enum(SOURCE_AUTHORITIES)
      .nullish()
      .meta({ description: "first-party: on the domain of the person's company; third-party otherwise." }),
    agreeingSites: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .nullish()
      .meta({ description: 'How many independent sites showed this fact.' }),
  })
  .meta({ id: 'SourceInput' });
export type SourceInput = z.output<typeof SourceInputSchema>;

const contactFieldShape = {
  title: lineText(CONTACT_LIMITS.title).nullish(),
  company: lineText(CONTACT_LIMITS.company).nullish(),
  companyDomain: companyDomain.nullish(),
  email: emailAddress.nullish(),
  emailStatus: z
    .enum(EMAIL_STATUSES)
    .optional()
    .meta({ description: 'How the email was obtained. Defaults to "found" when an email is given, else "unknown".' }),
  phone: phoneNumber.nullish(),
  linkedinUrl: linkedinUrl.nullish(),
  location: lineText(CONTACT_LIMITS.location).nullish(),
  website: webUrl().nullish(),
  notes: longText(CONTACT_LIMITS.notes).nullish(),
  tags: tagList.optional(),
  ownerId: slackUserId.nullish(),
  nextFollowUpAt: dateTime.nullish(),
};

export const ContactCreateSchema = z
  .strictObject({
    fullName: requiredLine(CONTACT_LIMITS.fullName).meta({ example: 'Jane Doe' }),
    ...contactFieldShape,
    sources: z.array(SourceInputSchema).max(100).optional(),
  })
  .meta({ id: 'ContactCreate' });
export type ContactCreateInput = z.input<typeof ContactCreateSchema>;
export type ContactCreate = z.output<typeof ContactCreateSchema>;

export const ContactPatchSchema = z
  .strictObject({ fullName: requiredLine(CONTACT_LIMITS.fullName).optional(), ...contactFieldShape })
  .refine((patch) => Object.keys(patch).length > 0, 'give at least one field to change')
  .meta({ id: 'ContactPatch', description: 'Fields to change; null clears a field. `tags` replaces the whole set.' });
export type ContactPatch = z.output<typeof ContactPatchSchema>;

export const ContactReplaceSchema = z
  .strictObject({ fullName: requiredLine(CONTACT_LIMITS.fullName).meta({ example: 'Jane Doe' }), ...contactFieldShape })
  .meta({
    id: 'ContactReplace',
    description:
      'Every editable field of the contact: a field left out is cleared (tags: none). `emailStatus` left out is kept while the email stays the same, "found" for a new email, "unknown" without one. Sources, conversations and research links are not touched.',
  });
export type ContactReplace = z.output<typeof ContactReplaceSchema>;

/** The editable fields PUT replaces (everything but `fullName`, which it requires). */
export const REPLACEABLE_FIELDS = Object.keys(contactFieldShape) as (keyof typeof contactFieldShape)[];

const booleanFlag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const ContactListQuerySchema = z.strictObject({
  q: z.string().max(200, 'must be at most 200 characters').optional().meta({
    description: 'Words that must all appear in the name, title, company or email (case- and accent-insensitive).',
  }),
  owner: slackUserId.optional(),
  tag: z.string().trim().toLowerCase().min(1).max(40).optional(),
  company: z
    .string()
    .max(200)
    .optional()
    .meta({ description: 'Exact company, ignoring case, accents and legal form ("Acme Inc." = "acme").' }),
  followUpDue: booleanFlag.optional().meta({ description: 'Only contacts whose follow-up date has come.' }),
  limit: pageSize,
  cursor: uuidParam.optional().meta({ description: 'The `nextCursor` of the previous page.' }),
});
export type ContactListQuery = z.output<typeof ContactListQuerySchema>;

export const ContactSearchQuerySchema = ContactListQuerySchema.extend({
  q: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
});

// ---- what the API returns ----

export const ContactSchema = z
  .object({
    id: z.string(),
    fullName: z.string(),
    title: z.string().nullable(),
    company: z.string().nullable(),
    companyDomain: z.string().nullable(),
    email: z.string().nullable(),
    emailStatus: z.enum(EMAIL_STATUSES),
    phone: z.string().nullable(),
    linkedinUrl: z.string().nullable(),
    location: z.string().nullable(),
    website: z.string().nullable(),
    notes: z.string().nullable(),
    tags: z.array(z.string()),
    ownerId: z.string().nullable(),
    nextFollowUpAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Contact' });
export type ContactView = z.output<typeof ContactSchema>;

export const SourceSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    pageTitle: z.string().nullable(),
    quote: z.string(),
    field: z.string(),
    fetchedAt: z.string(),
    taskId: z.string().nullable(),
    missingSince: z.string().nullable().optional().meta({
      description:
        'Set when a re-check found that the page no longer shows this quote (or is gone): the fact may be out of date.',
    }),
    authority: z.enum(SOURCE_AUTHORITIES).nullish().meta({
      description: "first-party (the company's own domain) or third-party; null for sources not found by research.",
    }),
    agreeingSites: z
      .number()
      .nullish()
      .meta({ description: 'Independent sites that showed this fact; 2 or more: two independent sites agree.' }),
  })
  .meta({ id: 'Source' });
export type SourceView = z.output<typeof SourceSchema>;

export const ContactDetailSchema = ContactSchema.extend({
  conversations: z.array(ConversationSchema),
  sources: z.array(SourceSchema),
  research: z.array(z.object({ taskId: z.string(), outcome: z.enum(['new', 'merged']) })),
}).meta({ id: 'ContactDetail' });
export type ContactDetailView = z.output<typeof ContactDetailSchema>;

export const ContactPageSchema = z
  .object({ data: z.array(ContactSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'ContactPage' });

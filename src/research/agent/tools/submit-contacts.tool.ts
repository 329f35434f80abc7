import { z } from 'zod';

import { SOURCED_FIELDS } from '../../../crm/contacts/contact.schemas.js';
import { defineTool } from './tool.js';

const fact = (description: string) => z.string().max(500).nullable().describe(description);

export const SubmittedContactSchema = z.object({
  fullName: z.string().min(2).max(200).describe("The person's full name, as written on the page."),
  title: fact('Job title, or null.'),
  company: fact('Employer, or null.'),
  email: fact('Email address exactly as published on a page you read, or null. Never guess one.'),
  linkedinUrl: fact('LinkedIn profile URL linked from a page you read, or null.'),
  location: fact('City or region, or null.'),
  sources: z
    .array(
      z.object({
        url: z.string().max(2000).describe('A page you read with fetch_page.'),
        quote: z.string().max(1000).describe('The exact text on that page that shows the fact.'),
        field: z.enum(SOURCED_FIELDS).describe('Which field the quote supports.'),
      }),
    )
    .min(1)
    .max(30),
});
export type SubmittedContact = z.output<typeof SubmittedContactSchema>;

const args = z.object({ contacts: z.array(SubmittedContactSchema).max(100) });

/** Hands in people as they are found: each call's people are verified, stored and shown at once. */
export const submitContactsTool = defineTool({
  name: 'submit_contacts',
  description:
    'Hand in the people you have found so far — call it as soon as a page you read names someone who matches, as often as needed. Each call is verified against the pages you read and stored at once. Every field must be shown by a page you read; give each fact its source URL and the exact quote.',
  args,
  async run({ contacts }, context) {
    return context.submit(contacts);
  },
});

import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { z } from 'zod';

import { CSV_COLUMNS, CSV_QUOTE_ALSO, toCsvRecord } from '../../crm/contacts/contact-csv.js';
import {
  ContactCreateSchema,
  ContactDetailSchema,
  ContactListQuerySchema,
  ContactPageSchema,
  ContactPatchSchema,
  ContactReplaceSchema,
  ContactSchema,
  ContactSearchQuerySchema,
} from '../../crm/contacts/contact.schemas.js';
import { MAX_CSV_BYTES, MAX_CSV_ROWS, type ContactService } from '../../crm/contacts/contact.service.js';
import { pageSize, uuidParam } from '../../crm/field-rules.js';
import { ContactHistoryPageSchema } from '../../crm/history/contact-history.js';
import { AppError } from '../../errors.js';
import { defineRoute, type AnyRouteSpec } from '../route-table.js';
import { importResultJson } from './import-result-json.js';
import { idParams } from './route-params.js';

const MAX_IMPORT_ROWS = 10_000;

const ConflictSchema = z.object({ field: z.string(), kept: z.string(), offered: z.string() }).meta({
  id: 'MergeConflict',
  description: 'A value offered for a field the contact already had; the known value was kept.',
});

const CreateResultSchema = z
  .object({
    outcome: z.enum(['created', 'merged']),
    contact: ContactSchema,
    possibleDuplicates: z
      .array(z.string())
      .meta({ description: 'Contacts with the same name at the same company (not merged).' }),
    conflicts: z.array(ConflictSchema),
  })
  .meta({ id: 'ContactCreateResult' });

const ImportRowSchema = z.object({
  index: z
    .number()
    .meta({ description: 'Position of the row (0 = the first contact; for CSV the first line after the header).' }),
  line: z.number().optional().meta({ description: 'CSV only: the line the row starts on (1-based).' }),
  outcome: z.enum(['created', 'merged', 'rejected']),
  contactId: z
    .string()
    .optional()
    .meta({ description: 'The contact created or merged into (not given for rows created in a dry run).' }),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  possibleDuplicates: z.array(z.string()).optional(),
  conflicts: z.array(ConflictSchema).optional(),
});

const ImportResultSchema = z
  .object({
    dryRun: z.boolean().meta({ description: 'true: nothing was written; the outcomes say what would happen.' }),
    created: z.number(),
    merged: z.number(),
    rejected: z.number(),
    rows: z.array(ImportRowSchema),
    format: z
      .enum(['personablecrm', 'linkedin', 'hubspot', 'google', 'generic'])
      .optional()
      .meta({ description: 'CSV only: whose export the header looks like.' }),
    delimiter: z.string().optional().meta({ description: 'CSV only: the delimiter used.' }),
    headerLine: z.number().optional().meta({
      description: "CSV only: the line of the header row (lines before it, such as LinkedIn's notes, are skipped).",
    }),
    columns: z
      .array(z.object({ column: z.string(), field: z.string().nullable() }))
      .optional()
      .meta({
        description:
          'CSV only: each column and the contact field it fills (`ignored`: known, not stored; null: unknown).',
      }),
    unmappedColumns: z
      .array(z.string())
      .optional()
      .meta({ description: 'CSV only: columns no rule knows; their values were not imported.' }),
  })
  .meta({ id: 'ImportResult' });

const HistoryQuerySchema = z.strictObject({
  limit: pageSize,
  cursor: uuidParam.optional().meta({ description: 'The `nextCursor` of the previous page.' }),
});
const TrashSchema = z
  .object({
    data: z.array(
      z.object({
        id: z.string(),
        fullName: z.string(),
        company: z.string().nullable(),
        deletedAt: z.string(),
        deletedBy: z.string().nullable(),
        purgeAt: z.string(),
      }),
    ),
  })
  .meta({ id: 'Trash' });
const DELIMITERS = { comma: ',', semicolon: ';', tab: '\t' } as const;
const ImportQuerySchema = z.strictObject({
  dryRun: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .meta({ description: 'true: answer what would happen, write nothing.' }),
  delimiter: z
    .enum(['comma', 'semicolon', 'tab'])
    .optional()
    .meta({ description: 'CSV only: the delimiter, when the first line does not make it clear.' }),
});

const CsvQuerySchema = ContactListQuerySchema.omit({ limit: true, cursor: true });

export function contactRoutes(contacts: ContactService): AnyRouteSpec[] {
  return [
    defineRoute({
      method: 'get',
      operationId: 'listContacts',
      path: '/contacts',
      summary: 'List contacts, newest first (cursor pagination, filters, optional search)',
      tag: 'Contacts',
      query: ContactListQuerySchema,
      responses: { 200: { description: 'A page of contacts', schema: ContactPageSchema } },
      handle: async ({ query }) => ({ status: 200, body: await contacts.list(query) }),
    }),
    defineRoute({
      method: 'get',
      operationId: 'searchContacts',
      path: '/contacts/search',
      summary: 'Search contacts by name, title, company and email',
      tag: 'Contacts',
      query: ContactSearchQuerySchema,
      responses: { 200: { description: 'A page of matching contacts', schema: ContactPageSchema } },
      handle: async ({ query }) => ({ status: 200, body: await contacts.list(query) }),
    }),
    defineRoute({
      method: 'get',
      operationId: 'exportContactsCsv',
      path: '/contacts.csv',
      summary: 'Export contacts as CSV (streamed; same filters as the list)',
      tag: 'Contacts',
      query: CsvQuerySchema,
      responses: { 200: { description: 'CSV with a header row', schema: z.string(), contentType: 'text/csv' } },
      handle: async ({ query }, _req, res) => {
        res.status(200).setHeader('Content-Type', 'text/csv; charset=utf-8');
        res.setHeader('Content-Disposition', 'attachment; filename="contacts.csv"');
        const records = Readable.from(
          (async function* () {
            for await (const page of contacts.listAll(query)) for (const contact of page) yield toCsvRecord(contact);
          })(),
        );
        await pipeline(
          records,
          stringify({ header: true, columns: [...CSV_COLUMNS], quoted_match: CSV_QUOTE_ALSO }),
          res,
        );
        return 'handled';
      },
    }),
    defineRoute({
      method: 'get',
      path: '/contacts/trash',
      summary: 'Contacts in the trash, most recently deleted first, with when each will be purged',
      tag: 'Contacts',
      responses: { 200: { description: 'The trash', schema: TrashSchema } },
      handle: async () => ({ status: 200, body: { data: await contacts.listTrash(200) } }),
    }),
    defineRoute({
      method: 'post',
      operationId: 'createContact',
      path: '/contacts',
      summary: 'Create a contact, or merge it into the one with the same email or LinkedIn profile',
      tag: 'Contacts',
      // Validated by the service, as every row of an import is: a bad contact gets the same 400.
      body: z.unknown(),
      documentedBody: ContactCreateSchema,
      responses: {
        201: { description: 'Created', schema: CreateResultSchema },
        200: { description: 'Merged into an existing contact', schema: CreateResultSchema },
      },
      handle: async ({ body }) => {
        const result = await contacts.create(body);
        return {
          status: result.outcome === 'created' ? 201 : 200,
          body: result,
          headers: { Location: `/api/contacts/${result.contact.id}` },
        };
      },
    }),
    defineRoute({
      method: 'post',
      operationId: 'importContacts',
      path: '/contacts/import',
      summary: `Import contacts (JSON: up to ${MAX_IMPORT_ROWS}; CSV: up to ${MAX_CSV_ROWS}) with duplicate handling; reports each row`,
      tag: 'Contacts',
      query: ImportQuerySchema,
      body: z
        .array(z.unknown())
        .min(1, 'send at least one contact')
        .max(MAX_IMPORT_ROWS, `send at most ${MAX_IMPORT_ROWS} contacts per request`),
      documentedBody: z.array(ContactCreateSchema).max(MAX_IMPORT_ROWS),
      bodyLimit: '25mb',
      streamedBody: {
        contentType: 'text/csv',
        schema: z.string().meta({
          description: `UTF-8 CSV (with or without BOM; comma, semicolon or tab; quoted cells may hold line breaks), up to ${MAX_CSV_ROWS} rows and ${MAX_CSV_BYTES / 1_000_000} MB, with a header row: this API's own export, LinkedIn connections, HubSpot and Google Contacts exports, or generic names (name, first name, last name, email, company, title, phone, linkedin, website, location, notes, tags).`,
        }),
        handle: async ({ query }, req, res) => {
          const charset = /charset\s*=\s*"?([^";\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1]?.toLowerCase();
          if (charset && charset !== 'utf-8' && charset !== 'utf8')
            throw new AppError('validation_failed', `The CSV must be UTF-8, not ${charset}`);
          const declared = Number(req.headers['content-length']);
          if (declared > MAX_CSV_BYTES)
            throw new AppError('payload_too_large', `The CSV is larger than ${MAX_CSV_BYTES / 1_000_000} MB`);
          const options = {
            dryRun: query.dryRun,
            delimiter: query.delimiter ? DELIMITERS[query.delimiter] : undefined,
          };
          // Streamed from the import's outcome file, which is deleted once sent or when the client goes away.
          return contacts.importCsv(req, options, async (summary) => {
            res.status(200).setHeader('Content-Type', 'application/json; charset=utf-8');
            await pipeline(Readable.from(importResultJson(summary)), res).catch((error: unknown) => {
              // The client went away before the end (the import is done all the same): not our failure.
              if ((error as { code?: unknown }).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw error;
            });
            return 'handled' as const;
          });
        },
      },
      responses: { 200: { description: 'What happened to each row', schema: ImportResultSchema } },
      handle: async ({ body, query }) => ({
        status: 200,
        body: await contacts.importMany(body, { dryRun: query.dryRun }),
      }),
    }),
    defineRoute({
      method: 'get',
      operationId: 'getContact',
      path: '/contacts/:id',
      summary: 'One contact with its conversations, sources and research',
      tag: 'Contacts',
      params: idParams,
      responses: {
        200: { description: 'The contact', schema: ContactDetailSchema },
        404: { description: 'No such contact' },
      },
      handle: async ({ params }) => ({ status: 200, body: await contacts.get(params.id) }),
    }),
    defineRoute({
      method: 'patch',
      operationId: 'updateContact',
      path: '/contacts/:id',
      summary: 'Change fields of a contact (null clears a field)',
      tag: 'Contacts',
      params: idParams,
      body: ContactPatchSchema,
      responses: {
        200: { description: 'The changed contact', schema: ContactSchema },
        404: { description: 'No such contact' },
        409: { description: 'Another contact has this email or LinkedIn profile' },
      },
      handle: async ({ params, body }) => ({ status: 200, body: await contacts.update(params.id, body) }),
    }),
    defineRoute({
      method: 'put',
      operationId: 'replaceContact',
      path: '/contacts/:id',
      summary: 'Replace the editable fields of a contact (fields left out are cleared)',
      tag: 'Contacts',
      params: idParams,
      body: ContactReplaceSchema,
      responses: {
        200: { description: 'The contact as replaced', schema: ContactSchema },
        404: { description: 'No such contact' },
        409: { description: 'Another contact has this email or LinkedIn profile' },
      },
      handle: async ({ params, body }) => ({ status: 200, body: await contacts.replace(params.id, body) }),
    }),
    defineRoute({
      method: 'delete',
      operationId: 'deleteContact',
      path: '/contacts/:id',
      summary: 'Move a contact to the trash (restorable until it is purged after TRASH_RETENTION_DAYS)',
      tag: 'Contacts',
      params: idParams,
      responses: {
        204: { description: 'In the trash' },
        404: { description: 'No such contact (or already in the trash)' },
      },
      handle: async ({ params }) => {
        await contacts.delete(params.id);
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/contacts/:id/restore',
      summary: 'Take a contact out of the trash, with its conversations and sources',
      tag: 'Contacts',
      params: idParams,
      responses: {
        200: { description: 'The restored contact', schema: ContactSchema },
        404: { description: 'Not in the trash' },
        409: { description: 'The contact is not in the trash' },
      },
      handle: async ({ params }) => ({ status: 200, body: await contacts.restore(params.id) }),
    }),
    defineRoute({
      method: 'get',
      path: '/contacts/:id/history',
      summary: 'Who changed which field of a contact from what to what, and when (newest first)',
      tag: 'Contacts',
      params: idParams,
      query: HistoryQuerySchema,
      responses: {
        200: { description: 'A page of changes', schema: ContactHistoryPageSchema },
        404: { description: 'No such contact' },
      },
      handle: async ({ params, query }) => ({ status: 200, body: await contacts.history(params.id, query) }),
    }),
  ];
}

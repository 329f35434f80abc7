import type { AckFn, ViewOutput, ViewResponseAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';

import { ContactPatchSchema } from '../../../crm/contacts/contact.schemas.js';
import { ConversationCreateSchema } from '../../../crm/conversations/conversation.schemas.js';
import { slackActor } from '../../../crm/history/contact-history.js';
import { AppError } from '../../../errors.js';
import { contactDetailView, NOTE_PARTS, noteBlockId, type ModalMetadata } from '../../blocks/contact-modals.builder.js';
import type { SlackContext } from '../../slack-context.js';
import { slackErrorCode } from '../../slack-errors.js';
import type { ViewSubmissionCallback } from '../callbacks.js';
import { readMetadata } from '../view-metadata.js';
import { guardedSubmission } from './guarded-submission.js';
import { fieldErrorsFor, inputValue, rawInputValue } from './view-input.js';

const EDIT_FIELDS = [
  'fullName',
  'title',
  'company',
  'email',
  'phone',
  'linkedinUrl',
  'location',
  'website',
  'tags',
  'notes',
];

/** The notes, joined from the inputs the form spread them over (exactly as typed), or null when all are empty. */
function submittedNotes(view: ViewOutput): string | null {
  const joined = Array.from({ length: NOTE_PARTS }, (_, i) => rawInputValue(view, noteBlockId(i)) ?? '').join('');
  return joined.trim() === '' ? null : joined;
}

/** After a form closes, the detail view under it shows the change. */
async function refreshParent(ctx: SlackContext, client: WebClient, meta: ModalMetadata): Promise<void> {
  if (!meta.parentViewId || !meta.contactId) return;
  try {
    const contact = await ctx.contacts.get(meta.contactId);
    await client.views.update({
      view_id: meta.parentViewId,
      view: contactDetailView(contact, { openedBy: meta.openedBy }),
    });
  } catch (error) {
    // The detail view may have been closed meanwhile; nothing is lost, the change is saved.
    ctx.logger.debug({ err: error, code: slackErrorCode(error) }, 'detail view not refreshed');
  }
}

/** Bolt types a view handler's ack as either kind (submission or close). */
type Ack = AckFn<void> | AckFn<ViewResponseAction>;

/** Checks the form is the submitter's own and about a contact; answers the error itself otherwise. */
async function ownForm(
  view: ViewOutput,
  userId: string,
  ack: Ack,
  firstBlock: string,
): Promise<(ModalMetadata & { contactId: string }) | undefined> {
  const meta = readMetadata(view.private_metadata);
  if (!meta || meta.openedBy !== userId || !meta.contactId) {
    await ack({ response_action: 'errors', errors: { [firstBlock]: 'This form was opened by someone else.' } });
    return undefined;
  }
  return meta as ModalMetadata & { contactId: string };
}

/** The edit form submitted. */
export function contactEditSubmission(ctx: SlackContext): ViewSubmissionCallback {
  return async ({ ack: rawAck, view, body, client }) =>
    guardedSubmission(
      { ack: rawAck, logger: ctx.logger, client, userId: body.user.id, firstBlock: 'fullName' },
      async (ack) => {
        const meta = await ownForm(view, body.user.id, ack, 'fullName');
        if (!meta) return;
        const values = Object.fromEntries(
          EDIT_FIELDS.map((f) => [f, f === 'notes' ? submittedNotes(view) : inputValue(view, f)]),
        );
        const parsed = ContactPatchSchema.safeParse({
          ...values,
          fullName: values.fullName ?? '',
          tags: (values.tags ?? '')
            .split(',')
            .map((t) => t.trim())
            .filter(Boolean),
        });
        if (!parsed.success) {
          await ack({ response_action: 'errors', errors: fieldErrorsFor(parsed.error, EDIT_FIELDS) });
          return;
        }
        try {
          await ctx.contacts.update(meta.contactId, parsed.data, slackActor(body.user.id));
        } catch (error) {
          if (error instanceof AppError && error.code === 'conflict') {
            const field = (error.details as { field?: string } | undefined)?.field ?? 'email';
            await ack({ response_action: 'errors', errors: { [field]: error.message } });
            return;
          }
          if (error instanceof AppError && error.code === 'not_found') {
            await ack({ response_action: 'errors', errors: { fullName: 'This contact has been deleted meanwhile.' } });
            return;
          }
          throw error;
        }
        await ack();
        await refreshParent(ctx, client, meta);
      },
    );
}

/** The conversation form submitted. */
export function conversationLogSubmission(ctx: SlackContext): ViewSubmissionCallback {
  return async ({ ack: rawAck, view, body, client }) =>
    guardedSubmission(
      { ack: rawAck, logger: ctx.logger, client, userId: body.user.id, firstBlock: 'kind' },
      async (ack) => {
        const meta = await ownForm(view, body.user.id, ack, 'kind');
        if (!meta) return;
        const parsed = ConversationCreateSchema.safeParse({
          kind: inputValue(view, 'kind'),
          subject: inputValue(view, 'subject'),
          body: inputValue(view, 'body'),
          ...(inputValue(view, 'occurredAt') ? { occurredAt: inputValue(view, 'occurredAt') } : {}),
          loggedBy: body.user.id,
        });
        if (!parsed.success) {
          await ack({
            response_action: 'errors',
            errors: fieldErrorsFor(parsed.error, ['kind', 'subject', 'body', 'occurredAt']),
          });
          return;
        }
        try {
          await ctx.conversations.add(meta.contactId, parsed.data);
        } catch (error) {
          if (error instanceof AppError && error.code === 'not_found') {
            await ack({ response_action: 'errors', errors: { kind: 'This contact has been deleted meanwhile.' } });
            return;
          }
          throw error;
        }
        await ack();
        await refreshParent(ctx, client, meta);
      },
    );
}

/** The follow-up form submitted. */
export function followUpSubmission(ctx: SlackContext): ViewSubmissionCallback {
  return async ({ ack: rawAck, view, body, client }) =>
    guardedSubmission(
      { ack: rawAck, logger: ctx.logger, client, userId: body.user.id, firstBlock: 'nextFollowUpAt' },
      async (ack) => {
        const meta = await ownForm(view, body.user.id, ack, 'nextFollowUpAt');
        if (!meta) return;
        const parsed = ContactPatchSchema.safeParse({ nextFollowUpAt: inputValue(view, 'nextFollowUpAt') });
        if (!parsed.success) {
          await ack({ response_action: 'errors', errors: fieldErrorsFor(parsed.error, ['nextFollowUpAt']) });
          return;
        }
        try {
          await ctx.contacts.update(meta.contactId, parsed.data, slackActor(body.user.id));
        } catch (error) {
          if (error instanceof AppError && error.code === 'not_found') {
            await ack({
              response_action: 'errors',
              errors: { nextFollowUpAt: 'This contact has been deleted meanwhile.' },
            });
            return;
          }
          throw error;
        }
        await ack();
        await refreshParent(ctx, client, meta);
      },
    );
}

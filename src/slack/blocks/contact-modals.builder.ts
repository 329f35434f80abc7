import type { KnownBlock, ModalView } from '@slack/types';

import { CONTACT_LIMITS, type ContactDetailView, type ContactView } from '../../crm/contacts/contact.schemas.js';
import { CONVERSATION_KINDS, CONVERSATION_LIMITS } from '../../crm/conversations/conversation.schemas.js';
import { ACTIONS, CALLBACKS, INPUT_ACTION } from './action-ids.js';
import { button, context, encodeMetadata, escapeText, LIMITS, link, plain, section, truncate } from './block-kit.js';

/** What every modal of this app carries: who opened it (no one else may submit it) and what it is about. */
export interface ModalMetadata {
  openedBy: string;
  contactId?: string;
  /** The view to refresh after this one is submitted (the detail view under an edit form). */
  parentViewId?: string;
  channelId?: string;
  threadTs?: string;
}

const modal = (
  callbackId: string,
  title: string,
  blocks: KnownBlock[],
  meta: ModalMetadata,
  submit?: string,
): ModalView => ({
  type: 'modal',
  callback_id: callbackId,
  title: plain(truncate(title, LIMITS.modalTitle), LIMITS.modalTitle),
  close: plain('Close', LIMITS.modalButton),
  ...(submit ? { submit: plain(submit, LIMITS.modalButton) } : {}),
  private_metadata: encodeMetadata({ ...meta }),
  blocks: blocks.slice(0, LIMITS.blocksPerView),
});

const MAX_RESULTS = 40;

function oneLine(contact: ContactView): string {
  const role = [contact.title, contact.company].filter(Boolean).join(', ');
  return `*${escapeText(contact.fullName)}*${role ? `\n${escapeText(role)}` : ''}${contact.email ? `\n${escapeText(contact.email)}` : ''}`;
}

/**
 * The lookup modal: a search box that searches as you type (and on Search), and the matches.
 * A view with an input block must have a submit button
 * (https://docs.slack.dev/reference/views/modal-views: "submit is required when an input block is within the blocks array").
 */
export function contactSearchView(input: {
  query: string;
  results: ContactView[];
  hasMore: boolean;
  meta: ModalMetadata;
  error?: string;
}): ModalView {
  const blocks: KnownBlock[] = [
    {
      type: 'input',
      block_id: 'search',
      dispatch_action: true,
      label: plain('Search by name, company, title or email', LIMITS.inputLabel),
      element: {
        type: 'plain_text_input',
        action_id: ACTIONS.contactSearchInput,
        ...(input.query ? { initial_value: truncate(input.query, 200) } : {}),
        placeholder: plain('e.g. Jane Acme', LIMITS.placeholder),
        dispatch_action_config: { trigger_actions_on: ['on_character_entered', 'on_enter_pressed'] },
      },
    },
  ];
  if (input.error) blocks.push(section(`:warning: ${escapeText(input.error)}`));
  else if (input.results.length === 0) {
    blocks.push(
      section(
        input.query
          ? `No contacts match “${escapeText(truncate(input.query, 200))}”.`
          : 'No contacts yet. Add some with `/research`.',
      ),
    );
  }
  for (const contact of input.results.slice(0, MAX_RESULTS)) {
    blocks.push({
      type: 'section',
      block_id: `result:${contact.id}`,
      text: { type: 'mrkdwn', text: truncate(oneLine(contact), LIMITS.sectionText) },
      accessory: button('View', ACTIONS.contactView, contact.id),
    });
  }
  if (input.hasMore || input.results.length > MAX_RESULTS)
    blocks.push(context(['More contacts match: type more to narrow the search.']));
  return modal(CALLBACKS.contactSearch, 'Contacts', blocks, input.meta, 'Search');
}

const fieldLine = (label: string, value: string | null | undefined) => (value ? `*${label}*\n${value}` : null);

/** One contact: facts, follow-up, sources, latest conversations, and what can be done. */
export function contactDetailView(contact: ContactDetailView, meta: ModalMetadata): ModalView {
  const facts = [
    fieldLine('Title', contact.title && escapeText(contact.title)),
    fieldLine('Company', contact.company && escapeText(contact.company)),
    fieldLine('Location', contact.location && escapeText(contact.location)),
    fieldLine('Email', contact.email && `${escapeText(contact.email)} (${contact.emailStatus})`),
    fieldLine('Phone', contact.phone && escapeText(contact.phone)),
    fieldLine('LinkedIn', contact.linkedinUrl && link(contact.linkedinUrl, 'profile')),
    fieldLine('Website', contact.website && link(contact.website, contact.website)),
    fieldLine('Owner', contact.ownerId && `<@${contact.ownerId}>`),
    fieldLine('Follow-up', contact.nextFollowUpAt ? contact.nextFollowUpAt.slice(0, 10) : 'none set'),
    fieldLine('Tags', contact.tags.length ? contact.tags.map(escapeText).join(', ') : null),
  ].filter((f): f is string => f !== null);
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain(contact.fullName, LIMITS.headerText) },
    {
      type: 'section',
      fields: facts
        .slice(0, LIMITS.fieldsPerSection)
        .map((text) => ({ type: 'mrkdwn' as const, text: truncate(text, LIMITS.sectionField) })),
    },
  ];
  if (contact.notes) {
    const shown = truncate(contact.notes, 2500);
    const rest = contact.notes.length - shown.length + 1;
    blocks.push(
      section(
        `*Notes*\n${escapeText(shown)}${shown.length < contact.notes.length ? `\n_${rest} more characters: Edit shows all of them_` : ''}`,
      ),
    );
  }
  blocks.push({
    type: 'actions',
    block_id: 'contact_actions',
    elements: [
      button('Edit', ACTIONS.contactEdit, contact.id, { style: 'primary' }),
      button('Log conversation', ACTIONS.contactLogConversation, contact.id),
      button('Set follow-up', ACTIONS.contactFollowUp, contact.id),
      button('History', ACTIONS.contactHistory, contact.id),
      button('Enrich', ACTIONS.contactEnrich, contact.id),
      button('Delete', ACTIONS.contactDelete, contact.id, {
        style: 'danger',
        confirm: {
          title: 'Delete this contact?',
          text: `${contact.fullName} goes to the trash with their conversations and sources, and can be restored from there for a while.`,
          confirm: 'Delete',
          deny: 'Keep',
        },
      }),
    ],
  });
  if (contact.sources.length) {
    blocks.push({ type: 'divider' }, section('*Sources*'));
    for (const s of contact.sources.slice(0, 15)) {
      blocks.push(
        context([
          `_${s.field}_ · ${link(s.url, truncate(s.pageTitle || s.url, 80))}: “${escapeText(truncate(s.quote, 200))}”${s.missingSince ? ' · _no longer on the page_' : ''}`,
        ]),
      );
    }
    if (contact.sources.length > 15) blocks.push(context([`and ${contact.sources.length - 15} more`]));
  }
  blocks.push({ type: 'divider' }, section('*Conversations*'));
  if (contact.conversations.length === 0) blocks.push(context(['None logged yet.']));
  for (const c of contact.conversations.slice(0, 10)) {
    blocks.push(
      section(
        `*${c.kind}* · ${c.occurredAt.slice(0, 10)}${c.loggedBy ? ` · <@${c.loggedBy}>` : ''}\n${escapeText(truncate([c.subject, c.body].filter(Boolean).join(' — '), 2800))}`,
      ),
    );
  }
  return modal(CALLBACKS.contactDetail, contact.fullName, blocks, { ...meta, contactId: contact.id });
}

function textInput(
  field: string,
  label: string,
  value: string | null | undefined,
  options: { multiline?: boolean; optional?: boolean; hint?: string; max?: number } = {},
): KnownBlock {
  return {
    type: 'input',
    block_id: field,
    optional: options.optional ?? true,
    label: plain(label, LIMITS.inputLabel),
    ...(options.hint ? { hint: plain(options.hint, 2000) } : {}),
    element: {
      type: 'plain_text_input',
      action_id: INPUT_ACTION,
      multiline: options.multiline ?? false,
      ...(options.max ? { max_length: options.max } : {}),
      ...(value ? { initial_value: truncate(value, options.max ?? 3000) } : {}),
    },
  };
}

/** A plain_text_input holds at most 3000 characters (https://docs.slack.dev/reference/block-kit/block-elements/plain-text-input-element). */
const INPUT_MAX = 3000;
/** Notes may be 10,000 characters (the API's limit): the edit form spreads them over this many inputs. */
export const NOTE_PARTS = Math.ceil(CONTACT_LIMITS.notes / INPUT_MAX);
export const noteBlockId = (part: number) => (part === 0 ? 'notes' : `notes_${part + 1}`);

/**
 * Notes cut into inputs of at most 3000 characters, never inside an emoji; joined again they are the notes, exactly.
 */
export function splitNotes(notes: string): string[] {
  const parts: string[] = [];
  let rest = notes;
  while (rest.length > INPUT_MAX) {
    let cut = INPUT_MAX;
    const code = rest.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    parts.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  parts.push(rest);
  return parts;
}

function noteInputs(notes: string | null): KnownBlock[] {
  const parts = splitNotes(notes ?? '');
  // One more (empty) input to write on in, while there is room for more notes.
  const count = Math.min(NOTE_PARTS, parts.length + (parts.at(-1)!.length > INPUT_MAX - 1000 ? 1 : 0));
  return Array.from({ length: count }, (_, i) =>
    textInput(noteBlockId(i), i === 0 ? 'Notes' : `Notes, continued (${i + 1} of ${count})`, parts[i] ?? null, {
      multiline: true,
      max: INPUT_MAX,
      ...(i === 0 && count > 1 ? { hint: 'Long notes continue in the boxes below.' } : {}),
    }),
  );
}

/** The edit form: the fields of a contact; validated on submit with the API's own rules. */
export function contactEditView(contact: ContactView, meta: ModalMetadata): ModalView {
  return modal(
    CALLBACKS.contactEdit,
    'Edit contact',
    [
      textInput('fullName', 'Name', contact.fullName, { optional: false, max: CONTACT_LIMITS.fullName }),
      textInput('title', 'Title', contact.title, { max: CONTACT_LIMITS.title }),
      textInput('company', 'Company', contact.company, { max: CONTACT_LIMITS.company }),
      textInput('email', 'Email', contact.email, { max: CONTACT_LIMITS.email }),
      textInput('phone', 'Phone', contact.phone, { max: CONTACT_LIMITS.phone }),
      textInput('linkedinUrl', 'LinkedIn profile', contact.linkedinUrl, { max: CONTACT_LIMITS.linkedinUrl }),
      textInput('location', 'Location', contact.location, { max: CONTACT_LIMITS.location }),
      textInput('website', 'Website', contact.website, { max: INPUT_MAX }),
      textInput('tags', 'Tags', contact.tags.join(', '), { hint: 'Separated by commas', max: INPUT_MAX }),
      ...noteInputs(contact.notes),
    ],
    { ...meta, contactId: contact.id },
    'Save',
  );
}

/**
 * Log a call, meeting, email, Slack thread or note. The date has no initial value: a default
 * computed here would be the server's (UTC) day, not the person's; left empty it means now.
 */
export function conversationLogView(contact: ContactView, meta: ModalMetadata, _now?: Date): ModalView {
  return modal(
    CALLBACKS.conversationLog,
    'Log conversation',
    [
      section(`With *${escapeText(contact.fullName)}*`),
      {
        type: 'input',
        block_id: 'kind',
        label: plain('Kind'),
        element: {
          type: 'static_select',
          action_id: INPUT_ACTION,
          initial_option: { text: plain('Call'), value: 'call' },
          options: CONVERSATION_KINDS.map((k) => ({ text: plain(k[0]!.toUpperCase() + k.slice(1)), value: k })),
        },
      },
      textInput('subject', 'Subject', null, { max: CONVERSATION_LIMITS.subject }),
      textInput('body', 'What was said', null, { multiline: true, max: INPUT_MAX }),
      {
        type: 'input',
        block_id: 'occurredAt',
        optional: true,
        label: plain('When'),
        hint: plain('Leave empty for now.'),
        element: { type: 'datepicker', action_id: INPUT_ACTION, placeholder: plain('Today', LIMITS.placeholder) },
      },
    ],
    { ...meta, contactId: contact.id },
    'Log',
  );
}

/**
 * Set or clear the next follow-up date. The datepicker starts empty (Slack's datepicker cannot be
 * emptied once it holds a date), so "leave empty to clear" works; the current date is shown above it.
 */
export function followUpView(contact: ContactView, meta: ModalMetadata, _now?: Date): ModalView {
  const current = contact.nextFollowUpAt ? `Currently ${contact.nextFollowUpAt.slice(0, 10)}.` : 'No follow-up is set.';
  return modal(
    CALLBACKS.followUp,
    'Follow up',
    [
      section(`When should someone get back to *${escapeText(contact.fullName)}*? ${current}`),
      {
        type: 'input',
        block_id: 'nextFollowUpAt',
        optional: true,
        label: plain('Follow-up date'),
        hint: plain(
          contact.nextFollowUpAt ? 'Leave empty to clear the follow-up.' : 'Pick a date; leave empty for none.',
        ),
        element: { type: 'datepicker', action_id: INPUT_ACTION, placeholder: plain('Pick a date', LIMITS.placeholder) },
      },
    ],
    { ...meta, contactId: contact.id },
    'Save',
  );
}

/** A modal that only says something (a contact deleted meanwhile, an error); optionally with one button. */
export function noticeView(
  title: string,
  text: string,
  meta: ModalMetadata,
  action?: { text: string; actionId: string; value: string },
): ModalView {
  const blocks: KnownBlock[] = [section(escapeText(text))];
  if (action)
    blocks.push({
      type: 'actions',
      block_id: 'notice_actions',
      elements: [button(action.text, action.actionId, action.value)],
    });
  return modal(CALLBACKS.contactDetail, title, blocks, meta);
}

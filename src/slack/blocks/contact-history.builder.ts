import type { KnownBlock, ModalView } from '@slack/types';

import type { ContactChangeView } from '../../crm/history/contact-history.js';
import { ACTIONS, CALLBACKS } from './action-ids.js';
import { button, context, encodeMetadata, escapeText, LIMITS, plain, section, truncate } from './block-kit.js';

/** Who changed it, as Slack shows it: a mention for a person, plain words for the rest. */
export function actorLabel(actor: string): string {
  if (actor.startsWith('slack:')) return `<@${actor.slice(6)}>`;
  if (actor.startsWith('research:')) return `research \`${actor.slice(9)}\``;
  if (actor === 'api') return 'the admin API';
  if (actor === 'import') return 'an import';
  return escapeText(actor);
}

const FIELD_LABELS: Record<string, string> = {
  fullName: 'Name',
  title: 'Title',
  company: 'Company',
  companyDomain: 'Company domain',
  email: 'Email',
  emailStatus: 'Email status',
  phone: 'Phone',
  linkedinUrl: 'LinkedIn',
  location: 'Location',
  website: 'Website',
  notes: 'Notes',
  ownerId: 'Owner',
  nextFollowUpAt: 'Follow-up',
  tags: 'Tags',
};

const value = (v: string | null) => (v === null ? '_empty_' : `“${escapeText(truncate(v, 300))}”`);

function describe(change: ContactChangeView): string {
  if (change.action === 'created') return 'added the contact';
  if (change.action === 'deleted') return 'moved the contact to the trash';
  if (change.action === 'restored') return 'restored the contact from the trash';
  const field = change.field ? (FIELD_LABELS[change.field] ?? change.field) : 'a field';
  return `${change.action === 'merged' ? 'merged in' : 'changed'} *${field}*: ${value(change.before)} → ${value(change.after)}`;
}

/** The History modal: the newest changes first, each with who and when. */
export function contactHistoryView(input: {
  fullName: string;
  changes: ContactChangeView[];
  more: boolean;
  openedBy: string;
  contactId: string;
}): ModalView {
  const blocks: KnownBlock[] = [section(`*${escapeText(truncate(input.fullName, 200))}* — who changed what`)];
  if (input.changes.length === 0) blocks.push(context(['No changes recorded yet.']));
  for (const change of input.changes.slice(0, 45)) {
    blocks.push(
      section(truncate(`${actorLabel(change.actor)} ${describe(change)}`, LIMITS.sectionText)),
      context([`<!date^${Math.floor(Date.parse(change.at) / 1000)}^{date_short_pretty} {time}|${change.at}>`]),
    );
  }
  if (input.more) blocks.push(context(['Older changes: GET /api/contacts/:id/history']));
  return {
    type: 'modal',
    callback_id: CALLBACKS.contactDetail,
    title: plain('History', LIMITS.modalTitle),
    close: plain('Back', LIMITS.modalButton),
    private_metadata: encodeMetadata({ openedBy: input.openedBy, contactId: input.contactId }),
    blocks: blocks.slice(0, 100),
  };
}

/** `/contacts trash`: what is in the trash, each with Restore, for the asker alone. */
export function trashMessage(
  items: { id: string; fullName: string; company: string | null; deletedBy: string | null; purgeAt: string }[],
): { text: string; blocks: KnownBlock[] } {
  if (items.length === 0) return { text: 'The trash is empty.', blocks: [section('The trash is empty.')] };
  const blocks: KnownBlock[] = [
    section(
      `*Trash* — ${items.length === 1 ? 'one contact' : `${items.length} contacts`}, purged for good on the date shown`,
    ),
  ];
  for (const item of items.slice(0, 24)) {
    const who = item.deletedBy ? ` · deleted by ${actorLabel(item.deletedBy)}` : '';
    blocks.push({
      type: 'section',
      block_id: `trash:${item.id}`,
      text: {
        type: 'mrkdwn',
        text: truncate(
          `*${escapeText(item.fullName)}*${item.company ? `, ${escapeText(item.company)}` : ''}${who} · until ${item.purgeAt.slice(0, 10)}`,
          LIMITS.sectionText,
        ),
      },
      accessory: button('Restore', ACTIONS.contactRestore, item.id),
    });
  }
  return { text: `Trash: ${items.length} contact(s)`, blocks };
}

import type { KnownBlock } from '@slack/types';

import type { DigestData } from '../../digest/digest-data.js';
import { ACTIONS } from './action-ids.js';
import { blockChars, context, escapeText, LIMITS, mrkdwn, plain, section, truncate } from './block-kit.js';
import type { SlackMessage } from './research-messages.builder.js';

const day = (iso: string, timezone: string) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(new Date(iso));
const who = (user: string | null) =>
  user && /^[UW][A-Z0-9]+$/.test(user)
    ? `<@${user}>`
    : user === 'api'
      ? 'the API'
      : user === 'cli'
        ? 'the command line'
        : 'someone';

/** Lines packed into as few sections as Slack's 3000 characters allow. */
function packed(heading: string, lines: string[]): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  let current = heading;
  for (const line of lines) {
    if (current.length + line.length + 1 > LIMITS.sectionText - 50) {
      blocks.push(section(current));
      current = '';
    }
    current += `${current ? '\n' : ''}${line}`;
  }
  if (current) blocks.push(section(current));
  return blocks;
}

export function followUpLine(
  contact: DigestData['followUps'][number]['contacts'][number],
  timezone: string,
  preview = false,
): KnownBlock {
  const text = mrkdwn(
    `${contact.overdue ? ':red_circle:' : ':large_yellow_circle:'} *${escapeText(contact.fullName)}*${contact.company ? ` · ${escapeText(contact.company)}` : ''} — due ${day(contact.dueAt, timezone)}${contact.overdue ? ' _(overdue)_' : ''}`,
  );
  // A preview is read-only: its buttons would change real data from a message that cannot be updated.
  if (preview) return { type: 'section', block_id: `followup:${contact.id}`, text };
  return {
    type: 'section',
    block_id: `followup:${contact.id}`,
    text,
    accessory: {
      type: 'overflow',
      action_id: ACTIONS.digestFollowUp,
      options: [
        { text: plain('View', 75), value: `view:${contact.id}` },
        { text: plain('Mark done', 75), value: `done:${contact.id}` },
        { text: plain('Snooze a week', 75), value: `snooze:${contact.id}` },
      ],
    },
  };
}

/**
 * A digest as Slack messages: one, unless Slack's limits (50 blocks, ~11k characters) force more.
 * New contacts are listed compactly per research; each due follow-up gets its own line with
 * View / Mark done / Snooze a week.
 */
export function digestMessages(data: DigestData, options: { preview?: boolean } = {}): SlackMessage[] {
  const tz = data.period.timezone;
  const newCount = data.newContacts.reduce((n, g) => n + g.contacts.length, 0);
  const dueCount = data.followUps.reduce((n, g) => n + g.contacts.length, 0);
  const summary = `${newCount} new contact${newCount === 1 ? '' : 's'} · ${data.research.succeeded.length + data.research.failed.length} research task${data.research.succeeded.length + data.research.failed.length === 1 ? '' : 's'} finished · ${dueCount} follow-up${dueCount === 1 ? '' : 's'} due`;
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain(`Digest · ${day(data.period.start, tz)}`, LIMITS.headerText) },
    context([summary]),
  ];
  if (newCount === 0 && dueCount === 0 && data.research.succeeded.length + data.research.failed.length === 0)
    blocks.push(section('Nothing new since the last digest.'));
  for (const group of data.newContacts) {
    const heading = group.research
      ? `*New from research* “${escapeText(truncate(group.research.query, 200))}” by ${who(group.research.requestedBy)}`
      : '*New, added by import or the API*';
    blocks.push(
      ...packed(
        heading,
        group.contacts.map(
          (c) =>
            `• ${escapeText(c.fullName)}${c.title || c.company ? ` — ${escapeText([c.title, c.company].filter(Boolean).join(', '))}` : ''}`,
        ),
      ),
    );
  }
  const researchLines = [
    ...data.research.succeeded.map(
      (t) =>
        `:white_check_mark: “${escapeText(truncate(t.query, 200))}” by ${who(t.requestedBy)}: ${t.new} new, ${t.merged} already known`,
    ),
    ...data.research.failed.map(
      (t) =>
        `:x: “${escapeText(truncate(t.query, 200))}” by ${who(t.requestedBy)}: ${escapeText(truncate(t.error ?? 'failed', 300))}`,
    ),
  ];
  if (researchLines.length) blocks.push(...packed('*Research*', researchLines));
  for (const group of data.followUps) {
    blocks.push(
      section(
        `*Follow-ups due for ${group.ownerId ? `<@${group.ownerId}>` : 'contacts without an owner'}* (${group.contacts.length})`,
      ),
    );
    for (const contact of group.contacts) blocks.push(followUpLine(contact, tz, options.preview ?? false));
  }

  const parts: KnownBlock[][] = [];
  let current: KnownBlock[] = [];
  for (const block of blocks) {
    if (
      current.length &&
      (current.length + 1 > LIMITS.blocksPerMessage - 1 || blockChars([...current, block]) > LIMITS.messageChars)
    ) {
      parts.push(current);
      current = [];
    }
    current.push(block);
  }
  if (current.length) parts.push(current);
  return parts.map((part, i) => ({
    text: truncate(
      `Digest ${day(data.period.start, tz)}${parts.length > 1 ? ` (part ${i + 1} of ${parts.length})` : ''}: ${summary}`,
      LIMITS.messageText,
    ),
    blocks: i === 0 ? part : [context([`Digest, part ${i + 1} of ${parts.length}`]), ...part],
  }));
}

/**
 * The next digest as one ephemeral reply (a response_url takes 5 messages at most, and an
 * ephemeral message cannot be updated, so it has no buttons): the first part, and how much more
 * the real digest will hold.
 */
export function digestPreviewMessage(data: DigestData): SlackMessage {
  const parts = digestMessages(data, { preview: true });
  const first = parts[0]!;
  const note =
    parts.length > 1
      ? [context([`_Preview: the first of ${parts.length} messages the digest will post. Only you can see this._`])]
      : [context(['_Preview: only you can see this._'])];
  return {
    text: `Preview (only you can see this): ${first.text}`,
    blocks: [...first.blocks.slice(0, LIMITS.blocksPerMessage - 1), ...note],
  };
}

/** What a follow-up line becomes once someone acted on it. */
export function followUpDoneNote(
  fullName: string,
  userId: string,
  what: 'done' | 'snoozed',
  until?: string,
): KnownBlock {
  return context([
    what === 'done'
      ? `:white_check_mark: ~${escapeText(fullName)}~ followed up by <@${userId}>`
      : `:alarm_clock: ${escapeText(fullName)}: snoozed to ${until} by <@${userId}>`,
  ]);
}

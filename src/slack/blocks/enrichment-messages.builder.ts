import type { KnownBlock } from '@slack/types';

import type { ResearchTaskDetailView } from '../../research/research-task.schemas.js';
import { ACTIONS } from './action-ids.js';
import {
  blockChars,
  button,
  context,
  escapeText,
  LIMITS,
  link,
  section,
  truncate,
  truncateMrkdwn,
} from './block-kit.js';
import type { SlackMessage } from './research-messages.builder.js';

/** The words people use for the contact fields an enrichment may fill. */
const FIELD_NAMES: Record<string, string> = {
  title: 'Title',
  company: 'Company',
  companyDomain: 'Company domain',
  email: 'Email',
  phone: 'Phone',
  linkedinUrl: 'LinkedIn',
  location: 'Location',
  website: 'Website',
};
const fieldName = (field: string): string => FIELD_NAMES[field] ?? field;

const hostOf = (url: string): string => {
  try {
    return new URL(url).hostname;
  } catch {
    return 'page';
  }
};

/** Up to two pages, as links named by their site (the rest counted). */
function pages(urls: readonly string[]): string {
  const unique = [...new Set(urls)];
  if (unique.length === 0) return '_no page recorded_';
  const shown = unique.slice(0, 2).map((u) => link(u, truncate(hostOf(u), 60)));
  return `${shown.join(', ')}${unique.length > 2 ? ` and ${unique.length - 2} more` : ''}`;
}

const quoted = (value: string): string => `“${escapeText(truncate(value, 200))}”`;

/**
 * What an enrichment found, for the person who asked: the fields filled (each with the page it was
 * read on), the values that differ from what is known (kept, with the pages behind both), the
 * facts verification left out and the namesakes not merged — or that nothing new was found. Split
 * into as many messages as Slack's limits need (50 blocks, about 11k characters each), each line
 * within a section's 3,000 characters; never one message Slack would refuse.
 */
export function enrichmentResultMessages(task: ResearchTaskDetailView, contactName: string): SlackMessage[] {
  const who = escapeText(truncate(contactName, 150));
  const changes = task.changes;
  const contact = task.contacts.find((c) => c.id === task.contactId);
  const sourcesFor = (field: string) => (contact?.sources ?? []).filter((s) => s.field === field).map((s) => s.url);
  const lines: string[] = [];
  let headline: string;
  if (task.status === 'cancelled') return [];
  if (!changes || !changes.matched) {
    headline =
      task.status === 'failed'
        ? `:x: The research on *${who}* stopped before it found this person: nothing was changed.`
        : `:white_circle: Nothing new on *${who}*: no page read showed this person${changes?.namesakes.length ? ' (only namesakes, below)' : ''}. Nothing was changed.`;
  } else if (changes.filled.length === 0 && changes.conflicts.length === 0 && changes.sourcesAdded === 0) {
    headline = `:white_circle: Nothing new on *${who}*: the pages read show what is already known.`;
  } else {
    const counts = [
      changes.filled.length && `${changes.filled.length} field${changes.filled.length === 1 ? '' : 's'} added`,
      changes.conflicts.length &&
        `${changes.conflicts.length} differing value${changes.conflicts.length === 1 ? '' : 's'} left for you to check`,
      changes.sourcesAdded && `${changes.sourcesAdded} new source${changes.sourcesAdded === 1 ? '' : 's'}`,
    ].filter(Boolean);
    headline = `:white_check_mark: Enriched *${who}*: ${counts.join(', ')}.`;
  }
  for (const f of changes?.matched ? changes.filled : [])
    lines.push(
      `:heavy_plus_sign: *${fieldName(f.field)}* added: ${quoted(f.value)} — from ${pages(sourcesFor(f.field))}`,
    );
  for (const c of changes?.matched ? changes.conflicts : []) {
    lines.push(
      `:warning: *${fieldName(c.field)}* not changed: known ${quoted(c.kept)} (${pages(c.keptSources)}), a page shows ${quoted(c.offered)} (${pages(c.offeredSources)}). Edit the contact if the new value is right.`,
    );
  }
  const rejections = task.rejections ?? { people: [], facts: [] };
  for (const r of rejections.facts)
    lines.push(
      `:no_entry_sign: *${fieldName(r.field)}* ${quoted(r.value)} left out: ${escapeText(truncate(r.reason, 300))}`,
    );
  for (const n of changes?.namesakes ?? []) {
    lines.push(
      `:bust_in_silhouette: Not merged: ${escapeText(truncate(n.fullName, 150))}${n.company ? ` at ${escapeText(truncate(n.company, 150))}` : ''} — ${escapeText(truncate(n.reason, 300))}`,
    );
  }
  for (const p of rejections.people) {
    if (changes?.namesakes.some((n) => n.fullName === p.fullName)) continue;
    lines.push(
      `:no_entry_sign: ${escapeText(truncate(p.fullName, 150))} left out: ${escapeText(truncate(p.reason, 300))}`,
    );
  }

  const head: KnownBlock[] = [section(headline)];
  const tail: KnownBlock[] = task.contactId
    ? [
        {
          type: 'actions',
          block_id: `enriched:${task.contactId}`,
          elements: [button('View contact', ACTIONS.contactView, task.contactId)],
        },
      ]
    : [];
  const parts: KnownBlock[][] = [];
  let current: KnownBlock[] = [...head];
  for (const line of lines) {
    const block = section(truncateMrkdwn(line, LIMITS.sectionText));
    if (
      current.length + 1 > LIMITS.blocksPerMessage - 2 ||
      blockChars([...current, block]) > LIMITS.messageChars - 500
    ) {
      parts.push(current);
      current = [];
    }
    current.push(block);
  }
  current.push(...tail);
  parts.push(current);
  return parts.map((blocks, i) => {
    const label = parts.length > 1 ? ` (part ${i + 1} of ${parts.length})` : '';
    const text = truncateMrkdwn(`${headline}${label}`, 3_000);
    return { text, blocks: i === 0 ? blocks : [context([`*Enrichment of ${who}*${label}`]), ...blocks] };
  });
}

/** What the progress line of an enrichment becomes when the task ends. */
export function enrichmentOutcome(task: ResearchTaskDetailView): SlackMessage {
  const changes = task.changes;
  let text: string;
  if (task.status === 'failed')
    text = `:x: Enrichment failed: ${escapeText(truncate(task.error ?? 'no reason was recorded', 1000))}.`;
  else if (task.status === 'cancelled') text = ':no_entry_sign: Enrichment cancelled.';
  else if (!changes?.matched) text = ':white_circle: Finished: this person was not found on a page.';
  else
    text = `:white_check_mark: Finished: ${changes.filled.length} added, ${changes.conflicts.length} differing, ${changes.sourcesAdded} new sources.`;
  return { text, blocks: [section(text)] };
}

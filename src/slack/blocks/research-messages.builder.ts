import type { KnownBlock } from '@slack/types';

import type { RejectionsView, ResearchTaskDetailView, ResearchTaskView } from '../../research/research-task.schemas.js';
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

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

const focusOf = (task: Pick<ResearchTaskView, 'options'>): string[] =>
  [
    task.options.company && `company: ${escapeText(task.options.company)}`,
    task.options.location && `place: ${escapeText(task.options.location)}`,
  ].filter((x): x is string => Boolean(x));

/** The channel message that names the research; its thread carries progress and results. */
export function researchAnnouncement(
  task: Pick<ResearchTaskView, 'query' | 'options'> & { id?: string },
  requestedBy: string,
): SlackMessage {
  const query = truncate(task.query, 500);
  const taskLine = task.id ? `Task \`${task.id}\`` : 'Starting';
  return {
    text: `Research requested by <@${requestedBy}>: “${escapeText(query)}”`,
    blocks: [
      section(`:mag: *Research* requested by <@${requestedBy}>\n>${escapeText(query)}`),
      context([
        `${taskLine} · up to ${task.options.maxContacts} people${focusOf(task).length ? ` · ${focusOf(task).join(' · ')}` : ''} · results in this thread`,
      ]),
    ],
  };
}

/** The progress line in the thread, edited in place as the task goes on. */
export function researchProgress(message: string, percent: number): SlackMessage {
  const text = escapeText(`:hourglass_flowing_sand: ${truncate(message, 500)} (${Math.round(percent)}%)`);
  return { text, blocks: [context([text])] };
}

/** "2 people and 3 facts left out — why: …", from the task's recorded rejections. */
export function leftOutLine(rejections: RejectionsView | undefined): string | undefined {
  if (!rejections || (rejections.people.length === 0 && rejections.facts.length === 0)) return undefined;
  const n = rejections.people.length;
  const m = rejections.facts.length;
  const counts = [n && `${n} ${n === 1 ? 'person' : 'people'}`, m && `${m} ${m === 1 ? 'fact' : 'facts'}`]
    .filter(Boolean)
    .join(' and ');
  const reasons = new Map<string, number>();
  for (const r of [...rejections.people, ...rejections.facts]) reasons.set(r.reason, (reasons.get(r.reason) ?? 0) + 1);
  const why = [...reasons]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([reason, count]) => (count > 1 ? `${reason} (${count})` : reason));
  return `${counts} left out — why: ${why.join('; ')}${reasons.size > 3 ? '; …' : ''}. The task detail in the API lists each one.`;
}

/** What the progress line becomes when the task ends. */
export function researchOutcome(task: ResearchTaskView & { rejections?: RejectionsView }): SlackMessage {
  let text: string;
  if (task.status === 'succeeded') {
    const people = task.counts.new + task.counts.merged;
    text =
      people === 0
        ? ':white_circle: Finished: no one could be verified on a page.'
        : `:white_check_mark: Found ${people} ${people === 1 ? 'person' : 'people'}: ${task.counts.new} new, ${task.counts.merged} already known.`;
    const leftOut = leftOutLine(task.rejections);
    if (leftOut) text += ` ${leftOut}`;
    else if (task.counts.rejected > 0) text += ` ${task.counts.rejected} left out: not backed by a page that was read.`;
  } else if (task.status === 'failed') {
    text = `:x: Research failed: ${truncate(task.error ?? 'no reason was recorded', 1000)}.`;
  } else if (task.status === 'cancelled') {
    text = ':no_entry_sign: Research cancelled.';
  } else {
    text = `:hourglass_flowing_sand: ${truncate(task.progressMessage ?? 'Working', 500)}`;
  }
  // Truncated before escaping (no entity cut in half); section() keeps the block within Slack's limit.
  const safe = escapeText(truncate(text, 2800));
  return { text: safe, blocks: [section(safe)] };
}

/** The characters one result card's source lines may take, so a card never outgrows a message. */
const CARD_SOURCES_CHARS = 4_000;

const hostOf = (url: string): string => {
  try {
    return new URL(url).hostname;
  } catch {
    return 'page';
  }
};

function personBlocks(contact: ResearchTaskDetailView['contacts'][number], taskId: string): KnownBlock[] {
  const role = [contact.title, contact.company && `at ${contact.company}`].filter(Boolean).join(' ');
  const thirdParty = contact.knownFrom === 'third-party-only' ? '  ·  _known only from third-party pages_' : '';
  const lines = [
    `*${escapeText(contact.fullName)}*${contact.outcome === 'merged' ? '  ·  _already in the CRM, updated_' : '  ·  _new_'}${thirdParty}`,
  ];
  if (role || contact.location) lines.push(escapeText([role, contact.location].filter(Boolean).join(' · ')));
  if (contact.email)
    lines.push(
      `:email: ${escapeText(contact.email)} _(${contact.emailStatus === 'guessed' ? 'guessed' : contact.emailStatus})_`,
    );
  if (contact.linkedinUrl) lines.push(`:link: ${link(contact.linkedinUrl, 'LinkedIn profile')}`);
  const sources = [...new Map(contact.sources.map((s) => [s.url, s])).values()];
  // Up to three sources, within the card's share of a message: a source whose link would not fit
  // is named by its site alone.
  let budget = CARD_SOURCES_CHARS;
  const cited: string[] = [];
  for (const s of sources.slice(0, 3)) {
    const label = truncate(s.pageTitle || hostOf(s.url), 60);
    const quote = `“${escapeText(truncate(s.quote, 140))}”`;
    const where = s.authority === 'first-party' ? ' _(company site)_' : '';
    let line = `${link(s.url, label)}${where}: ${quote}`;
    if (line.length > budget) line = `${escapeText(label)} (${escapeText(truncate(hostOf(s.url), 100))}): ${quote}`;
    if (line.length > budget) break;
    budget -= line.length;
    cited.push(line);
  }
  const agreed = [
    ...new Set(
      contact.sources.filter((s) => (s.agreeingSites ?? 0) >= 2 && s.field !== 'fullName').map((s) => s.field),
    ),
  ];
  if (agreed.length) cited.push(`two independent sites agree on: ${agreed.join(', ')}`);
  const more = sources.length - Math.min(cited.length, 3);
  if (more > 0) cited.push(`and ${more} more source${more === 1 ? '' : 's'}`);
  return [
    section(lines.join('\n'), `person:${contact.id}`),
    ...(cited.length ? [context(cited, `sources:${contact.id}`)] : []),
    {
      type: 'actions',
      block_id: `actions:${contact.id}`,
      elements: [
        button('View', ACTIONS.contactView, contact.id),
        button('Edit', ACTIONS.contactEdit, contact.id),
        button('Dismiss', ACTIONS.resultDismiss, `${contact.id}:${taskId}`, {
          confirm:
            contact.outcome === 'new'
              ? {
                  title: 'Dismiss this person?',
                  text: `${contact.fullName} will be removed from the CRM.`,
                  confirm: 'Dismiss',
                  deny: 'Keep',
                }
              : {
                  title: 'Dismiss this result?',
                  text: `${contact.fullName} was already in the CRM and stays there.`,
                  confirm: 'Dismiss',
                  deny: 'Keep',
                },
        }),
      ],
    },
  ];
}

/**
 * The results, one block group per person, split into as many messages as Slack's limits need
 * (50 blocks, about 11k characters each). Never one message Slack would refuse.
 */
export function researchResultMessages(
  task: ResearchTaskDetailView,
  options: { heading?: string } = {},
): SlackMessage[] {
  if (task.contacts.length === 0) return [];
  const groups = task.contacts.map((c) => personBlocks(c, task.id));
  const parts: KnownBlock[][] = [];
  let current: KnownBlock[] = [];
  for (const group of groups) {
    const withDivider = current.length ? [{ type: 'divider' } as KnownBlock, ...group] : group;
    if (
      current.length &&
      (current.length + withDivider.length > LIMITS.blocksPerMessage - 1 ||
        blockChars([...current, ...withDivider]) > LIMITS.messageChars)
    ) {
      parts.push(current);
      current = group;
    } else {
      current.push(...withDivider);
    }
  }
  if (current.length) parts.push(current);
  return parts.map((blocks, i) => {
    const base = options.heading ?? 'Results';
    const heading = parts.length > 1 ? `${base}, part ${i + 1} of ${parts.length}` : base;
    const names = task.contacts
      .filter((c) => blocks.some((b) => b.block_id === `person:${c.id}`))
      .map((c) => c.fullName);
    return {
      text: truncateMrkdwn(escapeText(`${heading}: ${names.join(', ')}`), 3_000),
      blocks: [context([`*${heading}*`]), ...blocks],
    };
  });
}

/** What a dismissed person's blocks become. */
export function dismissedNote(fullName: string, userId: string, removed: boolean): KnownBlock {
  return context([
    `~${escapeText(fullName)}~ dismissed by <@${userId}>${removed ? ' and moved to the trash (`/contacts trash` to restore)' : ''}`,
  ]);
}

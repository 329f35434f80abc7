import type { HomeView, KnownBlock } from '@slack/types';

import type { HomeSummary } from '../../home/home-summary.service.js';
import { ACTIONS } from './action-ids.js';
import { button, context, escapeText, LIMITS, section, truncate } from './block-kit.js';
import { followUpLine } from './digest.builder.js';

const STATUS: Record<string, string> = {
  queued: ':hourglass: queued',
  running: ':mag: running',
  succeeded: ':white_check_mark: done',
  failed: ':x: failed',
  cancelled: ':no_entry_sign: cancelled',
};
const header = (text: string): KnownBlock => ({
  type: 'header',
  text: { type: 'plain_text', text: truncate(text, LIMITS.headerText) },
});

/**
 * One person's Home tab: buttons, follow-ups due (View / Mark done / Snooze, as in the digest), their research, recent
 * contacts.
 */
export function appHomeView(userId: string, summary: HomeSummary, timezone = 'UTC'): HomeView {
  const blocks: KnownBlock[] = [
    section(`Hi <@${userId}>! Ask me anything in a DM, mention @PersonableCRM in a channel, or use the buttons.`),
    {
      type: 'actions',
      block_id: 'home_buttons',
      elements: [
        button('Research people', ACTIONS.homeResearch, 'research', { style: 'primary' }),
        button('Look up contact', ACTIONS.homeLookup, 'lookup'),
      ],
    },
    header('Follow-ups due'),
  ];
  if (summary.followUps.length === 0) blocks.push(context(['Nothing due. :tada:']));
  for (const contact of summary.followUps) blocks.push(followUpLine(contact, timezone));
  blocks.push({ type: 'divider' }, header('Your research'));
  if (summary.tasks.length === 0)
    blocks.push(context(['No research yet: press *Research people* or ask me to find someone.']));
  for (const task of summary.tasks) {
    const counts =
      task.status === 'succeeded'
        ? ` — ${task.contactsNew} new, ${task.contactsMerged} already known`
        : task.status === 'failed' && task.error
          ? ` — ${escapeText(truncate(task.error, 300))}`
          : task.progressMessage && task.status === 'running'
            ? ` — ${escapeText(truncate(task.progressMessage, 200))}`
            : '';
    blocks.push(section(`${STATUS[task.status] ?? task.status} · ${escapeText(truncate(task.query, 500))}${counts}`));
  }
  blocks.push({ type: 'divider' }, header('Recently added contacts'));
  if (summary.recentContacts.length === 0) blocks.push(context(['None yet.']));
  for (const contact of summary.recentContacts) {
    const detail = [contact.title, contact.company]
      .filter(Boolean)
      .map((v) => escapeText(v!))
      .join(' · ');
    blocks.push({
      type: 'section',
      block_id: `home_contact:${contact.id}`,
      text: {
        type: 'mrkdwn',
        text: truncate(`*${escapeText(contact.fullName)}*${detail ? ` — ${detail}` : ''}`, LIMITS.sectionText),
      },
      accessory: button('View', ACTIONS.contactView, contact.id),
    });
  }
  return { type: 'home', blocks: blocks.slice(0, LIMITS.blocksPerView) };
}

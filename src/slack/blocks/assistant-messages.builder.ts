import type { KnownBlock } from '@slack/types';

import type { FailureReason } from '../../assistant/assistant.service.js';
import type { Decision, Proposal } from '../../assistant/pending-actions.js';
import { ACTIONS } from './action-ids.js';
import { button, context, escapeText, LIMITS, section, splitMrkdwn, truncate, truncateMrkdwn } from './block-kit.js';
import type { SlackMessage } from './research-messages.builder.js';

/** Sections of at most Slack's 3000 characters, the whole within a message's ~11k. */
function textSections(text: string): KnownBlock[] {
  // Cut and split only where mrkdwn allows: never inside an emoji or an escape such as &amp;.
  const safe = truncateMrkdwn(escapeText(text), LIMITS.messageChars - 1_500);
  return splitMrkdwn(safe, LIMITS.sectionText - 100).map((piece) => section(piece));
}

/**
 * The assistant's answer in the thread: its text (escaped: the model may repeat stored text, which
 * must not become mentions or links) and a View button for each person it names.
 */
export function assistantAnswer(text: string, contacts: { id: string; fullName: string }[]): SlackMessage {
  const blocks = textSections(text || '…');
  // One block per person: Slack wants action_ids unique within a block, and View is one action.
  for (const c of contacts.slice(0, 5)) {
    blocks.push({
      type: 'section',
      block_id: `assistant_contact:${c.id}`,
      text: { type: 'mrkdwn', text: `*${escapeText(truncate(c.fullName, 200))}*` },
      accessory: button('View', ACTIONS.contactView, c.id),
    });
  }
  return { text: escapeText(truncate(text || '…', 3_000)), blocks };
}

/** A change the assistant proposes: what it will do, and Confirm / Cancel for the person who asked. */
export function proposalMessage(proposal: Proposal, askerId: string): SlackMessage {
  return {
    text: `Proposed change: ${escapeText(truncate(proposal.preview, 2_000))}`,
    blocks: [
      section(
        `*Proposed change* — nothing happens until <@${askerId}> confirms:\n${escapeText(truncate(proposal.preview, LIMITS.sectionText - 200))}`,
      ),
      {
        type: 'actions',
        block_id: `assistant_proposal:${proposal.id}`,
        elements: [
          button('Confirm', ACTIONS.assistantConfirm, proposal.id, { style: 'primary' }),
          button('Cancel', ACTIONS.assistantCancel, proposal.id),
        ],
      },
    ],
  };
}

/** The proposal after its decision: the preview kept, the buttons replaced by what happened. */
export function decidedProposal(preview: string, decision: Decision, userId: string): SlackMessage {
  const outcome =
    decision.outcome === 'done'
      ? `:white_check_mark: Confirmed by <@${userId}>. ${escapeText(decision.text)}`
      : decision.outcome === 'failed'
        ? `:x: Confirmed by <@${userId}>, but it could not be done: ${escapeText(decision.text)}`
        : decision.outcome === 'cancelled'
          ? `:no_entry_sign: Cancelled by <@${userId}>. Nothing was changed.`
          : ':hourglass: This proposal has expired. Ask again if it is still wanted.';
  return {
    text: truncate(outcome, 3_000),
    blocks: [section(escapeText(truncate(preview, LIMITS.sectionText - 100))), context([outcome])],
  };
}

/** Failures in plain words: what happened and what to do. */
export function assistantFailureText(reason: FailureReason | 'internal' | 'not_in_channel'): string {
  switch (reason) {
    case 'not_configured':
      return "I can't answer questions yet: no language model is configured. Whoever runs PersonableCRM can set OPENAI_API_KEY (or OPENAI_BASE_URL for a local model server) and restart it.";
    case 'rate_limited':
      return 'The language model is rate-limiting us right now. Please ask again in a minute.';
    case 'model_down':
      return 'The language model is not answering right now (it timed out or failed). Please try again in a few minutes; if it keeps happening, tell whoever runs PersonableCRM.';
    case 'model_refused':
      return 'The language model refused the request, so its settings are probably wrong (model name or API key). Please tell whoever runs PersonableCRM.';
    case 'too_many_steps':
      return "I couldn't finish that within my step limit. Try asking something narrower.";
    case 'not_in_channel':
      return "I can't reply in that channel because I'm not a member. Invite me with `/invite @PersonableCRM` and ask again.";
    case 'internal':
      return 'Sorry, something went wrong on our side. It has been logged; please try again.';
  }
}

export const ASSISTANT_GREETING =
  "Hi! I'm your CRM. Ask me about the people we know, what we last discussed, follow-ups — or ask me to find new people.";

/** Suggested prompts for a new assistant thread: up to four, each a title and a message. */
export const SUGGESTED_PROMPTS = [
  { title: 'Who do we know at…', message: 'Who do we know at Northwind?' },
  { title: 'Last conversation', message: 'What did we last discuss with Dana?' },
  { title: 'My follow-ups', message: 'Which of my follow-ups are due this week?' },
  { title: 'Find people', message: 'Find 5 Heads of Sales at fintechs in London' },
];

import type { KnownBlock, ModalView } from '@slack/types';

import { RESEARCH_LIMITS } from '../../research/research-task.schemas.js';
import { CALLBACKS, INPUT_ACTION } from './action-ids.js';
import { context, encodeMetadata, escapeText, LIMITS, plain, truncate } from './block-kit.js';
import type { ModalMetadata } from './contact-modals.builder.js';

/** The research launcher: query, how many people, an optional company or place, where to post. */
export function researchModalView(input: {
  query?: string;
  maxContacts: number;
  defaultCount: number;
  meta: ModalMetadata;
  disabledReason?: string;
}): ModalView {
  const counts = [...new Set([1, 3, 5, 10, 20, 50, input.defaultCount].filter((n) => n <= input.maxContacts))].sort(
    (a, b) => a - b,
  );
  const blocks: KnownBlock[] = [];
  if (input.disabledReason) blocks.push(context([`:warning: ${escapeText(truncate(input.disabledReason, 2000))}`]));
  blocks.push(
    {
      type: 'input',
      block_id: 'query',
      label: plain('Who are you looking for?'),
      element: {
        type: 'plain_text_input',
        action_id: INPUT_ACTION,
        multiline: true,
        max_length: RESEARCH_LIMITS.query,
        placeholder: plain('e.g. Heads of Sales at Series A fintech startups in London', LIMITS.placeholder),
        ...(input.query ? { initial_value: truncate(input.query, RESEARCH_LIMITS.query) } : {}),
      },
    },
    {
      type: 'input',
      block_id: 'maxContacts',
      label: plain('How many people'),
      element: {
        type: 'static_select',
        action_id: INPUT_ACTION,
        initial_option: { text: plain(String(input.defaultCount)), value: String(input.defaultCount) },
        options: counts.map((n) => ({ text: plain(String(n)), value: String(n) })),
      },
    },
    {
      type: 'input',
      block_id: 'company',
      optional: true,
      label: plain('Focus on a company'),
      element: { type: 'plain_text_input', action_id: INPUT_ACTION, max_length: RESEARCH_LIMITS.company },
    },
    {
      type: 'input',
      block_id: 'location',
      optional: true,
      label: plain('Focus on a place'),
      element: { type: 'plain_text_input', action_id: INPUT_ACTION, max_length: RESEARCH_LIMITS.location },
    },
  );
  if (!input.meta.channelId) {
    blocks.push({
      type: 'input',
      block_id: 'channel',
      label: plain('Post the results in'),
      element: {
        type: 'conversations_select',
        action_id: INPUT_ACTION,
        default_to_current_conversation: true,
        filter: { include: ['public', 'private'], exclude_bot_users: true },
      },
    });
  }
  return {
    type: 'modal',
    callback_id: CALLBACKS.researchStart,
    title: plain('Research people', LIMITS.modalTitle),
    submit: plain('Start research', LIMITS.modalButton),
    close: plain('Cancel', LIMITS.modalButton),
    private_metadata: encodeMetadata({ ...input.meta }),
    blocks,
  };
}

/** Modal views, their stack, and what a view_submission may be answered with. */
import { blocksProblems, inputBlockIds } from './blocks.js';
import { textObjectProblems } from './composition.js';
import { isObject, loneSurrogateProblems, maxLength, type Json, type Problems } from './rule.js';

/**
 * https://docs.slack.dev/reference/views/modal-views
 * "title: ... Must be a plain_text text element with a max length of 24 characters." (required)
 * "blocks: An array of blocks that defines the content of the view. Max of 100 blocks." (required)
 * "close: A plain_text element ... Max length of 24 characters."
 * "submit: A plain_text element ... submit is required when an input block is within the blocks array. Max length of
 * 24 characters."
 * "private_metadata: ... Max length of 3000 characters." "callback_id: ... Max length of 255 characters."
 * https://docs.slack.dev/surfaces/modals — "the view object ... cannot exceed 250kb".
 */
export function modalViewProblems(view: unknown): Problems {
  if (!isObject(view)) return ['view must be an object'];
  const problems: Problems = [];
  if (view.type !== 'modal') problems.push('view.type must be modal');
  problems.push(...textObjectProblems(view.title, 'view.title', { max: 24, plainOnly: true }));
  for (const key of ['close', 'submit'] as const)
    if (view[key] !== undefined)
      problems.push(...textObjectProblems(view[key], `view.${key}`, { max: 24, plainOnly: true }));
  problems.push(...blocksProblems(view.blocks, 'modal'));
  if (inputBlockIds(view.blocks).length > 0 && view.submit === undefined)
    problems.push('view: submit is required when an input block is within the blocks array');
  problems.push(...maxLength(view.private_metadata, 3000, 'view.private_metadata'));
  problems.push(...maxLength(view.callback_id, 255, 'view.callback_id'));
  if (JSON.stringify(view).length > 250_000) problems.push('view over 250 kB');
  problems.push(...loneSurrogateProblems(view, 'view'));
  return problems;
}

/**
 * What an app may answer a view_submission with (https://docs.slack.dev/surfaces/modals#handling_submissions):
 * nothing (the view closes), `response_action: errors` with "errors: an object of key-value pairs
 * where the key is the block_id of the input block with the error", `update`/`push` with a view,
 * or `clear`. The answer must come within 3 seconds ("You must respond within 3 seconds").
 */
export function submissionAckProblems(view: Json, ack: unknown, elapsedMs: number): Problems {
  const problems: Problems = [];
  if (elapsedMs > 3_000) problems.push(`ack after ${Math.round(elapsedMs)} ms: Slack shows its own error after 3 s`);
  if (ack === undefined || ack === null || ack === '') return problems;
  if (!isObject(ack)) return [...problems, 'ack body must be JSON'];
  switch (ack.response_action) {
    case 'errors': {
      const inputs = inputBlockIds(view.blocks);
      if (!isObject(ack.errors) || Object.keys(ack.errors).length === 0)
        problems.push('errors must name at least one input block');
      else
        for (const [key, message] of Object.entries(ack.errors)) {
          if (!inputs.includes(key))
            problems.push(`errors key ${key} is not an input block of this view (${inputs.join(', ')})`);
          if (typeof message !== 'string' || message.length === 0)
            problems.push(`errors.${key} must be a non-empty string`);
        }
      break;
    }
    case 'update':
    case 'push':
      problems.push(...modalViewProblems(ack.view));
      break;
    case 'clear':
      break;
    default:
      problems.push(`unknown response_action ${String(ack.response_action)}`);
  }
  return problems;
}

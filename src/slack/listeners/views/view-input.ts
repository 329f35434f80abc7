import type { ViewOutput } from '@slack/bolt';
import type { z } from 'zod';

import { INPUT_ACTION } from '../../blocks/action-ids.js';

type StateValue = {
  type: string;
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_date?: string | null;
  selected_conversation?: string | null;
};

/** The submitted value of the input whose block_id is `field` (text, select, date or conversation). */
export function inputValue(view: ViewOutput, field: string): string | null {
  const state = (view.state.values[field]?.[INPUT_ACTION] ?? null) as StateValue | null;
  if (!state) return null;
  const value =
    state.value ?? state.selected_option?.value ?? state.selected_date ?? state.selected_conversation ?? null;
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** A text input's value exactly as typed (white space kept), or null when there is none. */
export function rawInputValue(view: ViewOutput, field: string): string | null {
  const state = (view.state.values[field]?.[INPUT_ACTION] ?? null) as StateValue | null;
  return typeof state?.value === 'string' ? state.value : null;
}

/** A zod failure as Slack's `response_action: errors`: each message under its input (or the first one). */
export function fieldErrorsFor(error: z.ZodError, blockIds: string[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    const block = blockIds.includes(field) ? field : blockIds[0]!;
    errors[block] ??= issue.message.slice(0, 150);
  }
  return errors;
}

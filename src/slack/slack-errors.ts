import { AppError } from '../errors.js';

/** Slack Web API error codes a person can do something about, in plain words. */
const SLACK_ERRORS: Record<string, string> = {
  not_in_channel: 'I am not in that channel. Invite me with `/invite @PersonableCRM` and try again.',
  channel_not_found: 'I cannot see that channel. Invite me with `/invite @PersonableCRM` and try again.',
  is_archived: 'That channel is archived.',
  expired_trigger_id: 'That took Slack too long to open. Please try again.',
  exchanged_trigger_id: 'That window was already opened. Please try again.',
  push_limit_reached: 'Too many windows are open. Close one and try again.',
  ratelimited: 'Slack is asking us to slow down. Please try again in a minute.',
};

/** The Web API's own error code, when `error` came from a Slack call. */
export function slackErrorCode(error: unknown): string | undefined {
  const data = (error as { data?: { error?: unknown } } | null)?.data;
  if (typeof data?.error === 'string') return data.error;
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'slack_webapi_rate_limited_error' ? 'ratelimited' : undefined;
}

/**
 * What to tell the person who acted when something failed, and whether it was expected (a known
 * Slack refusal, a domain error) or a fault of ours worth an error in the log.
 */
export function describeForUser(error: unknown): { text: string; expected: boolean } {
  const code = slackErrorCode(error);
  if (code && SLACK_ERRORS[code]) return { text: SLACK_ERRORS[code], expected: true };
  if (error instanceof AppError) {
    if (error.code === 'unavailable') return { text: `Sorry — ${error.message}.`, expected: true };
    if (error.code === 'not_found') return { text: 'That contact or task no longer exists.', expected: true };
    return { text: error.message, expected: error.code !== 'internal' };
  }
  return { text: 'Sorry, something went wrong on our side. It has been logged; please try again.', expected: false };
}

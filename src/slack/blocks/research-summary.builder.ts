import type { ResearchTaskView } from '../../research/research-task.schemas.js';
import { context, escapeText, section, truncate } from './block-kit.js';
import type { SlackMessage } from './research-messages.builder.js';

/** "1 min 12 s", "8.4 s". */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return `${minutes} min${seconds ? ` ${seconds} s` : ''}`;
}

export function formatUsd(usd: number): string {
  return usd === 0 ? '$0' : usd < 0.01 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
}

const thousands = (n: number) => (n >= 10_000 ? `${Math.round(n / 1000)}k` : n.toLocaleString('en'));

/**
 * The thread's last line: how long the research took, who it found, what it cost (model and
 * searches) — for a task that failed too, with the people it kept.
 */
export function researchSummary(task: ResearchTaskView): SlackMessage {
  const people = task.counts.new + task.counts.merged;
  const took =
    task.startedAt && task.finishedAt
      ? formatDuration(Date.parse(task.finishedAt) - Date.parse(task.startedAt))
      : undefined;
  // An enrichment researches one known person: what it changed is in the message above.
  const found = task.contactId
    ? `enrichment: ${task.changes?.matched ? 'person found' : 'person not found'}`
    : `${people} ${people === 1 ? 'person' : 'people'} found${people ? ` (${task.counts.new} new, ${task.counts.merged} already known)` : ''}`;
  const cost =
    task.usage.costUsd !== null
      ? `cost ${formatUsd(task.usage.costUsd)}${task.usage.searchCostUsd ? ` (searches ${formatUsd(task.usage.searchCostUsd)})` : ''}`
      : `cost unknown for this model${task.usage.searchCostUsd ? ` (searches ${formatUsd(task.usage.searchCostUsd)})` : ''}`;
  const head =
    task.status === 'succeeded'
      ? `:checkered_flag: Done${took ? ` in ${took}` : ''} · ${found} · ${cost}`
      : task.status === 'failed'
        ? `:x: Stopped${took ? ` after ${took}` : ''}: ${task.error ?? 'no reason was recorded'} · ${found} · ${cost}`
        : `:no_entry_sign: Cancelled · ${found} · ${cost}`;
  const details = [
    `${thousands(task.usage.promptTokens)} prompt tokens${task.usage.cachedPromptTokens ? ` (${thousands(task.usage.cachedPromptTokens)} cached)` : ''}, ${thousands(task.usage.completionTokens)} completion tokens, ${task.usage.modelCalls} model calls, ${task.usage.searchCalls} searches`,
  ];
  if (task.status === 'succeeded' && task.progressMessage?.includes('; '))
    details.unshift(escapeText(truncate(task.progressMessage.split('; ').slice(1).join('; '), 300)));
  // The error and the query come from outside: escaped in the notification text too (no live mentions).
  const shown = escapeText(truncate(head, 2900));
  return { text: shown, blocks: [section(shown), context(details)] };
}

/**
 * `npm run research -- "<query>" [--max N] [--company NAME] [--location PLACE]`
 * Runs one research task against the configured model and search backend, stores the result in the
 * configured database like any other task, and prints the people found with their sources.
 */
import { parseArgs } from 'node:util';
import pino from 'pino';

import { createApp } from '../src/app.js';
import { loadConfigOrExit } from '../src/config/config.js';
import { ResearchRequestSchema } from '../src/research/research-task.schemas.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    max: { type: 'string' },
    company: { type: 'string' },
    location: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help || positionals.length === 0) {
  console.error('usage: npm run research -- "<query>" [--max N] [--company NAME] [--location PLACE]');
  process.exit(values.help ? 0 : 2);
}
const request = ResearchRequestSchema.safeParse({
  query: positionals.join(' '),
  ...(values.max ? { maxContacts: Number(values.max) } : {}),
  ...(values.company ? { company: values.company } : {}),
  ...(values.location ? { location: values.location } : {}),
});
if (!request.success) {
  for (const issue of request.error.issues) console.error(`${issue.path.join('.') || 'query'}: ${issue.message}`);
  process.exit(2);
}

const config = loadConfigOrExit(2);
const app = createApp(config, { serveHttp: false, logger: pino({ level: 'warn' }, pino.destination(2)) });
await app.start();
const { research, researchEvents } = app.services;
if (research.disabledReason) {
  console.error(research.disabledReason);
  await app.stop();
  process.exit(2);
}
const unsubscribe = researchEvents.subscribe((event) => {
  if (event.type === 'progress') console.error(`… ${event.message}`);
  if (event.type === 'contacts') console.error('… people verified and stored');
});
const { task } = await research.startAndWait(request.data, { requestedBy: 'cli' }, config.research.timeoutMs + 30_000);
unsubscribe();

console.log(`\n${task.status.toUpperCase()}: “${task.query}” (task ${task.id})`);
if (task.error) console.log(`Reason: ${task.error}`);
if (task.status === 'succeeded' && task.progressMessage?.includes('; '))
  console.log(`Note: ${task.progressMessage.split('; ').slice(1).join('; ')}`);
const u = task.usage;
console.log(
  `${task.counts.found} submitted, ${task.counts.new} new, ${task.counts.merged} merged, ${task.counts.rejected} rejected; ` +
    `${u.promptTokens} prompt tokens (${u.cachedPromptTokens} cached) + ${u.completionTokens} completion tokens, ${u.modelCalls} model calls, ${u.searchCalls} searches` +
    `${u.costUsd === null ? '' : `, about $${u.costUsd.toFixed(4)}${u.searchCostUsd ? ` (searches $${u.searchCostUsd.toFixed(4)})` : ''}`}`,
);
for (const contact of task.contacts) {
  console.log(`\n${contact.fullName}${contact.outcome === 'merged' ? ' (already known: merged)' : ''}`);
  for (const field of ['title', 'company', 'location', 'email', 'linkedinUrl'] as const)
    if (contact[field]) console.log(`  ${field}: ${contact[field]}`);
  for (const source of contact.sources) console.log(`  [${source.field}] “${source.quote}” — ${source.url}`);
}
await app.stop();
process.exit(task.status === 'succeeded' ? 0 : 1);

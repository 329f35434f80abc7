import { z } from 'zod';

import { AppError } from '../../errors.js';
import { ResearchRequestSchema } from '../../research/research-task.schemas.js';
import type { WriteTool } from './tool.js';

const Args = ResearchRequestSchema;

/** Runs the research agent (after the asker confirms); results arrive in the thread as for /research. */
export const startResearchTool: WriteTool<z.output<typeof Args>> = {
  kind: 'write',
  name: 'start_research',
  description:
    'Propose starting web research for new people matching a query (optionally a company or location). Results are posted in this thread. The user must confirm it with a button.',
  args: Args,
  async preview(args, { services }) {
    if (services.research.disabledReason) throw new AppError('unavailable', services.research.disabledReason);
    const focus = [args.company && `at ${args.company}`, args.location && `in ${args.location}`]
      .filter(Boolean)
      .join(' ');
    return `Research the web for ${args.maxContacts ?? 'up to the usual number of'} people: "${args.query}"${focus ? ` (${focus})` : ''}. Counts against your hourly research limit.`;
  },
  async apply(args, { startResearch }) {
    const task = await startResearch(args);
    return `Research started (task ${task.id}); results will follow in this thread.`;
  },
};

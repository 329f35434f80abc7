import { z } from 'zod';
import type { AgentTool } from './tool.js';

const args = z.object({ summary: z.string().max(1000).describe('One or two sentences: what was searched and why the research ends here.') });

/** Ends the research; the people already handed in with submit_contacts are kept. */
export const finishResearchTool: AgentTool<z.output<typeof args>> = {
  name: 'finish_research',
  description: 'End the research when you have handed in everyone you could verify with submit_contacts, or when nothing more can be found.',
  args,
  async run() {
    return 'Research finished.';
  },
};

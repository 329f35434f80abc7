import { z } from 'zod';

import { defineTool } from './tool.js';

const args = z.object({
  summary: z.string().max(1000).describe('One or two sentences: what was searched and why the research ends here.'),
});

/** Ends the research; the people already handed in with submit_contacts are kept. */
export const finishResearchTool = defineTool({
  name: 'finish_research',
  description:
    'End the research when you have handed in everyone you could verify with submit_contacts, or when nothing more can be found.',
  args,
  endsRun: true,
  async run() {
    return 'Research finished.';
  },
});

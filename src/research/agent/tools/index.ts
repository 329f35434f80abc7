import { fetchPageTool } from './fetch-page.tool.js';
import { finishResearchTool } from './finish-research.tool.js';
import { searchWebTool } from './search-web.tool.js';
import { submitContactsTool } from './submit-contacts.tool.js';
import type { AgentTool } from './tool.js';

/** Every tool the research agent has, in the order the model is shown them. Nothing a page says can add to them. */
export const RESEARCH_TOOLS: readonly AgentTool[] = [
  searchWebTool,
  fetchPageTool,
  submitContactsTool,
  finishResearchTool,
];

export const RESEARCH_TOOL_NAMES: readonly string[] = RESEARCH_TOOLS.map((t) => t.name);

export const researchToolNamed = (name: string): AgentTool | undefined => RESEARCH_TOOLS.find((t) => t.name === name);

export { fetchPageTool, finishResearchTool, searchWebTool, submitContactsTool };

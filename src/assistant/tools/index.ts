import { enrichContactTool } from './enrich-contact.tool.js';
import { getContactTool } from './get-contact.tool.js';
import { logConversationTool } from './log-conversation.tool.js';
import { searchContactsTool } from './search-contacts.tool.js';
import { setFollowUpTool } from './set-follow-up.tool.js';
import { startResearchTool } from './start-research.tool.js';
import type { AssistantTool } from './tool.js';
import { updateContactTool } from './update-contact.tool.js';

/** Every tool the assistant has, by the name the model calls it. */
export const ASSISTANT_TOOLS: readonly AssistantTool[] = [
  searchContactsTool,
  getContactTool,
  logConversationTool,
  setFollowUpTool,
  updateContactTool,
  startResearchTool,
  enrichContactTool,
];

export const toolByName = (name: string): AssistantTool | undefined => ASSISTANT_TOOLS.find((t) => t.name === name);

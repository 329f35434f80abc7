import type { App } from '@slack/bolt';
import type { SlackContext } from '../../slack-context.js';
import { registerAppHomeEvents } from './app-home.events.js';
import { registerAssistantPanel } from './assistant.events.js';
import { registerMessageEvents } from './message.events.js';

/** Events API: the assistant panel, mentions, direct messages, the Home tab. */
export function registerEvents(app: App, ctx: SlackContext): void {
  registerAssistantPanel(app, ctx);
  registerMessageEvents(app, ctx);
  registerAppHomeEvents(app, ctx);
}

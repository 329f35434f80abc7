import type { App } from '@slack/bolt';

import type { SlackContext } from '../../slack-context.js';
import { appHomeOpened } from './app-home.events.js';
import { assistantPanel } from './assistant.events.js';
import { appMention, directMessage } from './message.events.js';

/** Events API: the assistant panel, mentions, direct messages, the Home tab. */
export function registerEvents(app: App, ctx: SlackContext): void {
  app.assistant(assistantPanel(ctx));
  app.event('app_mention', appMention(ctx));
  app.event('message', directMessage(ctx));
  app.event('app_home_opened', appHomeOpened(ctx));
}

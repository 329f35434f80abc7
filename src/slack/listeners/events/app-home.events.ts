import type { App } from '@slack/bolt';
import type { SlackContext } from '../../slack-context.js';

/**
 * The Home tab is published when its owner opens it (the Messages tab opening needs nothing).
 * https://docs.slack.dev/reference/events/app_home_opened
 */
export function registerAppHomeEvents(app: App, ctx: SlackContext): void {
  app.event('app_home_opened', async ({ event }) => {
    if (event.tab !== 'home') return;
    await ctx.home.refresh(event.user);
  });
}

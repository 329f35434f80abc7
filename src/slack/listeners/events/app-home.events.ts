import type { SlackContext } from '../../slack-context.js';
import type { EventCallback } from '../callbacks.js';

/**
 * The Home tab is published when its owner opens it (the Messages tab opening needs nothing).
 * https://docs.slack.dev/reference/events/app_home_opened
 */
export function appHomeOpened(ctx: SlackContext): EventCallback<'app_home_opened'> {
  return async ({ event }) => {
    if (event.tab !== 'home') return;
    await ctx.home.refresh(event.user);
  };
}

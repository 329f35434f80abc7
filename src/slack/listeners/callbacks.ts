import type {
  BlockAction,
  BlockElementAction,
  ButtonAction,
  GlobalShortcut,
  MessageShortcut,
  Middleware,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackShortcutMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';

import type { SlackContext } from '../slack-context.js';

/**
 * The listener types the routing tables (`listeners/*\/index.ts`) register: each listener file
 * exports a function of the SlackContext that returns one of these, and the table maps an ID to it.
 */
export type ActionCallback<Element extends BlockElementAction = ButtonAction> = Middleware<
  SlackActionMiddlewareArgs<BlockAction<Element>>
>;
export type CommandCallback = Middleware<SlackCommandMiddlewareArgs>;
export type GlobalShortcutCallback = Middleware<SlackShortcutMiddlewareArgs<GlobalShortcut>>;
export type MessageShortcutCallback = Middleware<SlackShortcutMiddlewareArgs<MessageShortcut>>;
export type ViewSubmissionCallback = Middleware<SlackViewMiddlewareArgs<ViewSubmitAction>>;
export type EventCallback<Event extends string> = Middleware<SlackEventMiddlewareArgs<Event>>;

/**
 * One Bolt listener for a whole routing table (ID → the function of the SlackContext that makes its
 * callback). Bolt runs every registered listener's middleware on every request (each one a copy of
 * the request's arguments), so 33 listeners, one per ID, cost each ack more than its own work; a
 * table looked up by ID costs one listener. IDs not in the table go to `fallback`.
 */
export function routeById<Args>(
  table: Readonly<Record<string, (ctx: SlackContext) => Middleware<Args>>>,
  ctx: SlackContext,
  fallback: Middleware<Args>,
  idOf: (args: Args) => string,
): Middleware<Args> {
  const routes = new Map(Object.entries(table).map(([id, make]) => [id, make(ctx)]));
  return (args) => (routes.get(idOf(args)) ?? fallback)(args);
}

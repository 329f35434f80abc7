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

import type { App, BlockElementAction } from '@slack/bolt';

import { ACTIONS } from '../../blocks/action-ids.js';
import type { SlackContext } from '../../slack-context.js';
import { routeById, type ActionCallback } from '../callbacks.js';
import { unknownAction } from '../unknown.js';
import { assistantCancel, assistantConfirm } from './assistant-decision.action.js';
import { contactDelete } from './contact-delete.action.js';
import { contactEnrich } from './contact-enrich.action.js';
import { contactEditForm, conversationLogForm, followUpForm } from './contact-forms.action.js';
import { contactSearchInput } from './contact-search.action.js';
import { contactHistory, contactRestore } from './contact-trash.action.js';
import { contactView } from './contact-view.action.js';
import { digestFollowUp } from './digest-follow-up.action.js';
import { homeLookup, homeResearch } from './home.action.js';
import { resultDismiss } from './result-dismiss.action.js';

type ActionId = (typeof ACTIONS)[keyof typeof ACTIONS];
type AnyActionCallback = ActionCallback<BlockElementAction>;

/**
 * A callback for one kind of element (a button unless it says otherwise), filed in the table of all
 * actions. The cast is safe: an action_id is only ever given to one kind of element (the block
 * builders own that pairing), so Slack sends that kind with it.
 */
const route =
  <Element extends BlockElementAction>(make: (ctx: SlackContext) => ActionCallback<Element>) =>
  (ctx: SlackContext): AnyActionCallback =>
    make(ctx) as unknown as AnyActionCallback;

/** Block Kit actions (buttons, menus, inputs): action_id → callback. */
export const ACTION_ROUTES = {
  [ACTIONS.contactSearchInput]: route(contactSearchInput),
  [ACTIONS.contactView]: route(contactView),
  [ACTIONS.contactEdit]: route(contactEditForm),
  [ACTIONS.contactLogConversation]: route(conversationLogForm),
  [ACTIONS.contactFollowUp]: route(followUpForm),
  [ACTIONS.contactDelete]: route(contactDelete),
  [ACTIONS.contactEnrich]: route(contactEnrich),
  [ACTIONS.resultDismiss]: route(resultDismiss),
  [ACTIONS.digestFollowUp]: route(digestFollowUp),
  [ACTIONS.contactRestore]: route(contactRestore),
  [ACTIONS.contactHistory]: route(contactHistory),
  [ACTIONS.assistantConfirm]: route(assistantConfirm),
  [ACTIONS.assistantCancel]: route(assistantCancel),
  [ACTIONS.homeResearch]: route(homeResearch),
  [ACTIONS.homeLookup]: route(homeLookup),
} as const satisfies Record<ActionId, (ctx: SlackContext) => AnyActionCallback>;

export function registerActions(app: App, ctx: SlackContext): void {
  app.action(
    { type: 'block_actions' },
    routeById(ACTION_ROUTES, ctx, unknownAction(ctx), ({ action }) => action.action_id),
  );
}

import type { App } from '@slack/bolt';

import { ACTIONS } from '../../blocks/action-ids.js';
import type { SlackContext } from '../../slack-context.js';
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

/** Block Kit actions (buttons, menus, inputs): action_id → callback. */
export function registerActions(app: App, ctx: SlackContext): void {
  app.action(ACTIONS.contactSearchInput, contactSearchInput(ctx));
  app.action(ACTIONS.contactView, contactView(ctx));
  app.action(ACTIONS.contactEdit, contactEditForm(ctx));
  app.action(ACTIONS.contactLogConversation, conversationLogForm(ctx));
  app.action(ACTIONS.contactFollowUp, followUpForm(ctx));
  app.action(ACTIONS.contactDelete, contactDelete(ctx));
  app.action(ACTIONS.contactEnrich, contactEnrich(ctx));
  app.action(ACTIONS.resultDismiss, resultDismiss(ctx));
  app.action(ACTIONS.digestFollowUp, digestFollowUp(ctx));
  app.action(ACTIONS.contactRestore, contactRestore(ctx));
  app.action(ACTIONS.contactHistory, contactHistory(ctx));
  app.action(ACTIONS.assistantConfirm, assistantConfirm(ctx));
  app.action(ACTIONS.assistantCancel, assistantCancel(ctx));
  app.action(ACTIONS.homeResearch, homeResearch(ctx));
  app.action(ACTIONS.homeLookup, homeLookup(ctx));
}

import type { App } from '@slack/bolt';

import { CALLBACKS } from '../../blocks/action-ids.js';
import type { SlackContext } from '../../slack-context.js';
import { contactSearchSubmission } from '../actions/contact-search.action.js';
import { contactEditSubmission, conversationLogSubmission, followUpSubmission } from './contact-form.views.js';
import { contactImportSubmission } from './contact-import.view.js';
import { researchStartSubmission } from './research-start.view.js';

/** Modal submissions: callback_id → callback. */
export function registerViews(app: App, ctx: SlackContext): void {
  app.view({ callback_id: CALLBACKS.researchStart, type: 'view_submission' }, researchStartSubmission(ctx));
  app.view({ callback_id: CALLBACKS.contactEdit, type: 'view_submission' }, contactEditSubmission(ctx));
  app.view({ callback_id: CALLBACKS.conversationLog, type: 'view_submission' }, conversationLogSubmission(ctx));
  app.view({ callback_id: CALLBACKS.followUp, type: 'view_submission' }, followUpSubmission(ctx));
  app.view({ callback_id: CALLBACKS.contactImport, type: 'view_submission' }, contactImportSubmission(ctx));
  app.view({ callback_id: CALLBACKS.contactSearch, type: 'view_submission' }, contactSearchSubmission(ctx));
}

import type { App, ViewSubmitAction } from '@slack/bolt';

import { CALLBACKS } from '../../blocks/action-ids.js';
import type { SlackContext } from '../../slack-context.js';
import { contactSearchSubmission } from '../actions/contact-search.action.js';
import { routeById, type ViewSubmissionCallback } from '../callbacks.js';
import { unknownView } from '../unknown.js';
import { contactEditSubmission, conversationLogSubmission, followUpSubmission } from './contact-form.views.js';
import { contactImportSubmission } from './contact-import.view.js';
import { researchStartSubmission } from './research-start.view.js';

/** Modal submissions: callback_id → callback. */
export const VIEW_SUBMISSIONS = {
  [CALLBACKS.researchStart]: researchStartSubmission,
  [CALLBACKS.contactEdit]: contactEditSubmission,
  [CALLBACKS.conversationLog]: conversationLogSubmission,
  [CALLBACKS.followUp]: followUpSubmission,
  [CALLBACKS.contactImport]: contactImportSubmission,
  [CALLBACKS.contactSearch]: contactSearchSubmission,
} as const satisfies Record<string, (ctx: SlackContext) => ViewSubmissionCallback>;

export function registerViews(app: App, ctx: SlackContext): void {
  app.view<ViewSubmitAction>(
    { type: 'view_submission' },
    routeById(VIEW_SUBMISSIONS, ctx, unknownView(ctx), ({ view }) => view.callback_id),
  );
}

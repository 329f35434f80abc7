import type { App } from '@slack/bolt';
import type { SlackContext } from '../../slack-context.js';
import { registerAssistantDecisionActions } from './assistant-decision.action.js';
import { registerContactDeleteAction } from './contact-delete.action.js';
import { registerContactEnrichAction } from './contact-enrich.action.js';
import { registerContactFormActions } from './contact-forms.action.js';
import { registerContactSearchAction } from './contact-search.action.js';
import { registerContactViewAction } from './contact-view.action.js';
import { registerDigestFollowUpAction } from './digest-follow-up.action.js';
import { registerHomeActions } from './home.action.js';
import { registerResultDismissAction } from './result-dismiss.action.js';
import { registerContactTrashActions } from './contact-trash.action.js';

export function registerActions(app: App, ctx: SlackContext): void {
  registerContactSearchAction(app, ctx);
  registerContactViewAction(app, ctx);
  registerContactFormActions(app, ctx);
  registerContactDeleteAction(app, ctx);
  registerContactEnrichAction(app, ctx);
  registerResultDismissAction(app, ctx);
  registerDigestFollowUpAction(app, ctx);
  registerContactTrashActions(app, ctx);
  registerAssistantDecisionActions(app, ctx);
  registerHomeActions(app, ctx);
}

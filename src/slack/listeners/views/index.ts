import type { App } from '@slack/bolt';
import type { SlackContext } from '../../slack-context.js';
import { registerContactFormViews } from './contact-form.views.js';
import { registerContactImportView } from './contact-import.view.js';
import { registerResearchStartView } from './research-start.view.js';

export function registerViews(app: App, ctx: SlackContext): void {
  registerResearchStartView(app, ctx);
  registerContactFormViews(app, ctx);
  registerContactImportView(app, ctx);
}

import type { PlainTextInputAction } from '@slack/bolt';

import { ACTIONS } from '../../blocks/action-ids.js';
import { contactSearchView, type ModalMetadata } from '../../blocks/contact-modals.builder.js';
import type { SlackContext } from '../../slack-context.js';
import { slackErrorCode } from '../../slack-errors.js';
import type { ActionCallback, ViewSubmissionCallback } from '../callbacks.js';
import { tellUser } from '../reply.js';
import { readMetadata } from '../view-metadata.js';

const PAGE = 20;

/** The lookup modal's content for `query`: its results, or what went wrong in words. */
async function searchView(ctx: SlackContext, query: string, meta: ModalMetadata) {
  try {
    const page = await ctx.contacts.list({ q: query || undefined, limit: PAGE });
    return contactSearchView({ query, results: page.data, hasMore: page.nextCursor !== null, meta });
  } catch (error) {
    ctx.logger.error({ err: error }, 'contact search failed');
    return contactSearchView({
      query,
      results: [],
      hasMore: false,
      meta,
      error: 'The search failed on our side. Please try again in a moment.',
    });
  }
}

/**
 * Keystrokes of one modal, newest wins: each carries Slack's action_ts; a search whose keystroke
 * is older than one already seen is not shown, and updates of one view run one after another, so
 * the results on screen are always those of the last thing typed (Slack's hash would drop the
 * newer of two keystrokes sent before the first update landed).
 */
class NewestKeystroke {
  private readonly newest = new Map<string, number>();
  private readonly chains = new Map<string, Promise<void>>();

  seen(viewId: string, at: number): void {
    if (at < (this.newest.get(viewId) ?? 0)) return;
    this.newest.delete(viewId);
    this.newest.set(viewId, at);
    // Views live minutes: keep the most recently typed-in ones only.
    if (this.newest.size > 10_000) this.newest.delete(this.newest.keys().next().value!);
  }

  isNewest(viewId: string, at: number): boolean {
    return at >= (this.newest.get(viewId) ?? 0);
  }

  /** Runs `update` after the view's earlier updates; drops it if a newer keystroke came meanwhile. */
  async show(viewId: string, at: number, update: () => Promise<void>): Promise<void> {
    const previous = this.chains.get(viewId) ?? Promise.resolve();
    const next = previous.then(async () => {
      if (this.isNewest(viewId, at)) await update();
    });
    const settled = next.catch(() => undefined);
    this.chains.set(viewId, settled);
    void settled.then(() => {
      if (this.chains.get(viewId) === settled) this.chains.delete(viewId);
    });
    await next;
  }
}

/** Search as you type in the lookup modal. */
export function contactSearchInput(ctx: SlackContext): ActionCallback<PlainTextInputAction> {
  const keystrokes = new NewestKeystroke();
  return async ({ ack, action, body, client }) => {
    await ack();
    if (!body.view) return;
    const viewId = body.view.id;
    const at = Number(action.action_ts) || Date.now() / 1000;
    keystrokes.seen(viewId, at);
    const meta = readMetadata(body.view.private_metadata) ?? { openedBy: body.user.id };
    const query = (action.value ?? '').trim().slice(0, 200);
    const view = await searchView(ctx, query, meta);
    try {
      await keystrokes.show(viewId, at, async () => {
        await client.views.update({ view_id: viewId, view });
      });
    } catch (error) {
      // The person closed the modal meanwhile: nothing to show.
      if (slackErrorCode(error) === 'not_found') return;
      await tellUser(error, { logger: ctx.logger, client, userId: body.user.id });
    }
  };
}

/** Search (the lookup modal's submit button): the results in the same modal. */
export function contactSearchSubmission(ctx: SlackContext): ViewSubmissionCallback {
  return async ({ ack, view, body }) => {
    const meta = readMetadata(view.private_metadata) ?? { openedBy: body.user.id };
    const state = view.state.values.search?.[ACTIONS.contactSearchInput] as { value?: string | null } | undefined;
    const query = (state?.value ?? '').trim().slice(0, 200);
    await ack({ response_action: 'update', view: await searchView(ctx, query, meta) });
  };
}

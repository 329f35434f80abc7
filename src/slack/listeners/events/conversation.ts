import type { WebClient } from '@slack/web-api';

import type { AnswerResult } from '../../../assistant/assistant.service.js';
import {
  ASSISTANT_GREETING,
  assistantAnswer,
  assistantFailureText,
  proposalMessage,
} from '../../blocks/assistant-messages.builder.js';
import type { SlackContext } from '../../slack-context.js';
import { slackErrorCode } from '../../slack-errors.js';

export interface IncomingQuestion {
  userId: string;
  channelId: string;
  /** The thread the answer goes in (the message itself when it started no thread). */
  threadTs: string;
  /** The message's own ts: with the channel, what identifies it across Slack's retries. */
  messageTs: string;
  text: string;
  /** The assistant panel's status line and title (only there). */
  panel?: { setStatus(status: string): Promise<unknown>; setTitle(title: string): Promise<unknown> };
}

const NOT_IN_CHANNEL = new Set(['not_in_channel', 'channel_not_found', 'is_archived']);

/**
 * One question, answered once in its thread: claimed in the database (Slack retries and duplicate
 * events stop here), answered by the assistant, its answer and each proposed change posted, and
 * any failure said in plain words.
 */
export async function answerInThread(ctx: SlackContext, client: WebClient, question: IncomingQuestion): Promise<void> {
  const { logger } = ctx;
  // Everything, the claim included, runs in the queue: a burst of questions is acknowledged
  // first and worked through a few at a time.
  await ctx.assistantQueue.run(async () => {
    const turnId = await ctx.assistant.claim({ ...question, eventKey: `${question.channelId}:${question.messageTs}` });
    if (!turnId) {
      logger.debug(
        { channel: question.channelId, ts: question.messageTs },
        'question already answered (duplicate delivery)',
      );
      return;
    }
    const post = (message: { text: string; blocks?: unknown[] }) =>
      client.chat.postMessage({
        channel: question.channelId,
        thread_ts: question.threadTs,
        text: message.text,
        ...(message.blocks ? { blocks: message.blocks as never } : {}),
        unfurl_links: false,
        unfurl_media: false,
      });
    try {
      if (question.panel && question.text) {
        await question.panel
          .setTitle(question.text.slice(0, 100))
          .catch((error: unknown) => logger.debug({ err: error }, 'assistant title not set'));
        await question.panel
          .setStatus('is looking through the CRM…')
          .catch((error: unknown) => logger.debug({ err: error }, 'assistant status not set'));
      }
      // A bare "@PersonableCRM": say what it can do, without asking the model.
      if (!question.text) {
        await post({ text: ASSISTANT_GREETING });
        return;
      }
      await new Promise<void>((resolve) => setImmediate(resolve));
      let result: AnswerResult;
      try {
        result = await ctx.assistant.answer(turnId, { ...question, eventKey: turnId });
      } catch (error) {
        logger.error({ err: error, turnId }, 'assistant failed');
        await post({ text: assistantFailureText('internal') });
        return;
      }
      if (result.kind === 'failure') {
        await post({ text: assistantFailureText(result.reason) });
        return;
      }
      await post(assistantAnswer(result.text, result.contacts));
      for (const proposal of result.proposals) {
        const posted = await post(proposalMessage(proposal, question.userId));
        if (posted.ts) await ctx.pending.attachMessage(proposal.id, posted.ts);
      }
    } catch (error) {
      const code = slackErrorCode(error);
      if (code && NOT_IN_CHANNEL.has(code)) {
        logger.info({ channel: question.channelId, code }, 'cannot answer in that channel; telling the asker in a DM');
        await client.chat
          .postMessage({ channel: question.userId, text: assistantFailureText('not_in_channel') })
          .catch((dmError: unknown) => logger.warn({ err: dmError }, 'could not DM the asker'));
        return;
      }
      logger.error({ err: error, turnId }, 'assistant answer not posted');
    }
  });
}

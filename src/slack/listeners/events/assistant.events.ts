import { Assistant } from '@slack/bolt';

import { ASSISTANT_GREETING, SUGGESTED_PROMPTS } from '../../blocks/assistant-messages.builder.js';
import type { SlackContext } from '../../slack-context.js';
import { answerInThread } from './conversation.js';
import { questionIn } from './message-filter.js';

/**
 * Slack's assistant panel through Bolt's `Assistant`: a new thread gets a greeting and suggested
 * prompts; each message in it is answered with a status line while the model works and the
 * thread titled by its question. Bolt routes every IM message that has a thread_ts here, so
 * follow-ups in an ordinary DM thread are answered the same way.
 * https://docs.slack.dev/reference/events/assistant_thread_started
 */
export function assistantPanel(ctx: SlackContext): Assistant {
  return new Assistant({
    threadStarted: async ({ event, client, setSuggestedPrompts }) => {
      const { user_id: userId, channel_id: channelId, thread_ts: threadTs } = event.assistant_thread;
      // Slack retries a delivery that was not acknowledged in time: greet once.
      const claimed = await ctx.assistant.claim({
        eventKey: `started:${channelId}:${threadTs}`,
        userId,
        channelId,
        threadTs,
        text: '',
      });
      if (!claimed) return;
      try {
        // Not Bolt's say(): it reads the thread back (conversations.replies) for context we do not use.
        await client.chat.postMessage({ channel: channelId, thread_ts: threadTs, text: ASSISTANT_GREETING });
        await setSuggestedPrompts({ prompts: SUGGESTED_PROMPTS, title: 'Try asking' });
      } catch (error) {
        ctx.logger.warn({ err: error }, 'assistant thread greeting not posted');
      }
    },
    // The channel the person is looking at does not change our answers: nothing to keep.
    threadContextChanged: async () => undefined,
    userMessage: async ({ message, client, context, setStatus, setTitle }) => {
      const question = questionIn(message, context.botUserId);
      if (!question) return;
      await answerInThread(ctx, client, {
        ...question,
        panel: { setStatus: (status) => setStatus(status), setTitle: (title) => setTitle(title) },
      });
    },
  });
}

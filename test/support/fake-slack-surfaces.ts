/**
 * The Web API methods of Slack's assistant surfaces and App Home, for the fake Slack
 * (fake-slack.ts calls `answer` for methods it does not know itself). Each rule is from the
 * method's reference page, cited beside it.
 */
import { blockProblems } from './slack-limits.js';

type Args = Record<string, any>; // any: Slack's arguments are arbitrary JSON the tests look into

export interface AssistantThreadState {
  statuses: string[];
  titles: string[];
  prompts: { title?: string; prompts: { title: string; message: string }[] }[];
}

export function slackSurfaces() {
  const threads = new Map<string, AssistantThreadState>();
  /** The Home tab each user was last shown (views.publish). */
  const homes = new Map<string, { view: Args; id: string; publishedAt: number }>();
  let homeSeq = 0;

  const thread = (args: Args) => {
    const key = `${args.channel_id}:${args.thread_ts}`;
    let state = threads.get(key);
    if (!state) threads.set(key, (state = { statuses: [], titles: [], prompts: [] }));
    return state;
  };
  const missing = (args: Args, names: string[]) => names.filter((n) => typeof args[n] !== 'string' || args[n] === '');
  const invalid = (messages: string[]) => ({ ok: false, error: 'invalid_arguments', response_metadata: { messages } });

  function answer(method: string, args: Args): Record<string, unknown> | undefined {
    switch (method) {
      // https://docs.slack.dev/reference/methods/assistant.threads.setStatus — channel_id, thread_ts and status are required.
      case 'assistant.threads.setStatus': {
        const absent = missing(args, ['channel_id', 'thread_ts']).concat(
          typeof args.status === 'string' ? [] : ['status'],
        );
        if (absent.length) return invalid(absent.map((n) => `missing required field: ${n}`));
        // loading_messages: "Maximum of 10 messages."
        if (Array.isArray(args.loading_messages) && args.loading_messages.length > 10)
          return invalid(['loading_messages: at most 10']);
        thread(args).statuses.push(args.status);
        return { ok: true };
      }
      // https://docs.slack.dev/reference/methods/assistant.threads.setSuggestedPrompts — channel_id and prompts required;
      // "up to four suggested prompts", each with a title and a message.
      case 'assistant.threads.setSuggestedPrompts': {
        const prompts = typeof args.prompts === 'string' ? JSON.parse(args.prompts) : args.prompts;
        if (missing(args, ['channel_id']).length) return invalid(['missing required field: channel_id']);
        if (!Array.isArray(prompts) || prompts.length === 0) return invalid(['missing required field: prompts']);
        if (prompts.length > 4) return invalid(['prompts: up to 4']);
        if (
          prompts.some(
            (p: Args) => typeof p?.title !== 'string' || typeof p?.message !== 'string' || !p.title || !p.message,
          )
        )
          return invalid(['prompts: each needs a title and a message']);
        thread(args).prompts.push({ title: args.title, prompts });
        return { ok: true };
      }
      // https://docs.slack.dev/reference/methods/assistant.threads.setTitle — channel_id, thread_ts and title required.
      case 'assistant.threads.setTitle': {
        const absent = missing(args, ['channel_id', 'thread_ts', 'title']);
        if (absent.length) return invalid(absent.map((n) => `missing required field: ${n}`));
        thread(args).titles.push(args.title);
        return { ok: true };
      }
      // https://docs.slack.dev/reference/methods/views.publish — user_id and view required; a Home tab view is
      // type "home" (https://docs.slack.dev/surfaces/app-home), up to 100 blocks
      // (https://docs.slack.dev/reference/block-kit/blocks), and a view over 250 kB fails with view_too_large.
      case 'views.publish': {
        const view = typeof args.view === 'string' ? JSON.parse(args.view) : args.view;
        if (missing(args, ['user_id']).length) return invalid(['invalid `user_id`']);
        if (!/^[UW][A-Z0-9]+$/.test(args.user_id)) return { ok: false, error: 'user_not_found' };
        if (!view || typeof view !== 'object') return invalid(['missing required field: view']);
        if (view.type !== 'home') return invalid(['view.type must be "home"']);
        if (JSON.stringify(view).length > 250_000) return { ok: false, error: 'view_too_large' };
        const problems = blockProblems(view.blocks ?? [], 100);
        if (problems.length) return invalid(problems);
        const id = `VHOME${String(++homeSeq).padStart(6, '0')}`;
        homes.set(args.user_id, { view, id, publishedAt: Date.now() });
        return { ok: true, view: { id, type: 'home', hash: `${Date.now()}.${homeSeq}`, ...view } };
      }
      default:
        return undefined;
    }
  }

  return {
    answer,
    threads,
    homes,
    /** The assistant thread's calls so far (statuses, titles, suggested prompts). */
    thread: (channelId: string, threadTs: string) => threads.get(`${channelId}:${threadTs}`),
  };
}
export type SlackSurfaces = ReturnType<typeof slackSurfaces>;

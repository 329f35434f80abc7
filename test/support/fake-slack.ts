import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { parse as parseYaml } from 'yaml';

import { slackSurfaces } from './fake-slack-surfaces.js';
import {
  messageError,
  modalViewProblems,
  RESPONSE_URL_MS,
  RESPONSE_URL_USES,
  responsePayloadError,
  submissionAckProblems,
  type Json,
} from './slack-rules/index.js';

export const SLACK_SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const SLACK_BOT_TOKEN = 'xoxb-test-bot-token';
export const BOT_USER = 'U0BOT00001';

export interface SlackCall {
  method: string;
  /** Whether Slack answered ok (set once answered). */
  ok?: boolean;
  /** Slack's error code, when it refused. */
  error?: string;
  args: Record<string, any>; // any: Slack's arguments are arbitrary JSON the tests look into
  at: number;
}

/** Something Slack refused because of what the app sent (not an outage the test arranged). */
export interface Rejection {
  method: string;
  error: string;
  problems: string[];
}

type Failure = { error: string } | { status: number; retryAfter?: number } | { hang: true };
type ChannelKind = 'public' | 'private' | 'im';
interface Channel {
  kind: ChannelKind;
  botMember: boolean;
  archived: boolean;
}
interface StoredMessage {
  channel: string;
  ts: string;
  text?: string;
  blocks?: unknown[];
  threadTs?: string;
  ephemeral: boolean;
  user?: string;
}
interface StoredView {
  view: Json;
  hash: string;
  rootId: string;
  userId?: string;
}

/** The bot scopes the app is installed with: what manifest.yml asks for. */
export function manifestScopes(): string[] {
  const manifest = parseYaml(readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8')) as {
    oauth_config: { scopes: { bot: string[] } };
  };
  return manifest.oauth_config.scopes.bot;
}

/** A method's answer: Slack's JSON body. Colleagues add methods with `fake.method(name, handler)`. */
// any: as SlackCall.args
export type MethodHandler = (args: Record<string, any>, call: SlackCall) => Record<string, unknown>;

/**
 * Slack's Web API on loopback, in Slack's wire format (form or JSON bodies, nested values as JSON
 * strings, `{ ok, error }` answers), enforcing Slack's documented rules — each in
 * ./slack-rules/ with its reference page: Block Kit, modal views and their stack, message size,
 * channel membership and scopes, trigger IDs (3 s, once), response_url (5 uses in 30 min),
 * view-submission acks — plus 429 with Retry-After on demand and a WebSocket for Socket Mode.
 * This file is the transport and the workspace's state; the rules live in ./slack-rules/.
 */
/**
 * Messages that people post exist in Slack before any event about them reaches the app: a test
 * that sends a `message` or `app_mention` event tells the live fakes here, so a reply in that
 * message's thread finds its parent as it would in Slack.
 */
const liveFakes = new Set<(channel: string, ts: string, text: string, user: string) => void>();
export function notePersonMessage(channel: string, ts: string, text: string, user: string): void {
  for (const note of liveFakes) note(channel, ts, text, user);
}

export async function startFakeSlack(options: { scopes?: string[] } = {}) {
  const scopes = new Set(options.scopes ?? manifestScopes());
  const calls: SlackCall[] = [];
  const rejections: Rejection[] = [];
  // any: response_url payloads, read by tests
  const responses: { url: string; body: any; ok: boolean; error?: string }[] = [];
  const downloads: { id: string; authorized: boolean }[] = [];
  const failures = new Map<string, Failure[]>();
  const conditional: {
    method: string;
    when: (args: Record<string, any>) => boolean;
    failure: Failure;
    always?: boolean;
  }[] = [];
  const triggers = new Map<string, { issuedAt: number; used: boolean; viewId?: string }>();
  const views = new Map<string, StoredView>();
  /** Open modals: root view id → the stack (root first). A closed modal's views are gone from here. */
  const stacks = new Map<string, string[]>();
  const channels = new Map<string, Channel>();
  const messages = new Map<string, StoredMessage>();
  const notePosted = (channel: string, messageTs: string, text: string, user: string) => {
    const id = resolveChannel(channel);
    if (!messages.has(messageKey(id, messageTs)))
      messages.set(messageKey(id, messageTs), { channel: id, ts: messageTs, text, ephemeral: false, user });
  };
  liveFakes.add(notePosted);
  const responseUrls = new Map<string, { uses: number; createdAt: number }>();
  const userZones = new Map<string, string>();
  const extraMethods = new Map<string, MethodHandler>();
  // --- issue 15 (trust boundaries): workspace admins as users.info reports them ---
  const workspaceAdmins = new Set<string>();
  const files = new Map<string, { name: string; content: Buffer }>();
  let ts = 1_800_000_000;
  let viewSeq = 0;
  const sockets = new Set<WebSocket>();
  const acks = new Map<string, (payload: unknown) => void>();
  // Assistant threads and App Home: a separate module (fake-slack-surfaces.ts).
  const surfaces = slackSurfaces();

  const server: Server = createServer((req, res) => void handle(req, res));
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', (data) => {
        // eslint-disable-next-line @typescript-eslint/no-base-to-string -- the app's socket sends text frames, which arrive as a Buffer
        const message = JSON.parse(String(data)) as { envelope_id?: string; payload?: unknown };
        if (message.envelope_id) acks.get(message.envelope_id)?.(message.payload);
      });
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0TEST' } }));
    });
  });

  async function readBody(req: IncomingMessage): Promise<string> {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    return raw;
  }

  function parseArgs(raw: string, contentType: string): Record<string, any> {
    if (contentType.includes('application/json')) return JSON.parse(raw || '{}');
    const args: Record<string, any> = {};
    for (const [key, value] of new URLSearchParams(raw)) {
      try {
        args[key] = ['blocks', 'view', 'attachments'].includes(key) ? JSON.parse(value) : value;
      } catch {
        args[key] = value;
      }
    }
    return args;
  }

  const refuse = (method: string, error: string, problems: string[] = []) => {
    rejections.push({ method, error, problems });
    return { ok: false, error, ...(problems.length ? { response_metadata: { messages: problems } } : {}) };
  };

  /**
   * A channel as the workspace has it: unknown ids are public channels the bot was invited to; a user id is the app's
   * DM with that user.
   */
  function channelOf(id: string): Channel {
    if (/^[UW]/.test(id) || id.startsWith('D'))
      return {
        kind: 'im',
        botMember: id.startsWith('D') ? (channels.get(id)?.botMember ?? true) : true,
        archived: false,
      };
    return channels.get(id) ?? { kind: 'public', botMember: true, archived: false };
  }
  /** A user id as channel posts to the app's DM with them (https://docs.slack.dev/reference/methods/chat.postMessage#app_home: "pass the user's ID as the channel"). */
  const resolveChannel = (id: string) => (/^[UW]/.test(id) ? `D${id.slice(1)}` : id);

  /**
   * Whether the bot may post in `id`. https://docs.slack.dev/reference/methods/chat.postMessage#errors
   * "not_in_channel: Cannot post user messages to a channel they are not in." Public channels take
   * messages from apps with chat:write.public (https://docs.slack.dev/reference/scopes/chat.write.public:
   * "Send messages to channels @your_slack_app isn't a member of"); private channels and other
   * people's DMs are invisible to a bot that is not in them ("channel_not_found").
   */
  function postingError(id: string, ephemeral: boolean): string | undefined {
    const channel = channelOf(id);
    if (channel.archived) return 'is_archived';
    if (channel.botMember) return undefined;
    if (channel.kind !== 'public') return 'channel_not_found';
    if (!ephemeral && scopes.has('chat:write.public')) return undefined;
    return 'not_in_channel';
  }

  const messageKey = (channel: string, messageTs: string) => `${channel}:${messageTs}`;
  const nextTs = () => `${++ts}.000100`;

  function issueView(view: Json, rootId?: string, userId?: string) {
    const id = `V${String(++viewSeq).padStart(8, '0')}`;
    const hash = randomBytes(6).toString('hex');
    views.set(id, { view, hash, rootId: rootId ?? id, userId });
    return { id, hash, ...view, root_view_id: rootId ?? id, state: { values: {} } };
  }

  const isOpen = (viewId: string) => {
    const stored = views.get(viewId);
    return stored !== undefined && (stacks.get(stored.rootId)?.includes(viewId) ?? false);
  };

  /**
   * https://docs.slack.dev/reference/methods/views.open — "trigger_id: Exchange a trigger to post to
   * the user." Triggers expire in 3 seconds and can be used once
   * (https://docs.slack.dev/interactivity/handling-user-interaction#modal_responses): expired_trigger_id, exchanged_trigger_id.
   */
  function useTrigger(triggerId: unknown): { error?: string; viewId?: string } {
    const trigger = typeof triggerId === 'string' ? triggers.get(triggerId) : undefined;
    if (!trigger) return { error: 'invalid_trigger_id' };
    if (trigger.used) return { error: 'exchanged_trigger_id' };
    if (Date.now() - trigger.issuedAt > 3_000) return { error: 'expired_trigger_id' };
    trigger.used = true;
    return { viewId: trigger.viewId };
  }

  const needsScope = (method: string, scope: string) =>
    scopes.has(scope)
      ? undefined
      : { ok: false, error: 'missing_scope', needed: scope, provided: [...scopes].join(',') };

  const methods: Record<string, MethodHandler> = {
    'auth.test': () => ({
      ok: true,
      url: 'https://test.slack.com/',
      team: 'Test',
      user: 'personablecrm',
      team_id: 'T0TEST',
      user_id: BOT_USER,
      bot_id: 'B0TEST',
    }),
    'apps.connections.open': () => ({ ok: true, url: `${base.replace('http', 'ws')}/socket` }),
    'chat.postMessage': (args) => {
      const scope = needsScope('chat.postMessage', 'chat:write');
      if (scope) return scope;
      const problem = messageError(args);
      if (problem) return refuse('chat.postMessage', problem.error, problem.problems);
      const postingProblem = postingError(String(args.channel), false);
      if (postingProblem) return { ok: false, error: postingProblem };
      const channel = resolveChannel(String(args.channel));
      if (args.thread_ts !== undefined && !messages.has(messageKey(channel, String(args.thread_ts))))
        return { ok: false, error: 'thread_not_found' };
      const posted: StoredMessage = {
        channel,
        ts: nextTs(),
        text: args.text,
        blocks: args.blocks,
        threadTs: args.thread_ts,
        ephemeral: false,
      };
      messages.set(messageKey(channel, posted.ts), posted);
      return { ok: true, channel, ts: posted.ts, message: { text: args.text, blocks: args.blocks, ts: posted.ts } };
    },
    // https://docs.slack.dev/reference/methods/chat.postEphemeral — the user sees it only while the channel is open; it cannot be updated by chat.update.
    'chat.postEphemeral': (args) => {
      const scope = needsScope('chat.postEphemeral', 'chat:write');
      if (scope) return scope;
      const problem = messageError(args);
      if (problem) return refuse('chat.postEphemeral', problem.error, problem.problems);
      const postingProblem = postingError(String(args.channel), true);
      if (postingProblem) return { ok: false, error: postingProblem };
      if (typeof args.user !== 'string' || !args.user) return { ok: false, error: 'user_not_in_channel' };
      const posted: StoredMessage = {
        channel: String(args.channel),
        ts: nextTs(),
        text: args.text,
        blocks: args.blocks,
        ephemeral: true,
        user: args.user,
      };
      messages.set(messageKey(posted.channel, posted.ts), posted);
      return { ok: true, message_ts: posted.ts };
    },
    /**
     * https://docs.slack.dev/reference/methods/chat.update#errors — "message_not_found: No message
     * exists with the requested timestamp"; "cant_update_message"; ephemeral messages are not
     * stored messages and cannot be updated this way.
     */
    'chat.update': (args) => {
      const scope = needsScope('chat.update', 'chat:write');
      if (scope) return scope;
      const problem = messageError(args);
      if (problem) return refuse('chat.update', problem.error, problem.problems);
      const channel = resolveChannel(String(args.channel));
      const stored = messages.get(messageKey(channel, String(args.ts)));
      if (!stored || stored.ephemeral) return { ok: false, error: 'message_not_found' };
      if (channelOf(channel).archived) return { ok: false, error: 'is_archived' };
      stored.text = args.text;
      stored.blocks = args.blocks;
      return { ok: true, channel, ts: stored.ts, text: args.text, message: { text: args.text, blocks: args.blocks } };
    },
    // https://docs.slack.dev/reference/methods/conversations.join — needs channels:join; "method_not_supported_for_channel_type" for private channels and DMs.
    'conversations.join': (args) => {
      const scope = needsScope('conversations.join', 'channels:join');
      if (scope) return scope;
      const channel = channelOf(String(args.channel));
      if (channel.kind !== 'public')
        return { ok: false, error: channel.botMember ? 'method_not_supported_for_channel_type' : 'channel_not_found' };
      if (channel.archived) return { ok: false, error: 'is_archived' };
      channels.set(String(args.channel), { ...channel, botMember: true });
      return { ok: true, channel: { id: args.channel } };
    },
    'views.open': (args) => {
      const trigger = useTrigger(args.trigger_id);
      if (trigger.error) return { ok: false, error: trigger.error };
      const problems = modalViewProblems(args.view);
      if (problems.length) return refuse('views.open', 'invalid_arguments', problems);
      const view = issueView(args.view);
      stacks.set(view.id, [view.id]);
      return { ok: true, view };
    },
    /**
     * https://docs.slack.dev/reference/methods/views.push — "Push a view onto the stack of a root
     * view ... a valid trigger_id generated from an interaction within the existing modal."
     * https://docs.slack.dev/surfaces/modals#view-stack — "can hold up to 3 views"; past that
     * "push_limit_reached".
     */
    'views.push': (args) => {
      const trigger = useTrigger(args.trigger_id);
      if (trigger.error) return { ok: false, error: trigger.error };
      const problems = modalViewProblems(args.view);
      if (problems.length) return refuse('views.push', 'invalid_arguments', problems);
      if (!trigger.viewId || !isOpen(trigger.viewId)) return { ok: false, error: 'not_found' };
      const rootId = views.get(trigger.viewId)!.rootId;
      const stack = stacks.get(rootId)!;
      if (stack.length >= 3) return { ok: false, error: 'push_limit_reached' };
      const view = issueView(args.view, rootId);
      stack.push(view.id);
      return { ok: true, view };
    },
    /**
     * https://docs.slack.dev/reference/methods/views.update — "hash: A string that represents view
     * state to protect against possible race conditions" ("hash_conflict"); a view that is no
     * longer open cannot be updated ("not_found").
     */
    'views.update': (args) => {
      const current = views.get(String(args.view_id));
      if (!current || !isOpen(String(args.view_id))) return { ok: false, error: 'not_found' };
      if (args.hash && args.hash !== current.hash) return { ok: false, error: 'hash_conflict' };
      const problems = modalViewProblems(args.view);
      if (problems.length) return refuse('views.update', 'invalid_arguments', problems);
      current.view = args.view;
      current.hash = randomBytes(6).toString('hex');
      return { ok: true, view: { id: args.view_id, hash: current.hash, ...args.view } };
    },
    // https://docs.slack.dev/reference/methods/files.info — needs files:read; "file_not_found" for unknown IDs.
    'files.info': (args) => {
      const scope = needsScope('files.info', 'files:read');
      if (scope) return scope;
      const file = files.get(String(args.file));
      if (!file) return { ok: false, error: 'file_not_found' };
      const path = `${base}/files-pri/T0TEST-${args.file}`;
      return {
        ok: true,
        file: {
          id: args.file,
          name: file.name,
          size: file.content.length,
          filetype: 'csv',
          mimetype: 'text/csv',
          url_private: `${path}/${file.name}`,
          url_private_download: `${path}/download/${file.name}`,
        },
      };
    },
    // https://docs.slack.dev/reference/methods/users.info — needs users:read; "tz" is the user's time zone.
    'users.info': (args) => {
      const scope = needsScope('users.info', 'users:read');
      if (scope) return scope;
      const tz = userZones.get(String(args.user)) ?? 'Europe/London';
      // tz (IANA name), tz_label and tz_offset (seconds east of UTC, now): https://api.slack.com/types/user
      // is_admin / is_owner: https://docs.slack.dev/reference/objects/user-object (workspace admins and owners).
      return {
        ok: true,
        user: {
          id: args.user,
          team_id: 'T0TEST',
          name: 'someone',
          real_name: 'Some One',
          ...zoneFields(tz),
          is_admin: workspaceAdmins.has(String(args.user)),
          is_owner: false,
        },
      };
    },
  };

  function answer(method: string, args: Record<string, any>, call: SlackCall): Record<string, unknown> {
    const handler = extraMethods.get(method) ?? methods[method];
    return handler ? handler(args, call) : (surfaces.answer(method, args) ?? { ok: false, error: 'unknown_method' });
  }

  /** https://docs.slack.dev/interactivity/handling-user-interaction#message_responses — "up to 5 times within 30 minutes". */
  function answerResponseUrl(path: string, raw: string, res: ServerResponse) {
    let body: unknown;
    try {
      body = JSON.parse(raw || '{}');
    } catch {
      body = undefined;
    }
    const url = responseUrls.get(path);
    const send = (status: number, error?: string) => {
      responses.push({ url: path, body, ok: !error, error });
      res
        .writeHead(status, { 'content-type': 'application/json' })
        .end(JSON.stringify(error ? { ok: false, error } : { ok: true }));
    };
    if (!url) return send(404, 'no_such_url');
    if (url.uses >= RESPONSE_URL_USES) {
      rejections.push({ method: 'response_url', error: 'used_url', problems: [`more than ${RESPONSE_URL_USES} uses`] });
      return send(404, 'used_url');
    }
    if (Date.now() - url.createdAt > RESPONSE_URL_MS) return send(404, 'expired_url');
    url.uses += 1;
    const problem = responsePayloadError(body);
    if (problem) {
      rejections.push({ method: 'response_url', error: problem.error, problems: problem.problems ?? [] });
      return send(400, problem.error);
    }
    send(200);
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', base);
    if (url.pathname.startsWith('/response/')) return answerResponseUrl(url.pathname, raw, res);
    // Private file URLs need the bot token (https://docs.slack.dev/messaging/working-with-files#authenticating);
    // without it Slack answers with its HTML sign-in page, not the file.
    if (url.pathname.startsWith('/files-pri/')) {
      const id = /^\/files-pri\/T0TEST-([^/]+)\//.exec(url.pathname)?.[1] ?? '';
      downloads.push({ id, authorized: req.headers.authorization === `Bearer ${SLACK_BOT_TOKEN}` });
      const file = files.get(id);
      if (req.headers.authorization !== `Bearer ${SLACK_BOT_TOKEN}` || !file)
        return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Sign in to Slack</html>');
      return void res.writeHead(200, { 'content-type': 'text/csv' }).end(file.content);
    }
    const method = url.pathname.replace(/^\/api\//, '');
    const args = parseArgs(raw, String(req.headers['content-type'] ?? ''));
    const call: SlackCall = { method, args, at: Date.now() };
    calls.push(call);
    const auth = String(req.headers.authorization ?? '');
    if (method !== 'apps.connections.open' && auth !== `Bearer ${SLACK_BOT_TOKEN}`)
      return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":false,"error":"invalid_auth"}');
    const matching = conditional.findIndex((c) => c.method === method && c.when(args));
    const failure =
      matching >= 0
        ? (conditional[matching]!.always ? conditional[matching]! : conditional.splice(matching, 1)[0]!).failure
        : failures.get(method)?.shift();
    if (failure && 'hang' in failure) return; // never answers, like a Slack that went away mid-call
    if (failure && 'status' in failure) {
      return void res
        .writeHead(failure.status, {
          'content-type': 'application/json',
          ...(failure.retryAfter !== undefined ? { 'retry-after': String(failure.retryAfter) } : {}),
        })
        .end('{"ok":false,"error":"ratelimited"}');
    }
    const body = failure ? { ok: false, error: failure.error } : answer(method, args, call);
    call.ok = body.ok === true;
    if (!call.ok) call.error = String(body.error);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function closeViewStack(viewId: string, all: boolean) {
    const stored = views.get(viewId);
    if (!stored) return;
    const stack = stacks.get(stored.rootId);
    if (!stack) return;
    if (all || stack.length <= 1) stacks.delete(stored.rootId);
    else stack.splice(stack.indexOf(viewId), 1);
  }

  const fake = {
    apiUrl: `${base}/api`,
    base,
    calls,
    responses,
    /** Assistant threads (status, title, prompts) and published Home tabs. */
    surfaces,
    /** Everything Slack refused because of what the app sent; a test of Slack-facing work expects none. */
    rejections,
    scopes,
    /**
     * A trigger_id Slack would send with an interaction, valid for 3 s; `viewId` when the interaction came from inside
     * that modal.
     */
    trigger(issuedAt = Date.now(), viewId?: string): string {
      const id = `${Date.now()}.${randomBytes(4).toString('hex')}`;
      triggers.set(id, { issuedAt, used: false, viewId });
      return id;
    },
    /** A response_url Slack would send with a command or an interaction. */
    responseUrl(): string {
      const path = `/response/${randomBytes(6).toString('hex')}`;
      responseUrls.set(path, { uses: 0, createdAt: Date.now() });
      return `${base}${path}`;
    },
    failNext(method: string, ...failure: Failure[]) {
      failures.set(method, [...(failures.get(method) ?? []), ...failure]);
    },
    /** Fails the next call of `method` whose arguments match, once. */
    failWhen(method: string, when: (args: Record<string, any>) => boolean, failure: Failure) {
      conditional.push({ method, when, failure });
    },
    /** users.info will say this member administers the workspace (is_admin). */
    makeWorkspaceAdmin(userId: string) {
      workspaceAdmins.add(userId);
    },
    /** Fails every call of `method` whose arguments match, until the test ends (an outage of one channel). */
    failWhile(method: string, when: (args: Record<string, any>) => boolean, failure: Failure) {
      conditional.push({ method, when, failure, always: true });
    },
    /** Ends every failure arranged with failNext / failWhen / failWhile. */
    clearFailures() {
      failures.clear();
      conditional.length = 0;
    },
    /**
     * A channel the bot was not invited to: public (reachable with chat:write.public), private, or someone else's DM.
     */
    notInChannel(channel: string, kind: ChannelKind = 'public') {
      channels.set(channel, { kind, botMember: false, archived: false });
    },
    archive(channel: string) {
      channels.set(channel, { ...channelOf(channel), archived: true });
    },
    setUserTimezone(user: string, tz: string) {
      userZones.set(user, tz);
    },
    /** Adds (or replaces) a Web API method: keep its rules in ./slack-rules/ and cite their page. */
    method(name: string, handler: MethodHandler) {
      extraMethods.set(name, handler);
    },
    /** A message as Slack stores it (posted, then updated), or undefined. */
    message(channel: string, messageTs: string): StoredMessage | undefined {
      return messages.get(messageKey(resolveChannel(channel), messageTs));
    },
    /** Messages posted to a channel (or a user's app DM), oldest first. */
    messagesIn(channel: string): StoredMessage[] {
      const id = resolveChannel(channel);
      return [...messages.values()].filter((m) => m.channel === id);
    },
    /** A file someone uploaded (e.g. through a file_input): its ID for payloads. */
    addFile(name: string, content: string | Buffer): string {
      const id = `F${randomBytes(5).toString('hex').toUpperCase()}`;
      files.set(id, { name, content: Buffer.from(content) });
      return id;
    },
    /** Requests for private file URLs, and whether they carried the bot token. */
    downloads,
    view(id: string) {
      return views.get(id);
    },
    isOpen,
    /** The user closed the modal (its whole stack). */
    closeView(viewId: string) {
      closeViewStack(viewId, true);
    },
    /** The id of the newest view opened or pushed with this callback_id. */
    latestView(callbackId: string): string | undefined {
      return [...views.entries()].reverse().find(([, v]) => v.view.callback_id === callbackId)?.[0];
    },
    /**
     * A view_submission as Slack sends it for the stored view `viewId` with `values` typed in,
     * signed, to the app; the app's ack is checked against Slack's rules and applied to the
     * view stack (nothing: the view closes; clear: the modal closes; update/push; errors: stays).
     */
    async submitView(appUrl: string, viewId: string, user: string, values: Record<string, Record<string, unknown>>) {
      const stored = views.get(viewId);
      if (!stored || !isOpen(viewId)) throw new Error(`view ${viewId} is not open`);
      const payload = {
        type: 'view_submission',
        team: { id: 'T0TEST', domain: 'test' },
        user: { id: user, username: 'someone', name: 'someone', team_id: 'T0TEST' },
        api_app_id: 'A0TEST',
        token: 'legacy-verification-token',
        trigger_id: fake.trigger(Date.now(), viewId),
        view: {
          id: viewId,
          team_id: 'T0TEST',
          app_id: 'A0TEST',
          bot_id: 'B0TEST',
          ...stored.view,
          hash: stored.hash,
          root_view_id: stored.rootId,
          previous_view_id: null,
          state: { values: Object.fromEntries(Object.entries(values).map(([blockId, v]) => [blockId, { value: v }])) },
        },
        response_urls: [],
        is_enterprise_install: false,
      };
      const sent = await sendSigned(appUrl, interaction(payload));
      const ack = sent.text ? sent.json : undefined;
      const problems = submissionAckProblems(stored.view, ack, sent.ms);
      if (problems.length) rejections.push({ method: 'view_submission', error: 'invalid_ack', problems });
      const action = (ack as { response_action?: string } | undefined)?.response_action;
      if (sent.status === 200 && problems.length === 0) {
        if (!action) closeViewStack(viewId, false);
        else if (action === 'clear') closeViewStack(viewId, true);
        else if (action === 'update') stored.view = (ack as { view: Json }).view;
        else if (action === 'push') {
          const stack = stacks.get(stored.rootId)!;
          const pushed = issueView((ack as { view: Json }).view, stored.rootId);
          stack.push(pushed.id);
        }
      }
      return { ...sent, problems };
    },
    callsTo(method: string) {
      return calls.filter((c) => c.method === method);
    },
    /** Socket Mode: sends an envelope and resolves with the app's ack payload. */
    async sendEnvelope(type: 'slash_commands' | 'interactive' | 'events_api', payload: unknown): Promise<unknown> {
      const socket = [...sockets][0];
      if (!socket) throw new Error('no Socket Mode connection');
      const envelopeId = randomBytes(8).toString('hex');
      const acked = new Promise((resolve) => acks.set(envelopeId, resolve));
      const event =
        type === 'events_api'
          ? (payload as { event?: { type?: string; channel?: string; ts?: string; text?: string; user?: string } })
              .event
          : undefined;
      if ((event?.type === 'message' || event?.type === 'app_mention') && event.channel && event.ts)
        notePosted(event.channel, event.ts, event.text ?? '', event.user ?? '');
      socket.send(
        JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: type !== 'events_api' }),
      );
      return acked;
    },
    get connected() {
      return sockets.size;
    },
    close: async () => {
      liveFakes.delete(notePosted);
      for (const s of sockets) s.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}
export type FakeSlack = Awaited<ReturnType<typeof startFakeSlack>>;

/** Slack's request signature: v0= HMAC-SHA256 of `v0:{timestamp}:{body}`. */
/** A user object's time zone fields for an IANA zone, as Slack gives them (https://api.slack.com/types/user: "tz": "Europe/London", "tz_label": "Greenwich Mean Time", "tz_offset": 0). */
function zoneFields(tz: string, at = new Date()): { tz: string; tz_label: string; tz_offset: number } {
  const label =
    new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'long' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value ?? tz;
  const offset =
    new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(offset);
  const seconds = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 3600 + Number(match[3]) * 60) : 0;
  return { tz, tz_label: label, tz_offset: seconds };
}

export function slackSignature(body: string, timestamp: number, secret = SLACK_SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** POSTs a signed request to the app's /slack/events, as Slack does. */
export async function sendSigned(
  appUrl: string,
  body: string,
  options: { contentType?: string; timestamp?: number; signature?: string } = {},
) {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const started = performance.now();
  const res = await fetch(`${appUrl}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': options.contentType ?? 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': options.signature ?? slackSignature(body, timestamp),
    },
    body,
  });
  const text = await res.text();
  return {
    status: res.status,
    text,
    json: text ? (JSON.parse(text) as Record<string, unknown>) : undefined,
    ms: performance.now() - started,
  };
}

/**
 * Text as Slack sends it to apps: `&`, `<` and `>` escaped as `&amp;`, `&lt;`, `&gt;`
 * (https://docs.slack.dev/messaging/formatting-message-text#escaping: "you'll receive ... text with
 * these characters escaped"). Mentions and links stay as Slack's markup: pass `<@U…>`,
 * `<!channel>` or `<https://…|label>` through `markup` to keep them live.
 */
export function wireText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A slash command as Slack form-encodes it (`text` is taken as the wire form: escape human text with wireText). */
export function slashCommand(
  fake: FakeSlack,
  command: string,
  text: string,
  over: Record<string, string> = {},
): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: 'T0TEST',
    team_domain: 'test',
    channel_id: 'C0RESEARCH',
    channel_name: 'sales',
    user_id: 'U0ALICE001',
    user_name: 'alice',
    command,
    text,
    api_app_id: 'A0TEST',
    is_enterprise_install: 'false',
    response_url: fake.responseUrl(),
    trigger_id: fake.trigger(),
    ...over,
  }).toString();
}

/** An interaction payload (block_actions, view_submission, shortcut…) as Slack form-encodes it. */
export function interaction(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/**
 * A `block_actions` payload from a button or menu in a message, as Slack sends it. From an
 * ephemeral message Slack sends no `message` (https://docs.slack.dev/reference/interaction-payloads/block_actions-payload:
 * "message: ... not included for ephemeral messages"), and container.is_ephemeral is true.
 */
export function messageAction(
  fake: FakeSlack,
  input: {
    userId: string;
    channelId: string;
    message: { ts: string; text?: string; blocks?: unknown[] };
    action: Record<string, unknown>;
    ephemeral?: boolean;
  },
): string {
  return interaction({
    type: 'block_actions',
    user: { id: input.userId, username: 'someone', team_id: 'T0TEST' },
    team: { id: 'T0TEST', domain: 'test' },
    api_app_id: 'A0TEST',
    trigger_id: fake.trigger(),
    channel: { id: input.channelId, name: 'sales' },
    container: {
      type: 'message',
      message_ts: input.message.ts,
      channel_id: input.channelId,
      is_ephemeral: input.ephemeral ?? false,
    },
    ...(input.ephemeral ? {} : { message: { type: 'message', user: BOT_USER, ...input.message } }),
    response_url: fake.responseUrl(),
    actions: [{ block_id: 'b', action_ts: `${Date.now() / 1000}`, ...input.action }],
  });
}

/** A `block_actions` payload from an element inside an open modal (its trigger can push onto that modal). */
export function viewAction(
  fake: FakeSlack,
  input: {
    userId: string;
    viewId: string;
    action: Record<string, unknown>;
    values?: Record<string, Record<string, unknown>>;
  },
): string {
  const stored = fake.view(input.viewId);
  if (!stored) throw new Error(`no view ${input.viewId}`);
  return interaction({
    type: 'block_actions',
    user: { id: input.userId, username: 'someone', team_id: 'T0TEST' },
    team: { id: 'T0TEST', domain: 'test' },
    api_app_id: 'A0TEST',
    trigger_id: fake.trigger(Date.now(), input.viewId),
    container: { type: 'view', view_id: input.viewId },
    view: {
      id: input.viewId,
      team_id: 'T0TEST',
      ...stored.view,
      hash: stored.hash,
      root_view_id: stored.rootId,
      state: { values: Object.fromEntries(Object.entries(input.values ?? {}).map(([b, v]) => [b, { value: v }])) },
    },
    actions: [{ block_id: 'b', action_ts: `${Date.now() / 1000}`, ...input.action }],
  });
}

/**
 * A button click inside a contact's detail modal, forged by a member (no view the fake opened): the
 * view carries what the app reads from it — who opened it and which contact (private_metadata).
 */
export function detailViewClick(
  fake: FakeSlack,
  input: { userId: string; contactId: string; actionId: string },
): string {
  return interaction({
    type: 'block_actions',
    user: { id: input.userId, team_id: 'T0TEST' },
    team: { id: 'T0TEST' },
    api_app_id: 'A0TEST',
    trigger_id: fake.trigger(),
    view: {
      id: 'V0DETAILX1',
      type: 'modal',
      title: { type: 'plain_text', text: 'x' },
      private_metadata: JSON.stringify({ openedBy: input.userId, contactId: input.contactId }),
    },
    container: { type: 'view', view_id: 'V0DETAILX1' },
    actions: [{ block_id: 'b', action_ts: '1', type: 'button', action_id: input.actionId, value: input.contactId }],
  });
}

/** A message shortcut ("Research from this message"), with the message's text in Slack's stored form. */
export function messageShortcut(
  fake: FakeSlack,
  input: { callbackId: string; userId: string; channelId: string; messageText: string },
): string {
  return interaction({
    type: 'message_action',
    callback_id: input.callbackId,
    action_ts: `${Date.now() / 1000}`,
    team: { id: 'T0TEST', domain: 'test' },
    user: { id: input.userId, username: 'someone', team_id: 'T0TEST', name: 'someone' },
    channel: { id: input.channelId, name: 'sales' },
    is_enterprise_install: false,
    enterprise: null,
    trigger_id: fake.trigger(),
    response_url: fake.responseUrl(),
    message_ts: '1799999999.000100',
    message: { type: 'message', user: 'U0BOB00001', ts: '1799999999.000100', text: input.messageText },
    token: 'legacy-verification-token',
  });
}

/** A global shortcut, as Slack sends it (no channel, no response_url). */
export function globalShortcut(fake: FakeSlack, input: { callbackId: string; userId: string }): string {
  return interaction({
    type: 'shortcut',
    callback_id: input.callbackId,
    action_ts: `${Date.now() / 1000}`,
    team: { id: 'T0TEST', domain: 'test' },
    user: { id: input.userId, username: 'someone', team_id: 'T0TEST' },
    is_enterprise_install: false,
    enterprise: null,
    trigger_id: fake.trigger(),
    token: 'legacy-verification-token',
  });
}

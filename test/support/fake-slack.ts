import { createHmac, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { blockProblems, viewProblems } from './slack-limits.js';

export const SLACK_SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const SLACK_BOT_TOKEN = 'xoxb-test-bot-token';
export const BOT_USER = 'U0BOT00001';

export interface SlackCall {
  method: string;
  /** Whether Slack answered ok (set once answered). */
  ok?: boolean;
  args: Record<string, any>; // any: Slack's arguments are arbitrary JSON the tests look into
  at: number;
}

type Failure = { error: string } | { status: number; retryAfter?: number } | { hang: true };

/**
 * Slack's Web API on loopback, in Slack's wire format: form or JSON bodies (nested values as JSON
 * strings), `{ ok, error }` answers, Block Kit limits enforced, trigger IDs valid 3 s and once,
 * a view stack of 3, view hashes, 429 with Retry-After on demand, response URLs, and a WebSocket
 * for Socket Mode.
 */
export async function startFakeSlack() {
  const calls: SlackCall[] = [];
  const responses: { url: string; body: any }[] = []; // any: response_url payloads, read by tests
  const downloads: { id: string; authorized: boolean }[] = [];
  const failures = new Map<string, Failure[]>();
  const conditional: { method: string; when: (args: Record<string, any>) => boolean; failure: Failure }[] = [];
  const triggers = new Map<string, { issuedAt: number; used: boolean }>();
  const views = new Map<string, { view: Record<string, unknown>; hash: string; rootId: string }>();
  const stacks = new Map<string, string[]>();
  const notInChannels = new Set<string>();
  const files = new Map<string, { name: string; content: Buffer }>();
  let ts = 1_800_000_000;
  let viewSeq = 0;
  const sockets = new Set<WebSocket>();
  const acks = new Map<string, (payload: unknown) => void>();

  const server: Server = createServer((req, res) => void handle(req, res));
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', (data) => {
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

  const issueView = (view: Record<string, unknown>, rootId?: string) => {
    const id = `V${String(++viewSeq).padStart(8, '0')}`;
    const hash = randomBytes(6).toString('hex');
    views.set(id, { view, hash, rootId: rootId ?? id });
    return { id, hash, ...view, root_view_id: rootId ?? id };
  };

  function useTrigger(triggerId: unknown): string | undefined {
    const trigger = typeof triggerId === 'string' ? triggers.get(triggerId) : undefined;
    if (!trigger) return 'invalid_trigger_id';
    if (trigger.used) return 'exchanged_trigger_id';
    if (Date.now() - trigger.issuedAt > 3_000) return 'expired_trigger_id';
    trigger.used = true;
    return undefined;
  }

  function answer(method: string, args: Record<string, any>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://test.slack.com/', team: 'Test', user: 'personablecrm', team_id: 'T0TEST', user_id: BOT_USER, bot_id: 'B0TEST' };
      case 'apps.connections.open':
        return { ok: true, url: `${base.replace('http', 'ws')}/socket` };
      case 'chat.postMessage':
      case 'chat.update':
      case 'chat.postEphemeral': {
        if (notInChannels.has(args.channel)) return { ok: false, error: 'not_in_channel' };
        const blocks = args.blocks ?? [];
        const problems = blockProblems(blocks, 50);
        if (problems.length) return { ok: false, error: 'invalid_blocks', errors: problems };
        if (JSON.stringify(blocks).length > 13_000) return { ok: false, error: 'msg_blocks_too_long' };
        if (method === 'chat.postEphemeral') return { ok: true, message_ts: `${++ts}.000100` };
        return { ok: true, channel: args.channel, ts: method === 'chat.update' ? args.ts : `${++ts}.000100`, message: { text: args.text, blocks } };
      }
      case 'views.open':
      case 'views.push': {
        const triggerError = useTrigger(args.trigger_id);
        if (triggerError) return { ok: false, error: triggerError };
        const problems = viewProblems(args.view);
        if (problems.length) return { ok: false, error: 'invalid_arguments', response_metadata: { messages: problems } };
        if (method === 'views.push') {
          const stack = [...stacks.entries()].find(([, s]) => s.length > 0)?.[1];
          if (stack && stack.length >= 3) return { ok: false, error: 'push_limit_reached' };
          const view = issueView(args.view, stack?.[0]);
          stack?.push(view.id);
          return { ok: true, view };
        }
        const view = issueView(args.view);
        stacks.set(view.id, [view.id]);
        return { ok: true, view };
      }
      case 'views.update': {
        const current = views.get(args.view_id);
        if (!current) return { ok: false, error: 'not_found' };
        if (args.hash && args.hash !== current.hash) return { ok: false, error: 'hash_conflict' };
        const problems = viewProblems(args.view);
        if (problems.length) return { ok: false, error: 'invalid_arguments', response_metadata: { messages: problems } };
        current.view = args.view;
        current.hash = randomBytes(6).toString('hex');
        return { ok: true, view: { id: args.view_id, hash: current.hash, ...args.view } };
      }
      // https://docs.slack.dev/reference/methods/files.info (file_not_found for unknown IDs)
      case 'files.info': {
        const file = files.get(args.file);
        if (!file) return { ok: false, error: 'file_not_found' };
        const path = `${base}/files-pri/T0TEST-${args.file}`;
        return {
          ok: true,
          file: { id: args.file, name: file.name, size: file.content.length, filetype: 'csv', mimetype: 'text/csv', url_private: `${path}/${file.name}`, url_private_download: `${path}/download/${file.name}` },
        };
      }
      case 'users.info':
        return { ok: true, user: { id: args.user, name: 'someone', real_name: 'Some One', tz: 'Europe/London' } };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  async function handle(req: IncomingMessage, res: import('node:http').ServerResponse) {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', base);
    if (url.pathname.startsWith('/response/')) {
      responses.push({ url: url.pathname, body: JSON.parse(raw || '{}') });
      return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    }
    // Private file URLs need the bot token (https://docs.slack.dev/messaging/working-with-files#authenticating);
    // without it Slack answers with its HTML sign-in page, not the file.
    if (url.pathname.startsWith('/files-pri/')) {
      const id = /^\/files-pri\/T0TEST-([^/]+)\//.exec(url.pathname)?.[1] ?? '';
      downloads.push({ id, authorized: req.headers.authorization === `Bearer ${SLACK_BOT_TOKEN}` });
      const file = files.get(id);
      if (req.headers.authorization !== `Bearer ${SLACK_BOT_TOKEN}` || !file) return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Sign in to Slack</html>');
      return void res.writeHead(200, { 'content-type': 'text/csv' }).end(file.content);
    }
    const method = url.pathname.replace(/^\/api\//, '');
    const args = parseArgs(raw, String(req.headers['content-type'] ?? ''));
    const call: SlackCall = { method, args, at: Date.now() };
    calls.push(call);
    const auth = String(req.headers.authorization ?? '');
    if (method !== 'apps.connections.open' && auth !== `Bearer ${SLACK_BOT_TOKEN}`) return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":false,"error":"invalid_auth"}');
    const matching = conditional.findIndex((c) => c.method === method && c.when(args));
    const failure = matching >= 0 ? conditional.splice(matching, 1)[0]!.failure : failures.get(method)?.shift();
    if (failure && 'hang' in failure) return; // never answers, like a Slack that went away mid-call
    if (failure && 'status' in failure) {
      return void res.writeHead(failure.status, { 'content-type': 'application/json', ...(failure.retryAfter !== undefined ? { 'retry-after': String(failure.retryAfter) } : {}) }).end('{"ok":false,"error":"ratelimited"}');
    }
    const body = failure ? { ok: false, error: failure.error } : answer(method, args);
    call.ok = body.ok === true;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    apiUrl: `${base}/api`,
    base,
    calls,
    responses,
    /** A trigger_id Slack would send with an interaction, valid for 3 s. */
    trigger(issuedAt = Date.now()): string {
      const id = `${Date.now()}.${randomBytes(4).toString('hex')}`;
      triggers.set(id, { issuedAt, used: false });
      return id;
    },
    responseUrl(): string {
      return `${base}/response/${randomBytes(4).toString('hex')}`;
    },
    failNext(method: string, ...failure: Failure[]) {
      failures.set(method, [...(failures.get(method) ?? []), ...failure]);
    },
    /** Fails the next call of `method` whose arguments match, once. */
    failWhen(method: string, when: (args: Record<string, any>) => boolean, failure: Failure) {
      conditional.push({ method, when, failure });
    },
    /** A file someone uploaded (e.g. through a file_input): its ID for payloads. */
    addFile(name: string, content: string | Buffer): string {
      const id = `F${randomBytes(5).toString('hex').toUpperCase()}`;
      files.set(id, { name, content: Buffer.from(content) });
      return id;
    },
    /** Requests for private file URLs, and whether they carried the bot token. */
    downloads,
    notInChannel(channel: string) {
      notInChannels.add(channel);
    },
    view(id: string) {
      return views.get(id);
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
      socket.send(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: type !== 'events_api' }));
      return acked;
    },
    get connected() {
      return sockets.size;
    },
    close: async () => {
      for (const s of sockets) s.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
export type FakeSlack = Awaited<ReturnType<typeof startFakeSlack>>;

/** Slack's request signature: v0= HMAC-SHA256 of `v0:{timestamp}:{body}`. */
export function slackSignature(body: string, timestamp: number, secret = SLACK_SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** POSTs a signed request to the app's /slack/events, as Slack does. */
export async function sendSigned(appUrl: string, body: string, options: { contentType?: string; timestamp?: number; signature?: string } = {}) {
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
  return { status: res.status, text, json: text ? (JSON.parse(text) as Record<string, unknown>) : undefined, ms: performance.now() - started };
}

/** A slash command as Slack form-encodes it. */
export function slashCommand(fake: FakeSlack, command: string, text: string, over: Record<string, string> = {}): string {
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

/** A `block_actions` payload from a button or menu in a channel message, as Slack sends it. */
export function messageAction(
  fake: FakeSlack,
  input: { userId: string; channelId: string; message: { ts: string; text: string; blocks: unknown[] }; action: Record<string, unknown> },
): string {
  return interaction({
    type: 'block_actions',
    user: { id: input.userId },
    team: { id: 'T0TEST' },
    trigger_id: fake.trigger(),
    channel: { id: input.channelId },
    container: { type: 'message', message_ts: input.message.ts, channel_id: input.channelId },
    message: input.message,
    response_url: fake.responseUrl(),
    actions: [{ block_id: 'b', action_ts: '1', ...input.action }],
  });
}

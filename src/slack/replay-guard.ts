import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import express, { type RequestHandler } from 'express';

import { isUniqueViolation } from '../db/database-errors.js';
import type { Db } from '../db/database.js';
import type { Logger } from '../logging/logger.js';

/** Slack signs each request with its time; we accept 5 minutes either way (https://api.slack.com/authentication/verifying-requests-from-slack). */
export const SLACK_REQUEST_WINDOW_S = 5 * 60;
const PRUNE_EVERY_MS = 60_000;

/** Whether `signature` is Slack's v0 HMAC-SHA256 of `v0:{timestamp}:{body}` with the signing secret. */
export function isSlackSignature(secret: string, timestamp: string, body: Buffer, signature: string): boolean {
  const expected = Buffer.from(
    `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:`).update(body).digest('hex')}`,
  );
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Replay protection in front of Bolt's receiver (HTTP mode). Bolt checks the signature and refuses
 * requests older than 5 minutes, but accepts one signed request any number of times within them,
 * and timestamps in the future. Here, for every validly signed request:
 * - a timestamp more than 5 minutes ahead of our clock is refused (401);
 * - its signature + timestamp is recorded — in the database (`SlackRequestSeen`) on PostgreSQL,
 *   so every copy of the app sees it, in memory on SQLite (one copy) — and a second arrival inside
 *   the window is dropped (200, empty, not processed);
 * - an Events API delivery Slack retries (`X-Slack-Retry-Num`, same `event_id`) is processed once.
 * Requests that are not validly signed go on to Bolt, which answers 401 — nothing is recorded for
 * them, so unsigned traffic cannot fill the table. The raw body is read here and handed to Bolt as
 * `req.rawBody`, which its receiver uses instead of reading the stream again.
 */
export function slackReplayGuard(deps: {
  db: Db;
  shared: boolean;
  signingSecret: string;
  logger: Logger;
  now?: () => Date;
}): RequestHandler[] {
  // Real time by default, not the app's clock: Slack's timestamps (and Bolt's check) are real time.
  const clock = deps.now ?? (() => new Date());
  const store = deps.shared ? databaseSeenStore(deps.db, deps.logger) : memorySeenStore();
  const remember = (key: string, now: Date) => store.remember(key, now);
  const prune = (now: Date) => store.prune(now);
  const guard: RequestHandler = (req, res, next) => {
    const body = req.body as unknown;
    const timestamp = req.header('x-slack-request-timestamp') ?? '';
    const signature = req.header('x-slack-signature') ?? '';
    if (Buffer.isBuffer(body)) (req as { rawBody?: Buffer }).rawBody = body;
    if (
      !Buffer.isBuffer(body) ||
      !/^\d{1,12}$/.test(timestamp) ||
      !isSlackSignature(deps.signingSecret, timestamp, body, signature)
    ) {
      next();
      return;
    }
    const now = clock();
    if (Number(timestamp) > now.getTime() / 1000 + SLACK_REQUEST_WINDOW_S) {
      deps.logger.warn({ timestamp }, 'Slack request refused: its timestamp is in the future');
      res.status(401).send();
      return;
    }
    void (async () => {
      prune(now);
      const fresh = await remember(
        `sig:${createHash('sha256').update(`${timestamp}:${signature}`).digest('hex')}`,
        now,
      );
      if (!fresh) {
        deps.logger.warn({ timestamp }, 'Slack request dropped: the same signed request was already handled');
        res.status(200).send();
        return;
      }
      const eventId = eventIdOf(body);
      if (eventId && !(await remember(`event:${eventId}`, now))) {
        deps.logger.info(
          { eventId, retry: req.header('x-slack-retry-num') },
          'Slack retry of an event already handled: acknowledged only',
        );
        res.status(200).send();
        return;
      }
      next();
    })().catch((error: unknown) => {
      deps.logger.error({ err: error }, 'replay check failed; refusing the Slack request');
      res.status(503).send();
    });
  };
  return [express.raw({ type: () => true, limit: '1mb' }), guard];
}

/** The Events API's `event_id` (JSON bodies), which Slack keeps across its retries. */
function eventIdOf(body: Buffer): string | undefined {
  if (body[0] !== 0x7b) return undefined;
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { event_id?: unknown };
    return typeof parsed.event_id === 'string' ? parsed.event_id.slice(0, 200) : undefined;
  } catch {
    return undefined;
  }
}

/** Twice the window: a key must outlive the time its signature is accepted. */
const KEEP_MS = 2 * SLACK_REQUEST_WINDOW_S * 1000;

interface SeenStore {
  /** true the first time a key is seen, false after. */
  remember(key: string, now: Date): Promise<boolean>;
  prune(now: Date): void;
}

/**
 * PostgreSQL (several copies of the app): one row per key, the primary key deciding which copy
 * saw it first.
 */
function databaseSeenStore(db: Db, logger: Logger): SeenStore {
  let lastPrune = 0;
  return {
    async remember(key, now) {
      try {
        await db.slackRequestSeen.create({ data: { key, seenAt: now } });
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
    prune(now) {
      if (now.getTime() - lastPrune < PRUNE_EVERY_MS) return;
      lastPrune = now.getTime();
      void db.slackRequestSeen
        .deleteMany({ where: { seenAt: { lt: new Date(now.getTime() - KEEP_MS) } } })
        .catch((error: unknown) => {
          logger.warn({ err: error }, 'could not prune seen Slack requests');
        });
    },
  };
}

/**
 * SQLite (one copy of the app): in memory. A write per Slack request would queue behind SQLite's
 * single writer and hold up the 3-second ack; a restart forgets, but Bolt still refuses anything
 * older than 5 minutes.
 */
function memorySeenStore(): SeenStore {
  const seen = new Map<string, number>();
  let lastPrune = 0;
  return {
    async remember(key, now) {
      if (seen.has(key)) return false;
      seen.set(key, now.getTime());
      return true;
    },
    prune(now) {
      if (now.getTime() - lastPrune < PRUNE_EVERY_MS) return;
      lastPrune = now.getTime();
      for (const [key, at] of seen) if (at < now.getTime() - KEEP_MS) seen.delete(key);
    },
  };
}

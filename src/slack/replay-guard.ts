import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import express from 'express';
import type { RequestHandler } from 'express';
import type { Db } from '../db/database.js';
import { isUniqueViolation } from '../db/database-errors.js';
import type { Logger } from '../logging/logger.js';

/** Slack signs each request with its time; we accept 5 minutes either way (https://api.slack.com/authentication/verifying-requests-from-slack). */
export const SLACK_REQUEST_WINDOW_S = 5 * 60;
const PRUNE_EVERY_MS = 60_000;

/** Whether `signature` is Slack's v0 HMAC-SHA256 of `v0:{timestamp}:{body}` with the signing secret. */
export function isSlackSignature(secret: string, timestamp: string, body: Buffer, signature: string): boolean {
  const expected = Buffer.from(`v0=${createHmac('sha256', secret).update(`v0:${timestamp}:`).update(body).digest('hex')}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Replay protection in front of Bolt's receiver (HTTP mode). Bolt checks the signature and refuses
 * requests older than 5 minutes, but accepts one signed request any number of times within them,
 * and timestamps in the future. Here, for every validly signed request:
 * - a timestamp more than 5 minutes ahead of our clock is refused (401);
 * - its signature + timestamp is recorded in the database (`SlackRequestSeen`, shared by every copy
 *   of the app on PostgreSQL) and a second arrival inside the window is dropped (200, empty, not
 *   processed);
 * - an Events API delivery Slack retries (`X-Slack-Retry-Num`, same `event_id`) is processed once.
 * Requests that are not validly signed go on to Bolt, which answers 401 — nothing is recorded for
 * them, so unsigned traffic cannot fill the table. The raw body is read here and handed to Bolt as
 * `req.rawBody`, which its receiver uses instead of reading the stream again.
 */
export function slackReplayGuard(deps: { db: Db; signingSecret: string; logger: Logger; now?: () => Date }): RequestHandler[] {
  // Real time by default, not the app's clock: Slack's timestamps (and Bolt's check) are real time.
  const clock = deps.now ?? (() => new Date());
  let lastPrune = 0;
  const remember = async (key: string, now: Date): Promise<boolean> => {
    try {
      await deps.db.slackRequestSeen.create({ data: { key, seenAt: now } });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  };
  const prune = (now: Date) => {
    if (now.getTime() - lastPrune < PRUNE_EVERY_MS) return;
    lastPrune = now.getTime();
    // Twice the window: a key must outlive the time its signature is accepted.
    void deps.db.slackRequestSeen.deleteMany({ where: { seenAt: { lt: new Date(now.getTime() - 2 * SLACK_REQUEST_WINDOW_S * 1000) } } }).catch((error: unknown) => {
      deps.logger.warn({ err: error }, 'could not prune seen Slack requests');
    });
  };
  const guard: RequestHandler = (req, res, next) => {
    const body = req.body as unknown;
    const timestamp = req.header('x-slack-request-timestamp') ?? '';
    const signature = req.header('x-slack-signature') ?? '';
    if (Buffer.isBuffer(body)) (req as { rawBody?: Buffer }).rawBody = body;
    if (!Buffer.isBuffer(body) || !/^\d{1,12}$/.test(timestamp) || !isSlackSignature(deps.signingSecret, timestamp, body, signature)) {
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
      const fresh = await remember(`sig:${createHash('sha256').update(`${timestamp}:${signature}`).digest('hex')}`, now);
      if (!fresh) {
        deps.logger.warn({ timestamp }, 'Slack request dropped: the same signed request was already handled');
        res.status(200).send();
        return;
      }
      const eventId = eventIdOf(body);
      if (eventId && !(await remember(`event:${eventId}`, now))) {
        deps.logger.info({ eventId, retry: req.header('x-slack-retry-num') }, 'Slack retry of an event already handled: acknowledged only');
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

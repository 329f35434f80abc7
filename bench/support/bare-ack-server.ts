/**
 * The Slack ack bench's baseline, run in a process of its own: bare Express that reads the raw body,
 * checks Slack's signature (`v0=` HMAC-SHA256 of `v0:{timestamp}:{body}`,
 * https://docs.slack.dev/authentication/verifying-requests-from-slack) and answers an empty 200.
 * What the same sender on the same machine sees from it is the floor under the app's figure.
 * Usage: `node --import tsx bench/support/bare-ack-server.ts <port> <signing secret>`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import express from 'express';

const [port, secret] = process.argv.slice(2);
if (!port || !secret) throw new Error('usage: bare-ack-server.ts <port> <signing secret>');

const app = express();
app.get('/healthz', (_req, res) => {
  res.send('ok');
});
app.post('/slack/events', express.raw({ type: '*/*' }), (req, res) => {
  const body = req.body as Buffer;
  const expected = Buffer.from(
    `v0=${createHmac('sha256', secret)
      .update(`v0:${req.header('x-slack-request-timestamp') ?? ''}:`)
      .update(body)
      .digest('hex')}`,
  );
  const given = Buffer.from(req.header('x-slack-signature') ?? '');
  res.status(given.length === expected.length && timingSafeEqual(given, expected) ? 200 : 401).end();
});
app.listen(Number(port), '127.0.0.1');

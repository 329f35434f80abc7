import type { WebClient } from '@slack/web-api';

import { AppError } from '../errors.js';

/** Slack's size limit for a file uploaded through a file_input (https://docs.slack.dev/reference/block-kit/block-elements/file-input-element). */
export const SLACK_FILE_INPUT_MAX_BYTES = 10 * 1024 * 1024;

export interface SlackFileDownload {
  name: string;
  body: AsyncIterable<Uint8Array>;
}

/**
 * A file someone shared with the app: its metadata from `files.info` (needs the `files:read`
 * scope), then its bytes from `url_private_download` with the bot token
 * (https://docs.slack.dev/messaging/working-with-files#authenticating). The token is only ever sent
 * to the Slack host the client talks to or one of its subdomains (files.slack.com), over the same
 * scheme — never to a URL some other host could have put in a payload.
 */
export async function downloadSlackFile(
  client: WebClient,
  fileId: string,
  maxBytes: number,
): Promise<SlackFileDownload> {
  const info = (await client.files.info({ file: fileId })) as {
    file?: { name?: string; size?: number; url_private_download?: string; url_private?: string };
  };
  const file = info.file;
  const url = file?.url_private_download ?? file?.url_private;
  if (!file || !url) throw new AppError('not_found', 'Slack did not give this file to the app');
  if ((file.size ?? 0) > maxBytes)
    throw new AppError('payload_too_large', `The file is larger than ${Math.round(maxBytes / 1_000_000)} MB`);
  const target = new URL(url);
  const api = new URL(client.slackApiUrl);
  const sameSlack =
    target.protocol === api.protocol &&
    (target.hostname === api.hostname || target.hostname.endsWith(`.${api.hostname}`));
  if (!sameSlack) throw new AppError('validation_failed', 'The file is not stored on Slack');
  const response = await fetch(target, {
    headers: { authorization: `Bearer ${client.token ?? ''}` },
    redirect: 'error',
    signal: AbortSignal.timeout(60_000),
  });
  if (!response.ok || !response.body)
    throw new AppError('unavailable', `Slack answered ${response.status} for the file`);
  // A login page instead of the file means the token was not accepted for it.
  if ((response.headers.get('content-type') ?? '').startsWith('text/html'))
    throw new AppError('unavailable', 'Slack did not hand out the file (is the files:read scope granted?)');
  return { name: file.name ?? 'file', body: response.body as unknown as AsyncIterable<Uint8Array> };
}

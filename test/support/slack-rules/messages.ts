/** Message payloads: chat.postMessage / chat.update / chat.postEphemeral arguments and response_url bodies. */
import { blocksProblems } from './blocks.js';
import { loneSurrogateProblems, type Json, type Problems } from './rule.js';

/**
 * Past this many characters of blocks (as sent, JSON) Slack answers msg_blocks_too_long. The
 * error is documented (https://docs.slack.dev/reference/methods/chat.postMessage#errors:
 * "msg_blocks_too_long: Blocks submitted with this message are too long."); the number is not —
 * about 13k characters is where it is seen.
 */
export const MESSAGE_BLOCKS_CHARS = 13_000;

/**
 * https://docs.slack.dev/reference/methods/chat.postMessage
 * "text: How this field works and whether it is required depends on other fields you use in your
 *  API call" — text, blocks or attachments is required ("no_text: No message text provided").
 * "The text field ... will be truncated past 40,000 characters" — longer is "msg_too_long".
 * Blocks: the Block Kit rules of a message (https://docs.slack.dev/reference/block-kit/blocks).
 * Answers Slack's error code, or undefined when the message is acceptable.
 */
export function messageError(args: Json): { error: string; problems?: Problems } | undefined {
  const hasBlocks = Array.isArray(args.blocks) ? args.blocks.length > 0 : args.blocks !== undefined;
  if ((typeof args.text !== 'string' || args.text.length === 0) && !hasBlocks && args.attachments === undefined)
    return { error: 'no_text' };
  if (typeof args.text === 'string' && args.text.length > 40_000) return { error: 'msg_too_long' };
  const surrogates = loneSurrogateProblems({ text: args.text, blocks: args.blocks }, 'message');
  if (surrogates.length) return { error: 'invalid_arguments', problems: surrogates };
  if (args.blocks !== undefined) {
    const problems = blocksProblems(args.blocks, 'message');
    if (problems.length) return { error: 'invalid_blocks', problems };
    if (JSON.stringify(args.blocks).length > MESSAGE_BLOCKS_CHARS) return { error: 'msg_blocks_too_long' };
  }
  return undefined;
}

/**
 * Markup in mrkdwn that Slack turns into something live: mentions (`<@U…>`, `<!channel>`,
 * `<!here>`, `<!everyone>`, `<!subteam^…>`), channel links (`<#C…>`) and links (`<https://…|label>`).
 * https://docs.slack.dev/messaging/formatting-message-text#escaping — "&, <, > ... must be escaped"
 * for text to stay text. Tests use this to see which of them a message really carries.
 */
export function liveMarkup(text: string): string[] {
  return [...text.matchAll(/<[^<>]*>/g)].map((m) => m[0]);
}

/**
 * Every text in which Slack reads markup: the notification text and each mrkdwn text object (plain_text is shown as it
 * is).
 */
export function renderedTexts(args: Json): string[] {
  const texts: string[] = [];
  if (typeof args.text === 'string') texts.push(args.text);
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) {
      const obj = value as Json;
      if (obj.type === 'mrkdwn' && typeof obj.text === 'string') texts.push(obj.text);
      for (const [key, v] of Object.entries(obj)) if (key !== 'text' || typeof v !== 'string') walk(v);
    }
  };
  walk(args.blocks);
  return texts;
}

/**
 * A response_url payload. https://docs.slack.dev/interactivity/handling-user-interaction#message_responses
 * "You can use a response_url five times within 30 minutes." The body is a message (text / blocks,
 * with response_type ephemeral | in_channel, replace_original, delete_original); an ephemeral
 * source message cannot be replaced by chat.update but can through its response_url.
 */
export function responsePayloadError(body: unknown): { error: string; problems?: Problems } | undefined {
  if (typeof body !== 'object' || body === null) return { error: 'invalid_payload' };
  const payload = body as Json;
  if (
    payload.response_type !== undefined &&
    payload.response_type !== 'ephemeral' &&
    payload.response_type !== 'in_channel'
  )
    return { error: 'invalid_payload', problems: ['response_type must be ephemeral or in_channel'] };
  if (payload.delete_original === true) return undefined;
  return messageError(payload);
}

export const RESPONSE_URL_USES = 5;
export const RESPONSE_URL_MS = 30 * 60_000;

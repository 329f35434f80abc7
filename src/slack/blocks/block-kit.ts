import type { KnownBlock } from '@slack/types';

/** Slack's documented limits (https://docs.slack.dev/reference/block-kit): builders stay inside them. */
export const LIMITS = {
  blocksPerMessage: 50,
  blocksPerView: 100,
  sectionText: 3000,
  sectionField: 2000,
  fieldsPerSection: 10,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  id: 255,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  contextElements: 10,
  actionsElements: 25,
  inputLabel: 2000,
  placeholder: 150,
  /** Past about this many characters across all blocks, chat.postMessage fails with msg_blocks_too_long. */
  messageChars: 11_000,
  messageText: 40_000,
} as const;

/** Where a cut at `at` would split a surrogate pair (an emoji), one code unit earlier; else `at`. */
function codePointBoundary(text: string, at: number): number {
  if (at <= 0 || at >= text.length) return Math.max(0, Math.min(at, text.length));
  const before = text.charCodeAt(at - 1);
  return before >= 0xd800 && before <= 0xdbff ? at - 1 : at;
}

/** Cut to `max` characters (an ellipsis marks the cut), never inside an emoji's surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, codePointBoundary(text, Math.max(0, max - 1))).trimEnd()}…`;
}

/**
 * Cut mrkdwn to `max` characters without breaking its markup: never inside `<url|label>` or a
 * mention (the whole token goes), an escape such as `&amp;`, or an emoji.
 */
export function truncateMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = codePointBoundary(text, Math.max(0, max - 1));
  const open = text.lastIndexOf('<', cut - 1);
  if (open >= 0 && text.indexOf('>', open) >= cut) cut = open;
  const amp = text.lastIndexOf('&', cut - 1);
  if (amp >= 0 && cut - amp <= 5 && !text.slice(amp, cut).includes(';')) cut = amp;
  return `${text.slice(0, cut).trimEnd()}…`;
}

/**
 * Split mrkdwn into pieces of at most `max` characters, cutting only where `truncateMrkdwn` may:
 * never inside an emoji, an escape such as `&amp;`, a link or a mention. Nothing is lost.
 */
export function splitMrkdwn(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    // truncateMrkdwn marks its cut with one character (…): the piece is what comes before it.
    let cut = truncateMrkdwn(rest, max + 1).length - 1;
    if (cut <= 0) cut = codePointBoundary(rest, max) || max;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest) pieces.push(rest);
  return pieces;
}

/**
 * Text from users and web pages, made safe for mrkdwn: no links, mentions or markup it did not
 * mean, and no bidi embedding, override or isolate controls (U+202A–202E, U+2066–2069), which would
 * show the rest of the line reversed — as they are taken out of names stored in the CRM.
 */
export function escapeText(text: string): string {
  return text
    .replace(/[\u202A-\u202E\u2066-\u2069]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/**
 * Text that arrived from Slack (slash-command text, a message's text) in Slack's wire form, as a
 * person wrote it: `&amp;` `&lt;` `&gt;` decoded, mentions and links as plain words
 * (`<@U123|ann>` → `@ann`, `<!channel>` → `@channel`, `<#C1|sales>` → `#sales`,
 * `<https://x|label>` → `label (https://x)`), so that it can be stored, searched and escaped again
 * once on the way out (https://docs.slack.dev/messaging/formatting-message-text).
 */
export function fromSlackText(text: string): string {
  return text
    .replace(/<([^<>]*)>/g, (_, inner: string) => {
      const [target = '', label] = inner.split('|', 2);
      if (target.startsWith('@')) return `@${label ?? target.slice(1)}`;
      if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
      if (target.startsWith('!')) {
        const special = target.slice(1).split('^')[0]!;
        return label ? `@${label.replace(/^@/, '')}` : `@${special}`;
      }
      return label && label !== target ? `${label} (${target})` : target;
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** A mrkdwn link, with its label escaped; plain text when the URL is unusable. */
export function link(url: string, label: string): string {
  if (!/^https?:\/\//i.test(url) || url.length > LIMITS.buttonUrl || /[<>|\s]/.test(url)) return escapeText(label);
  return `<${url}|${escapeText(label).replace(/\|/g, '¦')}>`;
}

export const mrkdwn = (text: string, max: number = LIMITS.sectionText) => ({
  type: 'mrkdwn' as const,
  text: truncateMrkdwn(text, max),
});
/** A plain_text object: never empty (Slack refuses an empty text), at most `max` characters. */
export const plain = (text: string, max: number = LIMITS.sectionText) => ({
  type: 'plain_text' as const,
  text: truncate(text.trim() ? text : '-', max),
  emoji: true,
});

export function section(text: string, blockId?: string): KnownBlock {
  return { type: 'section', text: mrkdwn(text || '-'), ...(blockId ? { block_id: truncate(blockId, LIMITS.id) } : {}) };
}

export function context(texts: string[], blockId?: string): KnownBlock {
  return {
    type: 'context',
    elements: texts.slice(0, LIMITS.contextElements).map((t) => mrkdwn(t || '-')),
    ...(blockId ? { block_id: truncate(blockId, LIMITS.id) } : {}),
  };
}

export function button(
  text: string,
  actionId: string,
  value: string,
  options: {
    style?: 'primary' | 'danger';
    url?: string;
    confirm?: { title: string; text: string; confirm: string; deny: string };
  } = {},
) {
  return {
    type: 'button' as const,
    text: plain(text, LIMITS.buttonText),
    action_id: truncate(actionId, LIMITS.id),
    value: truncate(value, LIMITS.buttonValue),
    ...(options.style ? { style: options.style } : {}),
    ...(options.url ? { url: options.url } : {}),
    ...(options.confirm
      ? {
          confirm: {
            title: plain(options.confirm.title, 100),
            text: plain(options.confirm.text, 300),
            confirm: plain(options.confirm.confirm, 30),
            deny: plain(options.confirm.deny, 30),
            style: 'danger' as const,
          },
        }
      : {}),
  };
}

/** A rough count of the characters Slack weighs against its per-message limit. */
export function blockChars(blocks: KnownBlock[]): number {
  return JSON.stringify(blocks).length;
}

/** Modal private_metadata: JSON, within Slack's 3000 characters. */
export function encodeMetadata(meta: Record<string, unknown>): string {
  const text = JSON.stringify(meta);
  if (text.length > LIMITS.privateMetadata) throw new Error('private_metadata over 3000 characters');
  return text;
}

import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import { Agent, fetch } from 'undici';

import type { AddressPolicy } from './address-policy.js';

export interface FetchedPage {
  /** Where the page was finally found, after redirects. */
  url: string;
  status: number;
  contentType: string;
  /**
   * The body as received (decompressed), in a buffer of its own: the reader pool hands it to its
   * thread without copying, so a page never becomes a large string on the event loop.
   */
  bytes: Uint8Array;
  /** The charset the body is in (from the content type; utf-8 when it does not say or names an unknown one). */
  charset: string;
  /** The body as text, decoded on first use (in this thread: for small pages and callers off the hot path). */
  readonly body: string;
  /** The page was longer than the size limit; `bytes` hold its beginning. */
  truncated: boolean;
}

/** The body decoded from `bytes` on first use. */
function fetchedPage(fields: Omit<FetchedPage, 'body'>): FetchedPage {
  let text: string | undefined;
  return {
    ...fields,
    get body() {
      text ??= decodeBody(fields.bytes, fields.charset);
      return text;
    },
  };
}

/** Bytes of a page as text in `charset` (as a browser would, replacing malformed sequences). */
export function decodeBody(bytes: Uint8Array, charset: string): string {
  return new TextDecoder(charset).decode(bytes);
}

export type FetchOutcome = { ok: true; page: FetchedPage } | { ok: false; url: string; error: string };

export interface PageFetcherOptions {
  allowAddress: AddressPolicy;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects?: number;
  userAgent?: string;
}

const TEXT_TYPES = /^(text\/html|application\/xhtml\+xml|text\/plain)\b/i;

class BlockedAddressError extends Error {
  constructor(readonly address: string) {
    super(`refused to connect to ${address}: not a public address`);
  }
}

/**
 * Fetches pages for the agent, which takes URLs from search results and from pages it read — so
 * from strangers. Only http(s); every address a host resolves to is checked at connection time
 * (no DNS-rebinding gap), every redirect is followed by hand and checked again; a time limit covers
 * the whole fetch and the body is cut at a size limit.
 */
export class PageFetcher {
  private readonly agent: Agent;

  constructor(private readonly options: PageFetcherOptions) {
    const allow = options.allowAddress;
    const checkedLookup = (
      hostname: string,
      lookupOptions: LookupOptions,
      callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void,
    ) => {
      dnsLookup(hostname, { ...lookupOptions, all: true }, (error, addresses) => {
        if (error) return callback(error, []);
        const blocked = addresses.find((a) => !allow(a.address));
        if (blocked) return callback(new BlockedAddressError(blocked.address), []);
        if (lookupOptions.all) return callback(null, addresses);
        const first = addresses[0]!;
        return callback(null, first.address, first.family);
      });
    };
    this.agent = new Agent({
      connect: { lookup: checkedLookup, timeout: options.timeoutMs },
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
  }

  async fetch(rawUrl: string, signal?: AbortSignal): Promise<FetchOutcome> {
    const deadline = AbortSignal.timeout(this.options.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, deadline]) : deadline;
    let url: URL;
    try {
      url = new URL(rawUrl);
    } catch {
      return { ok: false, url: rawUrl, error: 'not a valid URL' };
    }
    try {
      for (let hop = 0; hop <= (this.options.maxRedirects ?? 5); hop += 1) {
        const refused = this.refuse(url);
        if (refused) return { ok: false, url: url.toString(), error: refused };
        const response = await fetch(url, {
          dispatcher: this.agent,
          redirect: 'manual',
          signal: combined,
          headers: {
            'user-agent': this.options.userAgent ?? 'PersonableCRM-research/1.0 (+https://github.com/personable-crm)',
            accept: 'text/html,application/xhtml+xml,text/plain;q=0.8',
          },
        });
        if (response.status >= 300 && response.status < 400 && response.headers.get('location')) {
          await response.body?.cancel();
          url = new URL(response.headers.get('location')!, url);
          continue;
        }
        const contentType = response.headers.get('content-type') ?? '';
        if (!response.ok) {
          await response.body?.cancel();
          return { ok: false, url: url.toString(), error: `the server answered HTTP ${response.status}` };
        }
        if (contentType && !TEXT_TYPES.test(contentType)) {
          await response.body?.cancel();
          return { ok: false, url: url.toString(), error: `not a web page (${contentType.split(';')[0]})` };
        }
        const { bytes, truncated } = await readLimited(response.body, this.options.maxBytes);
        return {
          ok: true,
          page: fetchedPage({
            url: url.toString(),
            status: response.status,
            contentType,
            bytes,
            charset: charsetOf(contentType),
            truncated,
          }),
        };
      }
      return { ok: false, url: url.toString(), error: 'too many redirects' };
    } catch (error) {
      return { ok: false, url: url.toString(), error: describeFetchError(error, signal, deadline) };
    }
  }

  /** Why a URL may not be fetched, before any connection is made. */
  private refuse(url: URL): string | undefined {
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      return `only http and https pages can be read (not ${url.protocol})`;
    if (url.username || url.password) return 'URLs with credentials are not read';
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) && !this.options.allowAddress(host)) return `refused to connect to ${host}: not a public address`;
    return undefined;
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}

function charsetOf(contentType: string): string {
  const match = /charset\s*=\s*"?([\w-]+)/i.exec(contentType);
  const charset = match?.[1]?.toLowerCase() ?? 'utf-8';
  try {
    new TextDecoder(charset);
    return charset;
  } catch {
    return 'utf-8';
  }
}

/**
 * The body up to `maxBytes`, as bytes in one buffer of their own (never decoded here: a large page
 * as a string costs the event loop tens of milliseconds to build and later to clone or collect).
 */
async function readLimited(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  if (!body) return { bytes: new Uint8Array(0), truncated: false };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const room = maxBytes - received;
    if (value.byteLength >= room) {
      chunks.push(value.subarray(0, room));
      received += room;
      truncated = true;
      await reader.cancel();
      break;
    }
    chunks.push(value);
    received += value.byteLength;
  }
  const bytes = new Uint8Array(received);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return { bytes, truncated };
}

function describeFetchError(error: unknown, signal: AbortSignal | undefined, deadline: AbortSignal): string {
  if (signal?.aborted) return 'stopped: the research task was cancelled or ran out of time';
  if (deadline.aborted) return 'the page did not answer in time';
  let cause: unknown = error;
  let innermost = error instanceof Error ? error.message : String(error);
  while (cause instanceof Error) {
    innermost = cause.message;
    if (cause instanceof BlockedAddressError) return cause.message;
    const code = (cause as { code?: string }).code;
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name does not resolve';
    if (code === 'ECONNREFUSED') return 'the server refused the connection';
    if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT')
      return 'the page did not answer in time';
    cause = cause.cause;
  }
  return `could not be read (${innermost})`;
}

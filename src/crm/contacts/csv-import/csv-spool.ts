import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { AppError } from '../../../errors.js';

const HEAD_BYTES = 512;

/** What to tell someone whose file holds NUL bytes: UTF-16 if they fall on every other byte. */
function nulMessage(head: Buffer): string {
  let even = 0;
  let odd = 0;
  for (let i = 0; i < head.length; i += 1) {
    if (head[i] !== 0) continue;
    if (i % 2 === 0) even += 1;
    else odd += 1;
  }
  const half = Math.floor(head.length / 2);
  // ASCII text in UTF-16: the high byte of each character is 0 (LE: odd positions, BE: even ones).
  const order =
    odd >= half * 0.3 && odd > even * 4
      ? 'little-endian'
      : even >= half * 0.3 && even > odd * 4
        ? 'big-endian'
        : undefined;
  return order
    ? `The file is UTF-16 (${order}) without a byte order mark; save it as "CSV UTF-8" and upload it again`
    : 'The file contains NUL bytes, so it is not a text CSV; save it as "CSV UTF-8" and upload it again';
}

export interface SpooledFile {
  path: string;
  bytes: number;
  /** Deletes the file (and its folder). */
  remove(): Promise<void>;
}

/**
 * Writes an uploaded CSV to a temporary file as it arrives, refusing more than `maxBytes`, UTF-16
 * (Excel's "Unicode text", with or without its byte order mark), NUL bytes and bytes that are not UTF-8. The import
 * then reads the file inside its
 * transaction, so a slow upload never holds the database, and memory stays bounded.
 */
export async function spoolCsv(
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  maxBytes: number,
): Promise<SpooledFile> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'crm-csv-'));
  const file = path.join(dir, 'upload.csv');
  const remove = () => rm(dir, { recursive: true, force: true });
  const out = createWriteStream(file);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let bytes = 0;
  // The first bytes, to tell UTF-16 without a byte order mark from a file with a stray NUL.
  let head = Buffer.alloc(0);
  try {
    for await (const part of source) {
      const chunk = typeof part === 'string' ? Buffer.from(part, 'utf8') : part;
      if (
        bytes === 0 &&
        chunk.length >= 2 &&
        ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))
      ) {
        throw new AppError('validation_failed', 'The file is UTF-16; save it as "CSV UTF-8" and upload it again');
      }
      if (head.length < HEAD_BYTES)
        head = Buffer.concat([head, Buffer.from(chunk.subarray(0, HEAD_BYTES - head.length))]);
      // NUL is valid UTF-8 but never in a text CSV: it is UTF-16 (every other byte NUL for Latin
      // text) without its byte order mark, or a binary file. Either way no row could be read.
      if (chunk.includes(0)) throw new AppError('validation_failed', nulMessage(head));
      bytes += chunk.length;
      if (bytes > maxBytes)
        throw new AppError('payload_too_large', `The CSV is larger than ${Math.round(maxBytes / 1_000_000)} MB`);
      try {
        decoder.decode(chunk, { stream: true });
      } catch {
        throw new AppError(
          'validation_failed',
          'The file is not UTF-8 text; save it as "CSV UTF-8" and upload it again',
        );
      }
      if (!out.write(chunk)) await once(out, 'drain');
    }
    try {
      decoder.decode();
    } catch {
      throw new AppError('validation_failed', 'The file ends in the middle of a UTF-8 character');
    }
    out.end();
    await once(out, 'finish');
    return { path: file, bytes, remove };
  } catch (error) {
    out.destroy();
    await remove();
    throw error;
  }
}

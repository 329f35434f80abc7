import { createReadStream } from 'node:fs';
import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import type { IntakeRowResult, IntakeSink } from '../contact-intake.js';

/** Rejected rows kept in memory for a short report (the Slack message names the first five). */
const FIRST_REJECTED = 5;

/**
 * The per-row outcomes of a streamed import, written to a temporary file (one JSON line per row)
 * as each batch is done: memory holds the counts and the first rejected rows, however long the
 * file. Read back in input order for the answer; `remove()` deletes the file and its folder.
 */
export class ImportOutcomeFile implements IntakeSink {
  readonly counts = { created: 0, merged: 0, rejected: 0 };
  readonly firstRejected: IntakeRowResult[] = [];
  private bytes = 0;

  private constructor(
    private readonly dir: string,
    private readonly file: string,
  ) {}

  static async create(): Promise<ImportOutcomeFile> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'crm-import-'));
    const outcomes = new ImportOutcomeFile(dir, path.join(dir, 'outcomes.jsonl'));
    try {
      await outcomes.restart();
    } catch (error) {
      await outcomes.remove();
      throw error;
    }
    return outcomes;
  }

  async restart(): Promise<void> {
    await writeFile(this.file, '');
    this.bytes = 0;
    this.counts.created = this.counts.merged = this.counts.rejected = 0;
    this.firstRejected.length = 0;
  }

  async add(results: IntakeRowResult[]): Promise<void> {
    let text = '';
    for (const row of results) {
      this.counts[row.outcome] += 1;
      if (row.outcome === 'rejected' && this.firstRejected.length < FIRST_REJECTED) this.firstRejected.push(row);
      text += `${JSON.stringify(row)}\n`;
    }
    await appendFile(this.file, text);
    this.bytes += Buffer.byteLength(text);
  }

  /** Every row's outcome as JSON, in input order and separated by commas: the inside of a JSON array. */
  async *json(): AsyncGenerator<string> {
    if (this.bytes === 0) return;
    // JSON.stringify escapes line breaks inside strings, so each "\n" in the file ends a row; the last is left out.
    const rows = createReadStream(this.file, { encoding: 'utf8', end: this.bytes - 2 });
    for await (const chunk of rows as AsyncIterable<string>) yield chunk.replaceAll('\n', ',');
  }

  async remove(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}

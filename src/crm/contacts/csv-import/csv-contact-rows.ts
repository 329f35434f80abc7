import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { parse, type CsvError, type Options as CsvParseOptions } from 'csv-parse';

import { AppError } from '../../../errors.js';
import type { IntakeItem } from '../contact-intake.js';
import { mapHeader, type ColumnMapping } from './csv-columns.js';

export const CSV_DELIMITERS = [',', ';', '\t'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

/** Records looked at for the header row (LinkedIn's export starts with a few lines of notes). */
const MAX_PREAMBLE_RECORDS = 10;
const SNIFF_BYTES = 64 * 1024;
/** Line ends, longest first: CRLF, LF and a lone CR (old Mac exports), mixed in one file too. */
const LINE_BREAKS = ['\r\n', '\n', '\r'];
/** The longest record accepted: more means an unclosed quote ate the file. */
const MAX_RECORD_CHARS = 200_000;

export interface CsvContactFile {
  mapping: ColumnMapping;
  delimiter: CsvDelimiter;
  /** Lines before the header row that were skipped (notes, blank lines). */
  headerLine: number;
  /** The data rows, in batches, read afresh from the file on every call. */
  batches(): AsyncGenerator<IntakeItem[]>;
}

/**
 * Reads a CSV of contacts (UTF-8 with or without BOM; comma, semicolon or tab; CRLF, LF or CR;
 * quoted fields with delimiters, quotes and line breaks): finds the header row, maps its columns,
 * then streams the rows as contacts for the intake. A malformed line (broken quoting, more cells
 * than the header) is an unreadable row, rejected alone.
 */
export async function openCsvContacts(
  filePath: string,
  options: { delimiter?: CsvDelimiter; batchSize?: number; maxRows: number },
): Promise<CsvContactFile> {
  const start = await readStart(filePath);
  const delimiter = options.delimiter ?? sniffDelimiter(start);
  // Small batches: each batch's rows, queries and SQL die young instead of being promoted to the
  // old generation (a 50k-row import peaked about 100 MB lower than with 1,000-row batches).
  const batchSize = options.batchSize ?? 250;
  let mapping: ColumnMapping | undefined;
  let headerRecords = 0;
  let headerLine = 0;
  for await (const { record, line } of records(filePath, delimiter)) {
    if (!('cells' in record)) continue;
    headerRecords += 1;
    mapping = mapHeader(record.cells);
    if (mapping) {
      headerLine = line;
      break;
    }
    if (headerRecords >= MAX_PREAMBLE_RECORDS) break;
  }
  if (!mapping) {
    throw new AppError(
      'validation_failed',
      'No header row found: the first lines must name the columns, e.g. "name,email,company" (or first name / last name)',
    );
  }
  const found = mapping;
  return {
    mapping: found,
    delimiter,
    headerLine,
    async *batches() {
      let batch: IntakeItem[] = [];
      let index = 0;
      for await (const { record, line } of records(filePath, delimiter)) {
        if (line <= headerLine) continue;
        if (index >= options.maxRows)
          throw new AppError('validation_failed', `The CSV has more than ${options.maxRows} rows; split it`);
        if ('error' in record) batch.push({ index, line, unreadable: [{ path: '', message: record.error }] });
        else if (record.cells.length > found.width && record.cells.slice(found.width).some((c) => c.trim() !== '')) {
          batch.push({
            index,
            line,
            unreadable: [{ path: '', message: `the line has ${record.cells.length} cells, the header ${found.width}` }],
          });
        } else batch.push({ index, line, row: found.toContact(record.cells) });
        index += 1;
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    },
  };
}

type ParsedRecord = { record: { cells: string[] } | { error: string }; line: number };

/** Every record with the line it starts on; lines csv-parse could not read come as errors, in order. */
async function* records(filePath: string, delimiter: CsvDelimiter): AsyncGenerator<ParsedRecord> {
  // Lines csv-parse skips are reported through a callback, records through the stream, which
  // buffers: each skip is attached to the record parsed after it so that the order is kept.
  let skipped: ParsedRecord[] = [];
  // csv-parse counts a CRLF inside a quoted cell as two lines: `extraLines` takes those back.
  let extraLines = 0;
  // Where the last good record ended: a cell whose quote is never closed starts on the line after it.
  let lastEnd = 0;
  const parser = createReadStream(filePath).pipe(
    parse({
      bom: true,
      delimiter,
      // Every row ends where it ends: files pieced together from several exports mix CRLF, LF and CR.
      record_delimiter: LINE_BREAKS,
      // Like spreadsheets: a quote inside an unquoted cell (6" screen) is text.
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: true,
      // A row whose cells are all empty (";;;" from a spreadsheet) is no row.
      skip_records_with_empty_values: true,
      max_record_size: MAX_RECORD_CHARS,
      skip_records_with_error: true,
      on_skip: (error: CsvError | undefined) => {
        const lines = ((error as { lines?: number } | undefined)?.lines ?? 0) - extraLines;
        const runaway = error?.code === 'CSV_QUOTE_NOT_CLOSED' || error?.code === 'CSV_MAX_RECORD_SIZE';
        skipped.push({ record: { error: describe(error) }, line: runaway ? lastEnd + 1 : lines });
        lastEnd = lines;
      },
      // csv-parse types on_record as returning a record; it passes on whatever it returns.
      on_record: ((record: string[], context: { lines: number }) => {
        let breaks = 0;
        for (const c of record) {
          breaks += c.match(/\r\n|\r|\n/g)?.length ?? 0;
          extraLines += c.match(/\r\n/g)?.length ?? 0;
        }
        const before = skipped;
        skipped = [];
        lastEnd = context.lines - extraLines;
        return { before, parsed: { record: { cells: record }, line: lastEnd - breaks } };
      }) as unknown as CsvParseOptions['on_record'],
    } satisfies CsvParseOptions),
  );
  for await (const { before, parsed } of parser as AsyncIterable<{ before: ParsedRecord[]; parsed: ParsedRecord }>) {
    yield* before;
    yield parsed;
  }
  yield* skipped;
}

function describe(error: CsvError | undefined): string {
  switch (error?.code) {
    case 'INVALID_OPENING_QUOTE':
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'the line has a quote inside a cell that is not quoted, or text after a closing quote';
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted cell is never closed (the rest of the file was read as this cell)';
    case 'CSV_MAX_RECORD_SIZE':
      return `the line is longer than ${MAX_RECORD_CHARS} characters (an unclosed quote?)`;
    default:
      return `the line cannot be read as CSV${error?.code ? ` (${error.code})` : ''}`;
  }
}

async function readStart(filePath: string): Promise<string> {
  const handle = await open(filePath, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

/**
 * The delimiter of the first line that has one outside quotes: the most frequent of comma,
 * semicolon (European spreadsheets) and tab; comma on a tie or when none is found.
 */
export function sniffDelimiter(text: string): CsvDelimiter {
  let quoted = false;
  let counts = new Map<CsvDelimiter, number>();
  for (const ch of text.replace(/^\uFEFF/, '')) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      const best = pick(counts);
      if (best) return best;
      counts = new Map();
    } else if (!quoted && (CSV_DELIMITERS as readonly string[]).includes(ch))
      counts.set(ch as CsvDelimiter, (counts.get(ch as CsvDelimiter) ?? 0) + 1);
  }
  return pick(counts) ?? ',';
}

function pick(counts: Map<CsvDelimiter, number>): CsvDelimiter | undefined {
  let best: CsvDelimiter | undefined;
  for (const d of CSV_DELIMITERS) if ((counts.get(d) ?? 0) > (best ? counts.get(best)! : 0)) best = d;
  return best;
}

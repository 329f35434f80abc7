import type { CsvImportSummary } from '../../crm/contacts/contact.service.js';

/**
 * A CSV import's answer as the JSON text of `ImportResult`, piece by piece: the rows are copied
 * from the import's outcome file, never all held in memory. The fields come in the schema's order,
 * as when the answer was built in memory.
 */
export async function* importResultJson(summary: CsvImportSummary): AsyncGenerator<string> {
  const { dryRun, created, merged, rejected, format, delimiter, headerLine, columns, unmappedColumns } = summary;
  yield `${JSON.stringify({ dryRun, created, merged, rejected }).slice(0, -1)},"rows":[`;
  yield* summary.rowsJson();
  yield `],${JSON.stringify({ format, delimiter, headerLine, columns, unmappedColumns }).slice(1)}`;
}

/** A page of results and the cursor of the next one (null on the last page). */
export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/**
 * Rows fetched with `take: limit + 1` as a page: the extra row, when present, only says that
 * another page follows, whose cursor is the last row's id.
 */
export function toPage<Row extends { id: string }, View>(
  rows: Row[],
  limit: number,
  view: (row: Row) => View,
): Page<View> {
  const page = rows.slice(0, limit);
  return { data: page.map(view), nextCursor: rows.length > limit ? page[page.length - 1]!.id : null };
}

// Export views: one row per element of a record's list (e.g. one row per
// financial flow of a project) instead of one row per record, for analysts
// who load flows into a spreadsheet. A view reads its collection's records
// (all, or those written since a time) and expands each; tombstones of
// deleted records pass through as they are.
import type { Connection } from 'mongoose';
import { allRecords, recordsChangedSince } from './collection-export.js';

type Doc = Record<string, unknown>;

export interface ExportView {
  /** Name served like a collection, e.g. financial_flows. */
  name: string;
  /** The collection whose records it expands. */
  collection: string;
  /** The rows of one record (each with its own _id). */
  rowsOf(record: Doc): Doc[];
}

/** The view's rows, from all records or from those written since `since`. */
export function viewRows(connection: Connection, view: ExportView, since: Date | null): () => AsyncIterable<Doc> {
  const records = since ? recordsChangedSince(connection, view.collection, since) : allRecords(connection, view.collection);
  return async function* () {
    for await (const record of records()) {
      if (record.deleted === true) yield record;
      else yield* view.rowsOf(record);
    }
  };
}

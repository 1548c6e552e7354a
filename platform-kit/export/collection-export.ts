// Streams one collection to a file through a driver cursor in _id order (one
// batch in memory at a time, whatever the collection's size): NDJSON, or CSV
// with one row per record (a first pass over the cursor collects the columns,
// so the header is known before the first row); or only the records written
// since a time (incremental export). Returns the record count and the file's SHA-256.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Connection } from 'mongoose';
import type { ChangeEntry } from './change-log.js';
import { csvLine, flatten, sortColumns, stableJson } from './serialize.js';

export const exportFormats = ['ndjson', 'csv'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export interface ExportedFile {
  file: string;
  count: number;
  sha256: string;
  bytes: number;
}

const BATCH = 500;

const cursorOf = (connection: Connection, collection: string) => connection.collection(collection).find({}).sort({ _id: 1 }).batchSize(BATCH);

/** Writes lines to a file with backpressure, hashing what it writes. */
function hashedWriter(path: string) {
  const out = createWriteStream(path);
  const hash = createHash('sha256');
  let bytes = 0;
  return {
    async write(line: string) {
      hash.update(line);
      bytes += Buffer.byteLength(line);
      if (!out.write(line)) await once(out, 'drain');
    },
    async close(): Promise<{ sha256: string; bytes: number }> {
      out.end();
      await once(out, 'finish');
      return { sha256: hash.digest('hex'), bytes };
    },
  };
}

type Doc = Record<string, unknown>;

/** Every record of the collection, in _id order. */
export const allRecords = (connection: Connection, collection: string) => () => cursorOf(connection, collection) as AsyncIterable<Doc>;

/**
 * The records of the collection written at or after `since` (change-log.ts),
 * oldest write first, each read by _id; a deleted record is `{_id, deleted: true}`
 * (archived ones carry `archived: true`).
 */
export const recordsChangedSince = (connection: Connection, collection: string, since: Date) =>
  async function* (): AsyncIterable<Doc> {
    const log = connection.collection<ChangeEntry>('sync_changes');
    const entries = log.find({ collection, updatedAt: { $gte: since } }).sort({ updatedAt: 1, _id: 1 }).batchSize(BATCH);
    for await (const e of entries) {
      const doc = await connection.collection<{ _id: string }>(collection).findOne({ _id: e.recordId });
      yield doc ?? { _id: e.recordId, deleted: true };
    }
  };

export const exportCollection = (connection: Connection, collection: string, format: ExportFormat, path: string, onProgress?: (count: number) => void) =>
  exportRecords(allRecords(connection, collection), format, path, onProgress);

/** Writes the records `source` yields (called once for NDJSON, twice for CSV: columns, then rows). */
export async function exportRecords(
  source: () => AsyncIterable<Doc>,
  format: ExportFormat,
  path: string,
  onProgress: (count: number) => void = () => {},
): Promise<ExportedFile> {
  let columns: string[] = [];
  if (format === 'csv') {
    const seen = new Set<string>();
    for await (const doc of source()) for (const k of flatten(doc).keys()) seen.add(k);
    columns = sortColumns(seen);
  }
  const writer = hashedWriter(path);
  if (format === 'csv') await writer.write(csvLine(columns));
  let count = 0;
  for await (const doc of source()) {
    if (format === 'ndjson') await writer.write(`${stableJson(doc)}\n`);
    else {
      const flat = flatten(doc);
      await writer.write(csvLine(columns.map((c) => flat.get(c))));
    }
    count += 1;
    if (count % BATCH === 0) onProgress(count);
  }
  onProgress(count);
  return { file: path, count, ...(await writer.close()) };
}

// Streams one collection to a file through a driver cursor in _id order (one
// batch in memory at a time, whatever the collection's size): NDJSON, or CSV
// with one row per record (a first pass over the cursor collects the columns,
// so the header is known before the first row); or only the records written
// since a time, with tombstones for deletions (incremental export). Returns the record count and the file's SHA-256.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Connection } from 'mongoose';
import type { ChangeEntry } from './change-log.js';
import { updatedSinceFilter } from '../audit/record-fields.js';
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
 * The records of the collection last written at or after `since` (their
 * updatedAt, or provenance.recordedAt for records no write has changed since:
 * audit/record-fields.ts), in _id order, archived ones with `archived: true`;
 * then a tombstone `{_id, deleted: true}` for each record deleted since then
 * (from the change log).
 */
export const recordsChangedSince = (connection: Connection, collection: string, since: Date) =>
  async function* (): AsyncIterable<Doc> {
    yield* connection.collection(collection).find(updatedSinceFilter(since)!).sort({ _id: 1 }).batchSize(BATCH) as AsyncIterable<Doc>;
    const deletions = connection
      .collection<ChangeEntry>('sync_changes')
      .find({ collection, state: 'DELETED', updatedAt: { $gte: since } })
      .sort({ recordId: 1 })
      .batchSize(BATCH);
    for await (const e of deletions) yield { _id: e.recordId, deleted: true };
  };

export const exportCollection = (connection: Connection, collection: string, format: ExportFormat, path: string, onProgress?: (count: number) => void) =>
  exportRecords(allRecords(connection, collection), format, path, onProgress);

/** Where exported lines go (a file, an HTTP response): write waits for backpressure. */
export interface LineSink {
  write(line: string): Promise<void>;
}

/** Writes the records `source` yields to the sink (called once for NDJSON, twice for CSV: columns, then rows); returns the count. */
export async function writeRecords(source: () => AsyncIterable<Doc>, format: ExportFormat, sink: LineSink, onProgress: (count: number) => void = () => {}): Promise<number> {
  let columns: string[] = [];
  if (format === 'csv') {
    const seen = new Set<string>();
    for await (const doc of source()) for (const k of flatten(doc).keys()) seen.add(k);
    columns = sortColumns(seen);
    await sink.write(csvLine(columns));
  }
  let count = 0;
  for await (const doc of source()) {
    if (format === 'ndjson') await sink.write(`${stableJson(doc)}\n`);
    else {
      const flat = flatten(doc);
      await sink.write(csvLine(columns.map((c) => flat.get(c))));
    }
    count += 1;
    if (count % BATCH === 0) onProgress(count);
  }
  onProgress(count);
  return count;
}

/** Writes the records `source` yields to a file (see writeRecords), with its SHA-256 and size. */
export async function exportRecords(
  source: () => AsyncIterable<Doc>,
  format: ExportFormat,
  path: string,
  onProgress: (count: number) => void = () => {},
): Promise<ExportedFile> {
  const writer = hashedWriter(path);
  const count = await writeRecords(source, format, writer, onProgress);
  return { file: path, count, ...(await writer.close()) };
}

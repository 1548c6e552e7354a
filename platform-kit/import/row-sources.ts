// Rows of an import file in any supported format, as nested raw values with
// the line each starts on. CSV rows are text cells (typed later, by the kind's
// input type); JSON and NDJSON rows are typed values already.
import { createReadStream } from 'node:fs';
import type { GraphQLInputObjectType } from 'graphql';
import { headerPaths, nestCells } from './column-paths.js';
import { csvRecords } from './csv-records.js';
import { jsonArrayRows, ndjsonRows } from './json-records.js';
import { checkHeader } from './row-coercion.js';

export const importFormats = ['csv', 'json', 'ndjson'] as const;
export type ImportFormat = (typeof importFormats)[number];

export interface SourceRow {
  line: number;
  raw?: Record<string, unknown>;
  /** What makes the row unreadable (syntax, cell count). */
  problem?: string;
}

/** A file's text in chunks (UTF-8), never the whole file at once. */
export async function* fileChunks(path: string): AsyncGenerator<string> {
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 16 })) yield chunk as string;
}

export async function* textChunks(text: string): AsyncGenerator<string> {
  yield text;
}

/** A file that cannot be imported at all (no header, unknown column...). */
export class ImportFileError extends Error {}

async function* csvRows(chunks: AsyncIterable<string>, rowType: GraphQLInputObjectType): AsyncGenerator<SourceRow> {
  let header: ReturnType<typeof headerPaths> | null = null;
  for await (const record of csvRecords(chunks)) {
    if (!header) {
      if (record.problem) throw new ImportFileError(`header row (line ${record.line}): ${record.problem}`);
      try {
        header = headerPaths(record.cells);
        checkHeader(rowType, header);
      } catch (err) {
        throw new ImportFileError(`header row (line ${record.line}): ${(err as Error).message}`);
      }
      continue;
    }
    if (record.problem) yield { line: record.line, problem: record.problem };
    else if (record.cells.length !== header.length) yield { line: record.line, problem: `${header.length} cells like the header (got ${record.cells.length})` };
    else yield { line: record.line, raw: nestCells(header, record.cells) };
  }
  if (!header) throw new ImportFileError('the file is empty (a CSV file starts with a header row)');
}

async function* jsonRows(rows: AsyncIterable<{ line: number; value?: Record<string, unknown>; problem?: string }>): AsyncGenerator<SourceRow> {
  for await (const r of rows) yield r.problem ? { line: r.line, problem: r.problem } : { line: r.line, raw: r.value };
}

export function rowsOf(format: ImportFormat, chunks: AsyncIterable<string>, rowType: GraphQLInputObjectType): AsyncIterable<SourceRow> {
  if (format === 'csv') return csvRows(chunks, rowType);
  return jsonRows(format === 'json' ? jsonArrayRows(chunks) : ndjsonRows(chunks));
}

// Bulk import of one record kind: rows are read one at a time (any format),
// typed like the mutation's input, turned into writes by the kind, and
// written in batches of distinct records through writeAuditedBatch (action
// IMPORT, natural key as id), so revisions and rollups follow every row.
// A bad row is reported (line, field, reason) and the others are written.
// Re-running a file is a no-op (unchanged records write no revision); a run
// killed half-way and run again completes what it left (the audit rolls
// half-written records forward, the pillar's repair fixes rollups), and a
// checkpoint lets it skip the rows already done.
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { Model } from 'mongoose';
import type { PillarSubgraphName } from '../access/pillar-names.js';
import type { Principal } from '../access/principal.js';
import { requirePillarWriter } from '../access/authorize.js';
import type { RevisionModel } from '../audit/revision-model.js';
import { bracketPath, inputErrorFromMongoose } from '../audit/validation-errors.js';
import { writeAuditedBatch, type AuditedWrite } from '../audit/write-audited.js';
import { UPDATE_BATCH } from '../bulk-writes.js';
import { checkpointId, MAX_STORED_REJECTS, type CheckpointModel, type ImportCounts, type ImportReject } from './checkpoints.js';
import type { ImportKind, RowWrite } from './import-kind.js';
import { coerceRow, rowTypeOf, type FieldProblem } from './row-coercion.js';
import { rowsOf, type ImportFormat } from './row-sources.js';

export interface ImportProgress extends ImportCounts {
  /** Line of the file reached. */
  line: number;
}

export interface ImportSummary extends ImportCounts {
  kind: string;
  format: ImportFormat;
  /** Rejects in line order (all of them, except that a resumed run keeps at most MAX_STORED_REJECTS of the earlier ones). */
  rejects: ImportReject[];
  /** Rows an earlier, interrupted run of the same file had finished (0: none). */
  resumedAfterRow: number;
}

export interface ImportRun<M extends { revisions: RevisionModel }> {
  pillar: PillarSubgraphName;
  kind: ImportKind<M>;
  models: M;
  principal: Principal;
  /** The subgraph's schema (rows are typed by the kind's input type in it). */
  schema: GraphQLSchema;
  format: ImportFormat;
  chunks: AsyncIterable<string>;
  /** Resumable runs (CLI): where checkpoints live, and the file's SHA-256. */
  checkpoint?: { model: CheckpointModel; fileHash: string };
  /** Distinct records per write batch (at most UPDATE_BATCH: FerretDB stalls on large updates). */
  batchSize?: number;
  onProgress?(progress: ImportProgress): void;
  /** Each reject as soon as it is known (not in line order). */
  onReject?(reject: ImportReject): void;
}

interface PendingRow {
  line: number;
  apply: RowWrite<unknown>['apply'];
}

const CONFLICT_RETRIES = 3;

/** A row error as a reject: the field path in row terms (mutation paths start with `input.`). */
export function rejectOf(line: number, err: GraphQLError): ImportReject {
  const field = typeof err.extensions?.field === 'string' ? err.extensions.field.replace(/^input\./, '') : null;
  const prefix = typeof err.extensions?.field === 'string' ? `Invalid ${err.extensions.field}: ` : null;
  const reason = prefix && err.message.startsWith(prefix) ? `expected ${err.message.slice(prefix.length)}` : err.message;
  return { line, field: field || null, reason };
}

/** A row's own fault as a GraphQLError (client errors and mongoose input errors); anything else (the store failing) stops the run. */
function asRowError(err: unknown): GraphQLError {
  if (err instanceof GraphQLError) return err;
  const input = inputErrorFromMongoose(err, bracketPath);
  if (input) return input;
  throw err;
}

const problemRejects = (line: number, problems: FieldProblem[]): ImportReject[] =>
  problems.map((p) => ({ line, field: p.field || null, reason: p.reason }));

/** The model's objection to a record (first failing path), or null. */
async function modelProblem(model: Model<any>, doc: unknown): Promise<GraphQLError | null> {
  try {
    await new model(doc).validate();
    return null;
  } catch (err) {
    return asRowError(err);
  }
}

export async function runImport<M extends { revisions: RevisionModel }>(run: ImportRun<M>): Promise<ImportSummary> {
  const { kind, models, principal, format } = run;
  requirePillarWriter(principal, run.pillar);
  const batchSize = Math.min(run.batchSize ?? UPDATE_BATCH, UPDATE_BATCH);
  const rowType = rowTypeOf(run.schema, kind);
  const audited = kind.audited(models);
  const prepare = kind.open({ models, principal });

  const ckId = run.checkpoint ? checkpointId(kind.name, run.checkpoint.fileHash) : null;
  const saved = ckId ? await run.checkpoint!.model.findOne({ _id: ckId }).lean() : null;
  const resumedAfterRow = saved?.rowsDone ?? 0;
  const counts: ImportCounts = { rowsRead: saved?.rowsRead ?? 0, written: saved?.written ?? 0, unchanged: saved?.unchanged ?? 0, rejected: saved?.rejected ?? 0 };
  const rejects: ImportReject[] = (saved?.rejects ?? []).map((r) => ({ line: r.line, field: r.field ?? null, reason: r.reason }));
  let lastLine = 0;

  const reject = (rowRejects: ImportReject[]) => {
    counts.rejected++;
    counts.rowsRead++;
    for (const r of rowRejects) {
      rejects.push(r);
      run.onReject?.(r);
    }
  };
  const progress = () => run.onProgress?.({ ...counts, line: lastLine });

  // Natural key → line of its row: a second row with the same key is rejected (the file is ambiguous).
  const keys = new Map<string, number>();
  let batch = new Map<string, PendingRow[]>();

  const saveCheckpoint = async () => {
    if (!ckId) return;
    const stored = [...rejects].sort((a, b) => a.line - b.line).slice(0, MAX_STORED_REJECTS);
    await run.checkpoint!.model.updateOne(
      { _id: ckId },
      { $set: { rowsDone: counts.rowsRead, ...counts, rejects: stored, updatedAt: new Date() } },
      { upsert: true },
    );
  };

  const flush = async () => {
    if (batch.size === 0) return;
    const groups = [...batch.entries()];
    let failed = new Map<PendingRow, ImportReject>();
    const writes: Array<AuditedWrite<any>> = groups.map(([recordId, rows]) => ({
      id: recordId,
      inputPath: bracketPath,
      change: async (before: unknown) => {
        let current = before;
        const applied: PendingRow[] = [];
        for (const row of rows) {
          try {
            current = await row.apply(current);
            applied.push(row);
          } catch (err) {
            failed.set(row, rejectOf(row.line, asRowError(err)));
          }
        }
        if (applied.length && current) {
          const problem = await modelProblem(audited.model, current);
          if (problem) {
            for (const row of applied) failed.set(row, rejectOf(row.line, problem));
            return before;
          }
        }
        return current;
      },
    }));
    let results: Awaited<ReturnType<typeof writeAuditedBatch>> | null = null;
    for (let attempt = 1; !results; attempt++) {
      try {
        results = await writeAuditedBatch({ kind: audited, revisions: models.revisions, principal, action: 'IMPORT', writes });
      } catch (err) {
        // Another writer changed one of these records meanwhile: re-apply the rows to its new version.
        if (!(err instanceof GraphQLError && err.extensions?.code === 'CONFLICT') || attempt >= CONFLICT_RETRIES) throw err;
        failed = new Map();
      }
    }
    groups.forEach(([, rows], i) => {
      for (const row of rows) {
        const problem = failed.get(row);
        if (problem) reject([problem]);
        else {
          counts.rowsRead++;
          if (results![i].revision) counts.written++;
          else counts.unchanged++;
        }
      }
    });
    batch = new Map();
    await saveCheckpoint();
    progress();
  };

  let rowNo = 0;
  for await (const source of rowsOf(format, run.chunks, rowType)) {
    rowNo++;
    lastLine = source.line;
    const skipping = rowNo <= resumedAfterRow;
    if (source.problem) {
      if (!skipping) reject([{ line: source.line, field: null, reason: source.problem }]);
      continue;
    }
    const typed = coerceRow(source.raw!, rowType, { cells: format === 'csv' });
    if ('problems' in typed) {
      if (!skipping) reject(problemRejects(source.line, typed.problems));
      continue;
    }
    let key: string;
    try {
      key = kind.keyOf(typed.row);
    } catch (err) {
      if (!skipping) reject([rejectOf(source.line, asRowError(err))]);
      continue;
    }
    const firstLine = keys.get(key);
    if (firstLine !== undefined) {
      if (!skipping) reject([{ line: source.line, field: null, reason: `one row per natural key (${key} is also on line ${firstLine})` }]);
      continue;
    }
    keys.set(key, source.line);
    if (skipping) {
      if (rowNo % 1000 === 0) progress();
      continue;
    }
    let write: RowWrite<unknown>;
    try {
      write = await prepare(typed.row);
    } catch (err) {
      reject([rejectOf(source.line, asRowError(err))]);
      continue;
    }
    // The batch is written before this row joins it, so a checkpoint never covers a row still pending.
    if (!batch.has(write.recordId) && batch.size >= batchSize) await flush();
    batch.set(write.recordId, [...(batch.get(write.recordId) ?? []), { line: source.line, apply: write.apply }]);
  }
  await flush();
  if (ckId) await run.checkpoint!.model.deleteOne({ _id: ckId });
  progress();
  return { kind: kind.name, format, ...counts, rejects: rejects.sort((a, b) => a.line - b.line), resumedAfterRow };
}

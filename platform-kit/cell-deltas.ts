// Rollup maintenance by deltas, shared by every pillar's counters: a write
// computes what each record contributes to rollup cells before and after, and
// applies the difference ($inc on existing cells, whole inserts for new ones).
// Contributions are pure functions of a record, so rebuilding from scratch
// uses the same code. A cell's stored shape is { _id, ...keys, ...counts }.
import type { Model } from 'mongoose';
import { applyCounterChanges } from './bulk-writes.js';

export interface CellContribution {
  _id: string | number;
  /** Dimension fields, set when the cell is created. */
  keys: Record<string, unknown>;
  /** Counter fields (dotted paths allowed, e.g. `counters.meetingCount`). */
  counts: Record<string, number>;
}

/** Cell id → summed contribution; sign +1 adds records, -1 removes them. */
export type CellDeltas = Map<string | number, CellContribution>;

export function addContributions(deltas: CellDeltas, contributions: CellContribution[], sign: 1 | -1): void {
  for (const c of contributions) {
    const cell = deltas.get(c._id) ?? { _id: c._id, keys: c.keys, counts: {} };
    for (const [field, n] of Object.entries(c.counts)) cell.counts[field] = (cell.counts[field] ?? 0) + sign * n;
    deltas.set(c._id, cell);
  }
}

/** A cell as a document: keys and counts, dotted count paths expanded into sub-documents. */
export function cellDocument(cell: CellContribution): Record<string, unknown> {
  const doc: Record<string, unknown> = { _id: cell._id, ...cell.keys };
  for (const [path, n] of Object.entries(cell.counts)) {
    const parts = path.split('.');
    let target = doc;
    for (const p of parts.slice(0, -1)) target = (target[p] ??= {}) as Record<string, unknown>;
    target[parts[parts.length - 1]] = n;
  }
  return doc;
}

/** Applies the non-zero deltas: $inc on existing cells, new cells inserted whole. */
export async function applyDeltas(model: Model<any>, deltas: CellDeltas): Promise<void> {
  await applyCounterChanges(
    model,
    [...deltas.values()]
      .map((cell) => ({ cell, inc: Object.fromEntries(Object.entries(cell.counts).filter(([, n]) => n !== 0)) }))
      .filter(({ inc }) => Object.keys(inc).length > 0)
      // Through the model so a new cell gets the schema's defaults, as a rebuilt one does.
      .map(({ cell, inc }) => ({ _id: cell._id, inc, initial: new model(cellDocument(cell)).toObject() })),
  );
}

/** Replaces a rollup collection's cells by the given totals (rebuild from scratch). */
export async function replaceAllCells(model: Model<any>, deltas: CellDeltas): Promise<void> {
  await model.deleteMany({});
  const docs = [...deltas.values()].map(cellDocument);
  for (let i = 0; i < docs.length; i += 1000) await model.insertMany(docs.slice(i, i + 1000));
}

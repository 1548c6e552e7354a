// Rollup maintenance by deltas: a write computes what each record contributes
// to rollup cells before and after, and applies the difference with $inc
// upserts (one bulkWrite per batch). Contributions are pure functions of a
// record, so rebuilding from scratch uses the same code.
import type { Model } from 'mongoose';
import { bulkWriteInChunks } from '../../platform-kit/bulk-writes.js';

export interface CellContribution {
  _id: string | number;
  /** Dimension fields, set when the cell is created. */
  keys: Record<string, unknown>;
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

/** Applies the non-zero deltas as $inc upserts. */
export async function applyDeltas(model: Model<any>, deltas: CellDeltas): Promise<void> {
  const ops = [...deltas.values()]
    .map((cell) => ({ cell, inc: Object.fromEntries(Object.entries(cell.counts).filter(([, n]) => n !== 0)) }))
    .filter(({ inc }) => Object.keys(inc).length > 0)
    .map(({ cell, inc }) => ({
      updateOne: {
        filter: { _id: cell._id },
        update: Object.keys(cell.keys).length ? { $inc: inc, $setOnInsert: cell.keys } : { $inc: inc },
        upsert: true,
      },
    }));
  await bulkWriteInChunks(model, ops);
}

/** Replaces a rollup collection's cells by the given totals (rebuild from scratch). */
export async function replaceAllCells(model: Model<any>, deltas: CellDeltas): Promise<void> {
  await model.deleteMany({});
  const docs = [...deltas.values()].map((c) => ({ _id: c._id, ...c.keys, ...c.counts }));
  for (let i = 0; i < docs.length; i += 1000) await model.insertMany(docs.slice(i, i + 1000));
}

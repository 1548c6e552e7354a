// Counter rollups: one document per combination of dimension values (e.g.
// type × country × year) holding summed counters. Every write applies the
// difference between a record's old and new contributions with $inc, so
// grouped counts and sums are read from a few rollup documents instead of
// scanning the records. rebuild() recomputes everything (repair after a crash).
import { Schema, trusted, type Connection, type Model } from 'mongoose';
import { addContributions, applyDeltas, type CellContribution, type CellDeltas } from './cell-deltas.js';

export type DimensionValues = Record<string, string | number | null>;
export type CounterValues = Record<string, number>;

/** What one record adds to the rollups: one entry per dimension combination it counts in. */
export interface Contribution {
  dims: DimensionValues;
  counters: CounterValues;
}

export interface CounterRollupRecord {
  _id: string;
  dims: DimensionValues;
  counters: CounterValues;
}

const rollupSchema = new Schema<CounterRollupRecord>(
  { _id: String, dims: { type: Object, required: true }, counters: { type: Object, required: true } },
  { versionKey: false, strict: 'throw', strictQuery: 'throw', minimize: false },
);

export const counterRollupModel = (connection: Connection, collection: string): Model<CounterRollupRecord> =>
  connection.model<CounterRollupRecord>(`CounterRollup_${collection}`, rollupSchema, collection);

const keyOf = (dims: DimensionValues) =>
  Object.keys(dims)
    .sort()
    .map((k) => `${k}=${dims[k] ?? ''}`)
    .join('|');

/** The cell a contribution goes to: stored as { _id, dims, counters }. */
const asCell = (c: Contribution): CellContribution => ({
  _id: keyOf(c.dims),
  keys: { dims: c.dims },
  counts: Object.fromEntries(Object.entries(c.counters).map(([k, v]) => [`counters.${k}`, v])),
});

/** Applies new − old contributions (either side may be empty: insert, delete). */
export async function applyContributions(
  model: Model<CounterRollupRecord>,
  removed: Contribution[],
  added: Contribution[],
): Promise<void> {
  const deltas: CellDeltas = new Map();
  addContributions(deltas, removed.map(asCell), -1);
  addContributions(deltas, added.map(asCell), 1);
  await applyDeltas(model, deltas);
}

/** Recomputes all rollups from every record's contributions (streamed by the caller). */
export async function rebuildRollups(model: Model<CounterRollupRecord>, contributions: AsyncIterable<Contribution[]>): Promise<void> {
  await model.deleteMany({});
  for await (const batch of contributions) await applyContributions(model, [], batch);
}

export interface AggregateRow {
  dims: DimensionValues;
  counters: CounterValues;
}

/**
 * Sums rollup documents into groups of the requested dimensions, keeping only
 * documents whose dims match `where` (equality on each given dimension).
 */
export async function readAggregates(
  model: Model<CounterRollupRecord>,
  groupBy: string[],
  where: DimensionValues = {},
): Promise<AggregateRow[]> {
  const filter = Object.fromEntries(
    Object.entries(where)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => [`dims.${k}`, v]),
  );
  const docs = (await model.find(filter).lean()) as unknown as CounterRollupRecord[];
  const groups = new Map<string, AggregateRow>();
  for (const doc of docs) {
    const dims = Object.fromEntries(groupBy.map((g) => [g, doc.dims[g] ?? null]));
    const key = keyOf(dims);
    const row = groups.get(key) ?? { dims, counters: {} };
    for (const [name, value] of Object.entries(doc.counters)) row.counters[name] = (row.counters[name] ?? 0) + value;
    groups.set(key, row);
  }
  return [...groups.values()]
    .filter((row) => Object.values(row.counters).some((v) => v !== 0))
    .sort((a, b) => keyOf(a.dims).localeCompare(keyOf(b.dims), 'en', { numeric: true }));
}

/** Rollup docs for many values of one dimension at once (e.g. all six countries), for DataLoaders. */
export async function rollupsWhereIn(model: Model<CounterRollupRecord>, dimension: string, values: Array<string | number>) {
  return (await model.find({ [`dims.${dimension}`]: trusted({ $in: values }) }).lean()) as unknown as CounterRollupRecord[];
}

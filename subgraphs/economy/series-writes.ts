// Writes of time-series observations (water, economic indicators): records,
// daily and monthly rollups and an optional per-series hook (the latest observation) in
// step, bracketed by a write marker so an interrupted write is repaired by
// recomputing the series ranges it names.
import { trusted, type Model } from 'mongoose';
import {
  addToRollups,
  dailyRollupRows,
  insertFreshRollups,
  rebuildAllRollups,
  recomputeSeriesRanges,
  type SeriesPoint,
  type SeriesRollups,
  type SeriesSource,
} from '../../platform-kit/time-series.js';
import { canonicalJson } from '../../platform-kit/bulk-writes.js';
import { withWriteMarker, type SeriesRange, type WriteMarkerRecord } from './write-markers.js';

export interface SeriesStore<T extends { _id: string; time: Date; value: number }> {
  kind: WriteMarkerRecord['kind'];
  observations: Model<T>;
  rollups: SeriesRollups;
  markers: Model<WriteMarkerRecord>;
  seriesOf(doc: Pick<T, Exclude<keyof T, '_id'>>): string;
  seriesFilter(series: string): Record<string, unknown>;
  /** Called with the series written (after records and rollups), and the ids deleted. */
  afterWrite?(series: string[], written: T[], deletedIds: string[]): Promise<void>;
}

const WRITE_BATCH = 5000;

export function seriesRanges<T extends { time: Date }>(docs: T[], seriesOf: (d: T) => string): SeriesRange[] {
  const ranges = new Map<string, SeriesRange>();
  for (const d of docs) {
    const series = seriesOf(d);
    const r = ranges.get(series);
    if (!r) ranges.set(series, { series, from: d.time, to: d.time });
    else {
      if (d.time < r.from) r.from = d.time;
      if (d.time > r.to) r.to = d.time;
    }
  }
  return [...ranges.values()];
}

const sourceOf = <T extends { _id: string; time: Date; value: number }>(store: SeriesStore<T>): SeriesSource<T> => ({
  observations: store.observations,
  seriesFilter: store.seriesFilter,
  pointsOf: (d) => [{ series: store.seriesOf(d), time: d.time, value: d.value }],
});

const recompute = <T extends { _id: string; time: Date; value: number }>(store: SeriesStore<T>, ranges: SeriesRange[]) =>
  recomputeSeriesRanges(store.rollups, sourceOf(store), ranges);

/** Drops and recounts every rollup of the store from its observations. */
export const rebuildSeriesRollups = <T extends { _id: string; time: Date; value: number }>(store: SeriesStore<T>) =>
  rebuildAllRollups(store.rollups, sourceOf(store));

export interface WriteOptions {
  /**
   * Bulk seeding: the caller guarantees that neither these observations nor
   * any other observation of their series-months is stored yet; skips lookups
   * and inserts rollups instead of upserting them.
   */
  fresh?: boolean;
}

/** Inserts or replaces observations by id; unchanged ones are skipped. */
export async function writeSeriesObservations<T extends { _id: string; time: Date; value: number }>(
  store: SeriesStore<T>,
  records: T[],
  options: WriteOptions = {},
): Promise<{ written: number }> {
  const byId = new Map(records.map((r) => [r._id, r]));
  const olds = options.fresh
    ? []
    : ((await store.observations.find({ _id: trusted({ $in: [...byId.keys()] }) }).lean()) as unknown as T[]);
  const oldById = new Map(olds.map((o) => [o._id, o]));
  const added: T[] = [];
  const changed: T[] = [];
  for (const r of byId.values()) {
    const old = oldById.get(r._id);
    if (!old) added.push(r);
    else if (canonicalJson(store.observations.hydrate(old).toObject()) !== canonicalJson(new store.observations(r).toObject())) changed.push(r);
  }
  const written = [...added, ...changed];
  if (written.length === 0) return { written: 0 };
  const ranges = seriesRanges(written, (d) => store.seriesOf(d));
  await withWriteMarker(store.markers, store.kind, ranges, async () => {
    for (let i = 0; i < written.length; i += WRITE_BATCH) {
      const batch = written.slice(i, i + WRITE_BATCH);
      if (options.fresh) await store.observations.insertMany(batch, { ordered: false });
      else await store.observations.bulkWrite(batch.map((r) => ({ replaceOne: { filter: { _id: r._id }, replacement: r, upsert: true } })) as never);
    }
    const points: SeriesPoint[] = added.map((d) => ({ series: store.seriesOf(d), time: d.time, value: d.value }));
    // Fresh series have no rollup yet: insert them (upserts scan the collection on FerretDB SQLite).
    if (options.fresh) await insertFreshRollups(store.rollups, dailyRollupRows(points));
    else await addToRollups(store.rollups, dailyRollupRows(points));
    // A changed value cannot be taken out of min/max: recount its series-months.
    await recompute(store, seriesRanges(changed, (d) => store.seriesOf(d)));
    await store.afterWrite?.(ranges.map((r) => r.series), written, []);
  });
  return { written: written.length };
}

/** Deletes observations by id and recounts the series-months they were in. */
export async function deleteSeriesObservations<T extends { _id: string; time: Date; value: number }>(
  store: SeriesStore<T>,
  ids: string[],
): Promise<{ deleted: number }> {
  const olds = (await store.observations.find({ _id: trusted({ $in: ids }) }).lean()) as unknown as T[];
  if (olds.length === 0) return { deleted: 0 };
  const ranges = seriesRanges(olds, (d) => store.seriesOf(d));
  await withWriteMarker(store.markers, store.kind, ranges, async () => {
    await store.observations.deleteMany({ _id: trusted({ $in: olds.map((o) => o._id) }) });
    await recompute(store, ranges);
    await store.afterWrite?.(ranges.map((r) => r.series), [], olds.map((o) => o._id));
  });
  return { deleted: olds.length };
}

/** After a crash: recounts the ranges named by this store's leftover markers, then clears them. */
export async function repairSeriesWrites<T extends { _id: string; time: Date; value: number }>(
  store: SeriesStore<T>,
  repairSeries?: (series: string[]) => Promise<void>,
): Promise<number> {
  const markers = (await store.markers.find({ kind: store.kind }).lean()) as WriteMarkerRecord[];
  for (const m of markers) {
    await recompute(store, m.seriesRanges);
    await repairSeries?.(m.seriesRanges.map((r) => r.series));
    await store.markers.deleteOne({ _id: m._id });
  }
  return markers.length;
}

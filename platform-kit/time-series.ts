// Time series kept as raw observations plus rollup documents (count, sum, min,
// max) per series and UTC day and per series and UTC month, maintained on
// every write. Reads merge rollups: DAY buckets from daily documents, MONTH,
// QUARTER and YEAR buckets from monthly ones fetched by _id (12 a year), so a
// read costs what the asked range holds, not what the store holds.
import { Schema, trusted, type Connection, type Model } from 'mongoose';
import { badUserInput } from './input-errors.js';
import { findEachById } from './point-lookups.js';

export type Bucket = 'DAY' | 'MONTH' | 'QUARTER' | 'YEAR';

/** One series over one UTC day or month. */
export interface SeriesRollupRecord {
  _id: string; // `${series}|YYYY-MM-DD` (day) or `${series}|YYYY-MM` (month)
  series: string;
  start: Date;
  count: number;
  sum: number;
  min: number;
  max: number;
}

/** The daily and monthly rollups of one kind of series. */
export interface SeriesRollups {
  days: Model<SeriesRollupRecord>;
  months: Model<SeriesRollupRecord>;
}

export interface SeriesPoint {
  series: string;
  time: Date;
  value: number;
}

export interface SeriesBucketValue {
  start: Date;
  end: Date;
  count: number;
  min: number | null;
  max: number | null;
  mean: number | null;
  sum: number;
}

const rollupSchema = new Schema<SeriesRollupRecord>(
  {
    _id: String,
    series: { type: String, required: true },
    start: { type: Date, required: true },
    count: { type: Number, required: true },
    sum: { type: Number, required: true },
    min: { type: Number, required: true },
    max: { type: Number, required: true },
  },
  { versionKey: false, strict: 'throw', strictQuery: 'throw' },
);
rollupSchema.index({ series: 1, start: 1 });

/** The rollup models of one series collection, e.g. prefix `water_observation` → `water_observation_days`, `_months`. */
export function seriesRollupModels(connection: Connection, prefix: string): SeriesRollups {
  const model = (collection: string) => connection.model<SeriesRollupRecord>(`SeriesRollup_${collection}`, rollupSchema, collection);
  return { days: model(`${prefix}_days`), months: model(`${prefix}_months`) };
}

const DAY_MS = 86_400_000;
export const utcDay = (t: Date) => new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate()));
export const utcMonth = (t: Date) => new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), 1));
const nextMonth = (t: Date) => new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 1));
export const dayRollupId = (series: string, t: Date) => `${series}|${utcDay(t).toISOString().slice(0, 10)}`;
export const monthRollupId = (series: string, t: Date) => `${series}|${utcDay(t).toISOString().slice(0, 7)}`;

/** Series-day id → totals; a map that can span several batches (bounded by series × days). */
export type DailyTotals = Map<string, SeriesRollupRecord>;

function addTo(totals: DailyTotals, id: string, series: string, start: Date, r: Pick<SeriesRollupRecord, 'count' | 'sum' | 'min' | 'max'>) {
  const t = totals.get(id);
  if (!t) totals.set(id, { _id: id, series, start, count: r.count, sum: r.sum, min: r.min, max: r.max });
  else {
    t.count += r.count;
    t.sum += r.sum;
    t.min = Math.min(t.min, r.min);
    t.max = Math.max(t.max, r.max);
  }
}

/** Adds points to per-series-day totals. */
export function accumulateDaily(totals: DailyTotals, points: SeriesPoint[]): DailyTotals {
  for (const p of points) addTo(totals, dayRollupId(p.series, p.time), p.series, utcDay(p.time), { count: 1, sum: p.value, min: p.value, max: p.value });
  return totals;
}

export const dailyRollupRows = (points: SeriesPoint[]): SeriesRollupRecord[] => [...accumulateDaily(new Map(), points).values()];

/** Monthly totals of a set of daily ones. */
export function monthlyRows(days: Iterable<SeriesRollupRecord>): SeriesRollupRecord[] {
  const months: DailyTotals = new Map();
  for (const d of days) addTo(months, monthRollupId(d.series, d.start), d.series, utcMonth(d.start), d);
  return [...months.values()];
}

const INSERT_BATCH = 5000;
// FerretDB 1.24 (SQLite) hangs on one update command of ~100+ statements.
const UPDATE_BATCH = 50;
// Up to this many ids, look them up with $in; beyond, one pass over the ids
// (FerretDB evaluates a long $in against every document).
const IN_LOOKUP_MAX = 500;

async function existingIds(model: Model<SeriesRollupRecord>, ids: string[]): Promise<Set<string>> {
  if (!(await model.findOne({}, { _id: 1 }).lean())) return new Set();
  if (ids.length <= IN_LOOKUP_MAX) return new Set((await model.find({ _id: trusted({ $in: ids }) }, { _id: 1 }).lean()).map((d) => d._id));
  const all = new Set<string>();
  for await (const d of model.find({}, { _id: 1 }).lean().cursor({ batchSize: 10_000 })) all.add((d as { _id: string })._id);
  return all;
}

/**
 * Adds totals to rollup documents: new ones are inserted whole (cheap on
 * FerretDB; an upsert scans the collection there), existing ones get
 * $inc/$min/$max in small batches.
 */
async function foldInto(model: Model<SeriesRollupRecord>, rows: SeriesRollupRecord[]): Promise<void> {
  if (!rows.length) return;
  const existing = await existingIds(model, rows.map((r) => r._id));
  const fresh = rows.filter((r) => !existing.has(r._id));
  for (let i = 0; i < fresh.length; i += INSERT_BATCH) await model.insertMany(fresh.slice(i, i + INSERT_BATCH), { ordered: false, lean: true });
  const known = rows.filter((r) => existing.has(r._id));
  for (let i = 0; i < known.length; i += UPDATE_BATCH) {
    await model.bulkWrite(
      known.slice(i, i + UPDATE_BATCH).map((r) => ({
        updateOne: { filter: { _id: r._id }, update: { $inc: { count: r.count, sum: r.sum }, $min: { min: r.min }, $max: { max: r.max } } },
      })) as never,
      { ordered: false },
    );
  }
}

/** Folds new observations' daily totals into the daily and monthly rollups. */
export async function addToRollups(rollups: SeriesRollups, daily: Iterable<SeriesRollupRecord>): Promise<void> {
  const days = [...daily];
  await foldInto(rollups.days, days);
  await foldInto(rollups.months, monthlyRows(days));
}

/**
 * Inserts the rollups of observations whose series-days and months hold
 * nothing yet (bulk seeding of whole series): no lookups, inserts only.
 */
export async function insertFreshRollups(rollups: SeriesRollups, days: SeriesRollupRecord[]): Promise<void> {
  for (let i = 0; i < days.length; i += INSERT_BATCH) await rollups.days.insertMany(days.slice(i, i + INSERT_BATCH), { ordered: false, lean: true });
  const months = monthlyRows(days);
  for (let i = 0; i < months.length; i += INSERT_BATCH) await rollups.months.insertMany(months.slice(i, i + INSERT_BATCH), { ordered: false, lean: true });
}

/** A range of one series' observations (inclusive times). */
export interface SeriesTimeRange {
  series: string;
  from: Date;
  to: Date;
}

/** The ranges (per series, first to last time) a set of points covers. */
export function seriesRanges(points: SeriesPoint[]): SeriesTimeRange[] {
  const ranges = new Map<string, SeriesTimeRange>();
  for (const p of points) {
    const r = ranges.get(p.series);
    if (!r) ranges.set(p.series, { series: p.series, from: p.time, to: p.time });
    else {
      if (p.time < r.from) r.from = p.time;
      if (p.time > r.to) r.to = p.time;
    }
  }
  return [...ranges.values()];
}

export interface SeriesSource<T> {
  observations: Model<T>;
  /** Filter on raw observations selecting one series. */
  seriesFilter(series: string): Record<string, unknown>;
  /** The points an observation adds (one per series it belongs to). */
  pointsOf(doc: T): SeriesPoint[];
}

/**
 * Recounts the rollups of the whole UTC months a range touches from the raw
 * observations (after an update or delete, where min/max cannot be
 * decremented, and for crash repair). Idempotent.
 */
export async function recomputeSeriesRange<T>(rollups: SeriesRollups, source: SeriesSource<T>, range: SeriesTimeRange): Promise<void> {
  const start = utcMonth(range.from);
  const end = nextMonth(range.to);
  const docs = (await source.observations
    .find({ ...source.seriesFilter(range.series), time: trusted({ $gte: start, $lt: end }) })
    .lean()) as unknown as T[];
  const days = dailyRollupRows(docs.flatMap((d) => source.pointsOf(d)).filter((p) => p.series === range.series));
  const span = { series: range.series, start: trusted({ $gte: start, $lt: end }) };
  await rollups.days.deleteMany(span);
  await rollups.months.deleteMany(span);
  for (let i = 0; i < days.length; i += INSERT_BATCH) await rollups.days.insertMany(days.slice(i, i + INSERT_BATCH));
  const months = monthlyRows(days);
  if (months.length) await rollups.months.insertMany(months);
}

/** Recounts every range in turn. */
export async function recomputeSeriesRanges<T>(rollups: SeriesRollups, source: SeriesSource<T>, ranges: SeriesTimeRange[]): Promise<void> {
  for (const r of ranges) await recomputeSeriesRange(rollups, source, r);
}

/**
 * Drops and recomputes every rollup from the raw observations, streaming them.
 * Totals are flushed when they grow large; a flushed day or month seen again
 * is added to, so memory stays bounded whatever the order of the stream.
 */
export async function rebuildAllRollups<T>(rollups: SeriesRollups, source: SeriesSource<T>, flushAt = 200_000): Promise<void> {
  await rollups.days.deleteMany({});
  await rollups.months.deleteMany({});
  let totals: DailyTotals = new Map();
  const flush = async () => {
    await addToRollups(rollups, totals.values());
    totals = new Map();
  };
  for await (const doc of source.observations.find().sort({ _id: 1 }).lean().cursor({ batchSize: 5000 })) {
    accumulateDaily(totals, source.pointsOf(doc as unknown as T));
    if (totals.size >= flushAt) await flush();
  }
  await flush();
}

export function bucketStart(t: Date, bucket: Bucket): Date {
  const y = t.getUTCFullYear();
  const m = t.getUTCMonth();
  switch (bucket) {
    case 'DAY':
      return utcDay(t);
    case 'MONTH':
      return new Date(Date.UTC(y, m, 1));
    case 'QUARTER':
      return new Date(Date.UTC(y, m - (m % 3), 1));
    case 'YEAR':
      return new Date(Date.UTC(y, 0, 1));
  }
}

export function bucketEnd(start: Date, bucket: Bucket): Date {
  const y = start.getUTCFullYear();
  const m = start.getUTCMonth();
  switch (bucket) {
    case 'DAY':
      return new Date(start.getTime() + DAY_MS);
    case 'MONTH':
      return new Date(Date.UTC(y, m + 1, 1));
    case 'QUARTER':
      return new Date(Date.UTC(y, m + 3, 1));
    case 'YEAR':
      return new Date(Date.UTC(y + 1, 0, 1));
  }
}

// Bounded so one request cannot ask for an unbounded number of lookups.
const MAX_RANGE_DAYS = 366 * 10;

const dayDocs = async (days: Model<SeriesRollupRecord>, series: string, from: Date, to: Date) =>
  from < to ? ((await days.find({ series, start: trusted({ $gte: from, $lt: to }) }).lean()) as SeriesRollupRecord[]) : [];

/** The monthly documents of the whole months in [from, to), one read by _id each (at most 120). */
async function monthDocs(months: Model<SeriesRollupRecord>, series: string, from: Date, to: Date): Promise<SeriesRollupRecord[]> {
  const ids: string[] = [];
  for (let m = from; m < to; m = nextMonth(m)) ids.push(monthRollupId(series, m));
  return findEachById(months, ids);
}

/** The rollup documents covering [from, to): monthly for whole months, daily for the partial months at either end. */
export async function rollupsInRange(rollups: SeriesRollups, series: string, from: Date, to: Date, bucket: Bucket): Promise<SeriesRollupRecord[]> {
  if (bucket === 'DAY') return dayDocs(rollups.days, series, from, to);
  const firstWhole = utcMonth(from).getTime() === from.getTime() ? from : nextMonth(from);
  const lastWhole = utcMonth(to);
  if (!(firstWhole < lastWhole)) return dayDocs(rollups.days, series, from, to);
  const [head, whole, tail] = await Promise.all([
    dayDocs(rollups.days, series, from, firstWhole),
    monthDocs(rollups.months, series, firstWhole, lastWhole),
    dayDocs(rollups.days, series, lastWhole, to),
  ]);
  return [...head, ...whole, ...tail];
}

/** Buckets of one series over [from, to) (whole UTC days), empty buckets omitted. */
export async function readBuckets(rollups: SeriesRollups, series: string, range: { from: Date; to: Date }, bucket: Bucket): Promise<SeriesBucketValue[]> {
  const from = utcDay(range.from);
  // A partial last day counts whole, as it always has: round `to` up to a day.
  const to = utcDay(range.to).getTime() === range.to.getTime() ? range.to : new Date(utcDay(range.to).getTime() + DAY_MS);
  if (!(range.to > from)) throw badUserInput('to', 'a DateTime after from');
  if ((to.getTime() - from.getTime()) / DAY_MS > MAX_RANGE_DAYS) throw badUserInput('to', `a range of at most ${MAX_RANGE_DAYS} days`);
  const buckets = new Map<number, SeriesBucketValue>();
  for (const d of await rollupsInRange(rollups, series, from, to, bucket)) {
    const start = bucketStart(d.start, bucket);
    const b = buckets.get(start.getTime()) ?? { start, end: bucketEnd(start, bucket), count: 0, min: null, max: null, mean: null, sum: 0 };
    b.count += d.count;
    b.sum += d.sum;
    b.min = b.min === null ? d.min : Math.min(b.min, d.min);
    b.max = b.max === null ? d.max : Math.max(b.max, d.max);
    buckets.set(start.getTime(), b);
  }
  return [...buckets.values()]
    .sort((a, b) => a.start.getTime() - b.start.getTime())
    .map((b) => ({ ...b, mean: b.count ? b.sum / b.count : null }));
}

// Time series kept as raw observations plus one rollup document per series and
// UTC day (count, sum, min, max), maintained on write. Bucketed reads (day,
// month, quarter, year) merge daily rollups, so their cost depends on the time
// range asked for, not on how many observations are stored.
import { Schema, trusted, type Connection, type Model } from 'mongoose';
import { applyCounterChanges } from './bulk-writes.js';
import { badUserInput } from './input-errors.js';

export type Bucket = 'DAY' | 'MONTH' | 'QUARTER' | 'YEAR';

export interface DailyRollupRecord {
  _id: string; // `${series}|${YYYY-MM-DD}`
  series: string;
  day: Date;
  count: number;
  sum: number;
  min: number;
  max: number;
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

const dailyRollupSchema = new Schema<DailyRollupRecord>(
  {
    _id: String,
    series: { type: String, required: true },
    day: { type: Date, required: true },
    count: { type: Number, required: true },
    sum: { type: Number, required: true },
    min: { type: Number, required: true },
    max: { type: Number, required: true },
  },
  { versionKey: false, strict: 'throw', strictQuery: 'throw' },
);
dailyRollupSchema.index({ series: 1, day: 1 });

/** A daily-rollup model for one series collection, e.g. `water_observation_days`. */
export const dailyRollupModel = (connection: Connection, collection: string): Model<DailyRollupRecord> =>
  connection.model<DailyRollupRecord>(`DailyRollup_${collection}`, dailyRollupSchema, collection);

export const utcDay = (t: Date) => new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate()));
const dayKey = (t: Date) => utcDay(t).toISOString().slice(0, 10);

/** Daily rollup documents of a set of points (as if each series-day were new). */
/** Adds points to per-series-day totals (a map that can span several batches). */
export function accumulateDaily(byDay: Map<string, DailyRollupRecord>, points: SeriesPoint[]): Map<string, DailyRollupRecord> {
  for (const p of points) {
    const day = utcDay(p.time);
    const id = `${p.series}|${dayKey(day)}`;
    const r = byDay.get(id) ?? { _id: id, series: p.series, day, count: 0, sum: 0, min: p.value, max: p.value };
    r.count += 1;
    r.sum += p.value;
    r.min = Math.min(r.min, p.value);
    r.max = Math.max(r.max, p.value);
    byDay.set(id, r);
  }
  return byDay;
}

export const dailyRollupRows = (points: SeriesPoint[]): DailyRollupRecord[] => [...accumulateDaily(new Map(), points).values()];

/** Folds newly inserted observations into the daily rollups (new days inserted whole, existing ones $inc/$min/$max). */
export async function addToDailyRollups(model: Model<DailyRollupRecord>, points: SeriesPoint[]): Promise<void> {
  await applyCounterChanges(
    model,
    dailyRollupRows(points).map((r) => ({
      _id: r._id,
      inc: { count: r.count, sum: r.sum },
      min: { min: r.min },
      max: { max: r.max },
      initial: r as unknown as Record<string, unknown>,
    })),
  );
}

/**
 * Recomputes the rollups of the given series-days from the raw observations
 * (after an update or delete, where min/max cannot be decremented). Idempotent.
 */
export async function recomputeDailyRollups<T>(
  rollups: Model<DailyRollupRecord>,
  observations: Model<T>,
  seriesDays: Array<{ series: string; day: Date }>,
  toPoint: (doc: T) => SeriesPoint,
  seriesFilter: (series: string) => Record<string, unknown>,
): Promise<void> {
  for (const { series, day } of seriesDays) {
    const start = utcDay(day);
    const end = new Date(start.getTime() + 86_400_000);
    const docs = (await observations
      .find({ ...seriesFilter(series), time: trusted({ $gte: start, $lt: end }) })
      .lean()) as unknown as T[];
    const id = `${series}|${dayKey(start)}`;
    if (docs.length === 0) {
      await rollups.deleteOne({ _id: id });
      continue;
    }
    const [row] = dailyRollupRows(docs.map((d) => ({ ...toPoint(d), series })));
    await rollups.replaceOne({ _id: id }, { ...row, _id: id, series, day: start }, { upsert: true });
  }
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
      return new Date(start.getTime() + 86_400_000);
    case 'MONTH':
      return new Date(Date.UTC(y, m + 1, 1));
    case 'QUARTER':
      return new Date(Date.UTC(y, m + 3, 1));
    case 'YEAR':
      return new Date(Date.UTC(y + 1, 0, 1));
  }
}

// Bounded so one request cannot ask for an unbounded number of day lookups.
const MAX_RANGE_DAYS = 366 * 10;

/** Buckets of one series over [from, to) (whole UTC days), empty buckets omitted. */
export async function readBuckets(
  model: Model<DailyRollupRecord>,
  series: string,
  range: { from: Date; to: Date },
  bucket: Bucket,
): Promise<SeriesBucketValue[]> {
  const from = utcDay(range.from);
  const to = range.to;
  if (!(to > from)) throw badUserInput('to', 'a DateTime after from');
  if ((to.getTime() - from.getTime()) / 86_400_000 > MAX_RANGE_DAYS) throw badUserInput('to', `a range of at most ${MAX_RANGE_DAYS} days`);
  // On MongoDB the {series, day} index makes this proportional to the range;
  // FerretDB's SQLite backend scans the rollups (still far fewer than raw observations).
  const days = (await model
    .find({ series, day: trusted({ $gte: from, $lt: to }) })
    .sort({ _id: 1 })
    .lean()) as unknown as DailyRollupRecord[];
  const buckets = new Map<number, SeriesBucketValue>();
  for (const d of days) {
    const start = bucketStart(d.day, bucket);
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

// Recomputing daily rollups (platform-kit/time-series.ts) over a range of one
// series, or over a whole collection, from the raw observations: for updates
// and deletes (min/max cannot be decremented) and for crash repair.
// Observation ids must start with the series key followed by '|', so that
// _id order groups each series together.
import { trusted, type Model } from 'mongoose';
import { dailyRollupRows, utcDay, type DailyRollupRecord, type SeriesPoint } from './time-series.js';

export { dailyRollupRows };

const DAY_MS = 86_400_000;

/** Replaces the rollups of `series` on the UTC days from `from` to `to` (inclusive) by a recount. Idempotent. */
export async function recomputeSeriesRange<T>(
  rollups: Model<DailyRollupRecord>,
  observations: Model<T>,
  range: { series: string; from: Date; to: Date },
  seriesFilter: (series: string) => Record<string, unknown>,
  toPoint: (doc: T) => SeriesPoint,
): Promise<void> {
  const start = utcDay(range.from);
  const end = new Date(utcDay(range.to).getTime() + DAY_MS);
  const docs = (await observations.find({ ...seriesFilter(range.series), time: trusted({ $gte: start, $lt: end }) }).lean()) as unknown as T[];
  const rows = dailyRollupRows(docs.map(toPoint));
  await rollups.deleteMany({ series: range.series, day: trusted({ $gte: start, $lt: end }) });
  if (rows.length) await rollups.insertMany(rows);
}

/** Drops and recomputes every daily rollup, streaming observations in _id (= series) order. */
export async function rebuildAllDailyRollups<T>(
  rollups: Model<DailyRollupRecord>,
  observations: Model<T>,
  toPoint: (doc: T) => SeriesPoint,
): Promise<void> {
  await rollups.deleteMany({});
  let current: string | null = null;
  let points: SeriesPoint[] = [];
  const flush = async () => {
    const rows = dailyRollupRows(points);
    for (let i = 0; i < rows.length; i += 5000) await rollups.insertMany(rows.slice(i, i + 5000));
    points = [];
  };
  for await (const doc of observations.find().sort({ _id: 1 }).lean().cursor({ batchSize: 5000 })) {
    const p = toPoint(doc as unknown as T);
    if (p.series !== current) {
      await flush();
      current = p.series;
    }
    points.push(p);
  }
  await flush();
}

// Folds new observations into platform-kit's daily rollup documents, inserting
// the series-days that do not exist yet and updating ($inc/$min/$max) only
// those that do. Same documents as addToDailyRollups, but a fresh load costs
// inserts, not one upsert (a collection scan on FerretDB SQLite) per day.
import { trusted, type Model } from 'mongoose';
import { bulkWriteInChunks } from '../../platform-kit/bulk-writes.js';
import { accumulateDaily, type DailyRollupRecord } from '../../platform-kit/time-series.js';

const FOLD_BATCH = 5000;

/** Series-day id → totals; its size is bounded by series × days, not by observations. */
export type DailyTotals = Map<string, DailyRollupRecord>;

export const addToTotals = accumulateDaily;

async function incrementDays(days: Model<DailyRollupRecord>, totals: DailyRollupRecord[]) {
  if (!totals.length) return;
  await bulkWriteInChunks(
    days,
    totals.map((r) => ({
      updateOne: {
        filter: { _id: r._id },
        update: { $inc: { count: r.count, sum: r.sum }, $min: { min: r.min }, $max: { max: r.max }, $setOnInsert: { series: r.series, day: r.day } },
        upsert: true,
      },
    })),
  );
}

// Up to this many days, look them up with $in; beyond, one pass over the ids
// (FerretDB evaluates a long $in against every document, which grows as both grow).
const IN_LOOKUP_MAX = 500;

async function existingDayIds(days: Model<DailyRollupRecord>, ids: string[]): Promise<Set<string>> {
  if (ids.length <= IN_LOOKUP_MAX) {
    return new Set(((await days.find({ _id: trusted({ $in: ids }) }, { _id: 1 }).lean()) as Array<{ _id: string }>).map((d) => d._id));
  }
  const all = new Set<string>();
  for await (const d of days.find({}, { _id: 1 }).lean().cursor({ batchSize: 10_000 })) all.add((d as { _id: string })._id);
  return all;
}

export async function foldIntoDailyRollups(days: Model<DailyRollupRecord>, byDay: DailyTotals): Promise<void> {
  const totals = [...byDay.values()];
  if (!totals.length) return;
  // An empty collection (a fresh load) needs no lookup at all.
  const existing = (await days.findOne({}, { _id: 1 }).lean()) ? await existingDayIds(days, totals.map((t) => t._id)) : new Set<string>();
  const fresh = totals.filter((t) => !existing.has(t._id));
  // A concurrent writer creating the same day makes this insert fail; the
  // caller's guard then stays raised and the rollups are rebuilt at start-up.
  for (let i = 0; i < fresh.length; i += FOLD_BATCH) await days.insertMany(fresh.slice(i, i + FOLD_BATCH), { ordered: false, lean: true });
  const known = totals.filter((t) => existing.has(t._id));
  for (let i = 0; i < known.length; i += FOLD_BATCH) await incrementDays(days, known.slice(i, i + FOLD_BATCH));
}

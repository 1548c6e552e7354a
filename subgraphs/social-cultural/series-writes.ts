// The write module for the health and tourism time series: raw observations
// are upserted by _id and folded into the daily rollups of
// platform-kit/time-series.ts. New observations add to their days ($inc/$min/$max);
// changed or deleted ones recompute just the series-days they touch (min/max
// cannot be decremented). Runs under the family's guard (see rollup-guard.ts).
import { trusted, type Model } from 'mongoose';
import { recomputeDailyRollups, utcDay, type DailyRollupRecord, type SeriesPoint } from '../../platform-kit/time-series.js';
import { addToTotals, foldIntoDailyRollups, type DailyTotals } from './daily-rollup-fold.js';
import type { Models } from './models.js';
import { memberCodes } from './record-checks.js';
import { bulkWriteInChunks, sameRecord } from '../../platform-kit/bulk-writes.js';
import { guardedWrite, type RollupFamily, type RollupGuardRecord } from './rollup-guard.js';
import {
  ALL_ORIGINS,
  diseases,
  healthSeriesKey,
  NON_MEMBER_ORIGIN,
  tourismSeriesKey,
  type HealthCaseRecord,
  type TourismArrivalRecord,
} from './series-records.js';

export const SERIES_WRITE_BATCH = 5000;

/** How one kind of observation maps to series points and back to a raw-record filter. */
export interface SeriesKind<T> {
  family: RollupFamily;
  observations: Model<T>;
  days: Model<DailyRollupRecord>;
  /** The points an observation adds (one per series it belongs to). */
  points(record: T): SeriesPoint[];
  /** Filter on raw observations selecting one series. */
  seriesFilter(series: string): Record<string, unknown>;
  check(record: T): void;
}

export function healthKind(models: Pick<Models, 'healthCases' | 'healthDays'>): SeriesKind<HealthCaseRecord> {
  return {
    family: 'health',
    observations: models.healthCases,
    days: models.healthDays,
    points: (r) => [{ series: healthSeriesKey(r.disease, r.countryCode), time: r.time, value: r.cases }],
    seriesFilter: (series) => {
      const [disease, countryCode] = series.split('|');
      return { disease, countryCode };
    },
    check: (r) => {
      if (!(diseases as readonly string[]).includes(r.disease)) throw new Error(`${r._id}: unknown disease`);
      if (!memberCodes.has(r.countryCode)) throw new Error(`${r._id}: ${r.countryCode} is not a member`);
    },
  };
}

/** Arrivals go to their (destination, origin) series and to the destination's all-origins series. */
export function tourismKind(models: Pick<Models, 'tourismArrivals' | 'tourismDays'>): SeriesKind<TourismArrivalRecord> {
  return {
    family: 'tourism',
    observations: models.tourismArrivals,
    days: models.tourismDays,
    points: (r) => [
      { series: tourismSeriesKey(r.destinationCode, r.originCode), time: r.time, value: r.arrivals },
      { series: tourismSeriesKey(r.destinationCode, ALL_ORIGINS), time: r.time, value: r.arrivals },
    ],
    seriesFilter: (series) => {
      const [destinationCode, originCode] = series.split('|');
      return originCode === ALL_ORIGINS ? { destinationCode } : { destinationCode, originCode };
    },
    check: (r) => {
      if (!memberCodes.has(r.destinationCode)) throw new Error(`${r._id}: ${r.destinationCode} is not a member`);
      if (r.originCode === r.destinationCode) throw new Error(`${r._id}: origin equals destination`);
      if (!memberCodes.has(r.originCode) && r.originCode !== NON_MEMBER_ORIGIN) throw new Error(`${r._id}: unknown origin ${r.originCode}`);
    },
  };
}


async function recomputeSeriesDays<T>(kind: SeriesKind<T>, records: T[]) {
  const seriesDays = new Map<string, { series: string; day: Date }>();
  for (const r of records) for (const p of kind.points(r)) seriesDays.set(`${p.series}|${utcDay(p.time).getTime()}`, { series: p.series, day: p.time });
  await recomputeDailyRollups(kind.days, kind.observations, [...seriesDays.values()], (d) => kind.points(d)[0], kind.seriesFilter);
}

/** Inserts new observations, replaces changed ones, skips identical ones; rollups follow. */
export async function upsertObservations<T extends { _id: string }>(
  kind: SeriesKind<T>,
  guards: Model<RollupGuardRecord>,
  records: T[],
): Promise<void> {
  records.forEach((r) => kind.check(r));
  await guardedWrite(guards, kind.family, async () => {
    const added: DailyTotals = new Map();
    for (let i = 0; i < records.length; i += SERIES_WRITE_BATCH) {
      const batch = records.slice(i, i + SERIES_WRITE_BATCH);
      const old = new Map(
        ((await kind.observations.find({ _id: trusted({ $in: batch.map((r) => r._id) }) }).lean()) as unknown as T[]).map((r) => [r._id, r]),
      );
      const fresh = batch.filter((r) => !old.has(r._id));
      const changed = batch.filter((r) => old.has(r._id) && !sameRecord(old.get(r._id), r));
      if (fresh.length) await kind.observations.bulkWrite(fresh.map((r) => ({ insertOne: { document: r } })) as never, { ordered: false });
      await bulkWriteInChunks(kind.observations, changed.map((r) => ({ replaceOne: { filter: { _id: r._id }, replacement: r } })));
      addToTotals(added, fresh.flatMap((r) => kind.points(r)));
      // A changed observation may have moved: recompute both its old and new days.
      if (changed.length) await recomputeSeriesDays(kind, [...changed, ...changed.map((r) => old.get(r._id)!)]);
    }
    await foldIntoDailyRollups(kind.days, added);
  });
}

/**
 * Inserts observations the caller knows are new (a fresh load): no read of
 * existing ones. A duplicate id fails the write and leaves the guard raised.
 */
export async function insertNewObservations<T extends { _id: string }>(kind: SeriesKind<T>, guards: Model<RollupGuardRecord>, records: T[]): Promise<void> {
  records.forEach((r) => kind.check(r));
  await guardedWrite(guards, kind.family, async () => {
    const added: DailyTotals = new Map();
    for (let i = 0; i < records.length; i += SERIES_WRITE_BATCH) {
      const batch = records.slice(i, i + SERIES_WRITE_BATCH);
      await kind.observations.insertMany(batch, { ordered: false, lean: true });
      addToTotals(added, batch.flatMap((r) => kind.points(r)));
    }
    await foldIntoDailyRollups(kind.days, added);
  });
}

/** Deletes observations by id (unknown ids ignored) and recomputes the days they were in. */
export async function deleteObservations<T extends { _id: string }>(kind: SeriesKind<T>, guards: Model<RollupGuardRecord>, ids: string[]): Promise<number> {
  return guardedWrite(guards, kind.family, async () => {
    const old = (await kind.observations.find({ _id: trusted({ $in: ids }) }).lean()) as unknown as T[];
    if (!old.length) return 0;
    await kind.observations.deleteMany({ _id: trusted({ $in: old.map((r) => r._id) }) });
    await recomputeSeriesDays(kind, old);
    return old.length;
  });
}

// Convenience entry points named after what they write.
export const upsertHealthCases = (models: Models, records: HealthCaseRecord[]) => upsertObservations(healthKind(models), models.rollupGuards, records);
export const deleteHealthCases = (models: Models, ids: string[]) => deleteObservations(healthKind(models), models.rollupGuards, ids);
export const upsertTourismArrivals = (models: Models, records: TourismArrivalRecord[]) =>
  upsertObservations(tourismKind(models), models.rollupGuards, records);
export const deleteTourismArrivals = (models: Models, ids: string[]) => deleteObservations(tourismKind(models), models.rollupGuards, ids);

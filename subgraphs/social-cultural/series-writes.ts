// The write module for the health and tourism time series: raw observations
// are upserted by _id and folded into the daily and monthly rollups of
// platform-kit/time-series.ts. New observations add to their days and months
// ($inc/$min/$max); changed or deleted ones recompute just the series-months
// they touch (min/max cannot be decremented). Runs under the family's guard (see rollup-guard.ts).
import { trusted, type Model } from 'mongoose';
import {
  accumulateDaily,
  addToRollups,
  recomputeSeriesRanges,
  seriesRanges,
  type DailyTotals,
  type SeriesPoint,
  type SeriesRollups,
  type SeriesSource,
} from '../../platform-kit/time-series.js';
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
export interface SeriesKind<T> extends SeriesSource<T> {
  family: RollupFamily;
  observations: Model<T>;
  rollups: SeriesRollups;
  check(record: T): void;
}

export function healthKind(models: Pick<Models, 'healthCases' | 'healthRollups'>): SeriesKind<HealthCaseRecord> {
  return {
    family: 'health',
    observations: models.healthCases,
    rollups: models.healthRollups,
    pointsOf: (r) => [{ series: healthSeriesKey(r.disease, r.countryCode), time: r.time, value: r.cases }],
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
export function tourismKind(models: Pick<Models, 'tourismArrivals' | 'tourismRollups'>): SeriesKind<TourismArrivalRecord> {
  return {
    family: 'tourism',
    observations: models.tourismArrivals,
    rollups: models.tourismRollups,
    pointsOf: (r) => [
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

const recomputeSeriesOf = <T>(kind: SeriesKind<T>, records: T[]) =>
  recomputeSeriesRanges(kind.rollups, kind, seriesRanges(records.flatMap((r) => kind.pointsOf(r))));

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
      accumulateDaily(added, fresh.flatMap((r) => kind.pointsOf(r)));
      // A changed observation may have moved: recompute both its old and new days.
      if (changed.length) await recomputeSeriesOf(kind, [...changed, ...changed.map((r) => old.get(r._id)!)]);
    }
    await addToRollups(kind.rollups, added.values());
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
      accumulateDaily(added, batch.flatMap((r) => kind.pointsOf(r)));
    }
    await addToRollups(kind.rollups, added.values());
  });
}

/** Deletes observations by id (unknown ids ignored) and recomputes the days they were in. */
export async function deleteObservations<T extends { _id: string }>(kind: SeriesKind<T>, guards: Model<RollupGuardRecord>, ids: string[]): Promise<number> {
  return guardedWrite(guards, kind.family, async () => {
    const old = (await kind.observations.find({ _id: trusted({ $in: ids }) }).lean()) as unknown as T[];
    if (!old.length) return 0;
    await kind.observations.deleteMany({ _id: trusted({ $in: old.map((r) => r._id) }) });
    await recomputeSeriesOf(kind, old);
    return old.length;
  });
}

// Convenience entry points named after what they write.
export const upsertHealthCases = (models: Models, records: HealthCaseRecord[]) => upsertObservations(healthKind(models), models.rollupGuards, records);
export const deleteHealthCases = (models: Models, ids: string[]) => deleteObservations(healthKind(models), models.rollupGuards, ids);
export const upsertTourismArrivals = (models: Models, records: TourismArrivalRecord[]) =>
  upsertObservations(tourismKind(models), models.rollupGuards, records);
export const deleteTourismArrivals = (models: Models, ids: string[]) => deleteObservations(tourismKind(models), models.rollupGuards, ids);

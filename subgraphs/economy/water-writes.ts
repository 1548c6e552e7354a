// Water monitoring writes: stations (plain upserts) and observations (records,
// daily and monthly rollups and the latest observation per series, kept in step).
import { trusted } from 'mongoose';
import { upsertById } from '../../platform-kit/bulk-writes.js';
import type { Models } from './models.js';
import type { ObservedPropertyCode } from './observed-properties.js';
import { deleteSeriesObservations, rebuildSeriesRollups, repairSeriesWrites, writeSeriesObservations, type SeriesStore, type WriteOptions } from './series-writes.js';
import {
  waterObservationId,
  waterSeriesKey,
  type LatestWaterObservationRecord,
  type WaterObservationRecord,
  type WaterStationRecord,
} from './water-models.js';

type WaterModels = Pick<Models, 'waterStations' | 'waterObservations' | 'waterRollups' | 'waterLatest' | 'writeMarkers'>;
export type WaterObservationInput = Omit<WaterObservationRecord, '_id'>;

const seriesOf = (d: { stationId: string; property: string }) => waterSeriesKey(d.stationId, d.property);
const toLatest = (o: WaterObservationRecord): LatestWaterObservationRecord => {
  const { _id, ...rest } = o;
  return { ...rest, _id: seriesOf(o), observationId: _id };
};

/** The latest observation of each series, by a query per series (deletes and repair only). */
async function recomputeLatest(models: WaterModels, series: string[]) {
  for (const s of series) {
    const [stationId, property] = s.split('|') as [string, ObservedPropertyCode];
    const latest = (await models.waterObservations.findOne({ stationId, property }).sort({ time: -1 }).lean()) as WaterObservationRecord | null;
    if (latest) await models.waterLatest.replaceOne({ _id: s }, toLatest(latest), { upsert: true });
    else await models.waterLatest.deleteOne({ _id: s });
  }
}

function waterStore(models: WaterModels): SeriesStore<WaterObservationRecord> {
  return {
    kind: 'water',
    observations: models.waterObservations,
    rollups: models.waterRollups,
    markers: models.writeMarkers,
    seriesOf,
    seriesFilter: (series) => {
      const [stationId, property] = series.split('|');
      return { stationId, property };
    },
    async afterWrite(series, written, deletedIds) {
      const current = (await models.waterLatest.find({ _id: trusted({ $in: series }) }).lean()) as LatestWaterObservationRecord[];
      const currentBySeries = new Map(current.map((c) => [c._id, c]));
      const deleted = new Set(deletedIds);
      const newest = new Map<string, WaterObservationRecord>();
      for (const o of written) {
        const n = newest.get(seriesOf(o));
        if (!n || o.time > n.time) newest.set(seriesOf(o), o);
      }
      const rescan: string[] = [];
      for (const s of series) {
        const c = currentBySeries.get(s);
        const n = newest.get(s);
        if (c && deleted.has(c.observationId)) rescan.push(s);
        else if (n && (!c || n.time >= c.time)) await models.waterLatest.replaceOne({ _id: s }, toLatest(n), { upsert: true });
      }
      await recomputeLatest(models, rescan);
    },
  };
}

export const upsertWaterStations = (models: WaterModels, stations: WaterStationRecord[]) => upsertById(models.waterStations, stations);

/** Inserts or replaces observations (id derived from station, property and time). */
export function writeWaterObservations(models: WaterModels, observations: WaterObservationInput[], options?: WriteOptions) {
  const records = observations.map((o) => ({ _id: waterObservationId(o.stationId, o.property, o.time), ...o }));
  return writeSeriesObservations(waterStore(models), records, options);
}

export const deleteWaterObservations = (models: WaterModels, ids: string[]) => deleteSeriesObservations(waterStore(models), ids);

/** Repairs series named by interrupted water writes (rollups and latest). */
export const repairWaterWrites = (models: WaterModels) => repairSeriesWrites(waterStore(models), (s) => recomputeLatest(models, s));

/** Recomputes all water rollups and latest observations from the raw observations. */
export async function rebuildWaterRollups(models: WaterModels): Promise<void> {
  await rebuildSeriesRollups(waterStore(models));
  await models.waterLatest.deleteMany({});
  const stations = (await models.waterStations.find().lean()) as WaterStationRecord[];
  await recomputeLatest(models, stations.flatMap((s) => s.properties.map((p) => waterSeriesKey(s._id, p))));
}

// Water monitoring: stations, raw observations (collection water_observations),
// their daily and monthly rollups (water_observation_days, _months, platform-kit/time-series.ts) and
// the latest observation per series (water_latest_observations), all kept on write.
import { Schema, type Connection, type Model } from 'mongoose';
import { strictSchemaOptions } from '../../platform-kit/mongo-store.js';
import { provenanceSchema, type ProvenanceRecord } from '../../platform-kit/provenance.js';
import { seriesRollupModels } from '../../platform-kit/time-series.js';
import { observedPropertyCodes, type ObservedPropertyCode } from './observed-properties.js';

export const observationQualities = ['GOOD', 'SUSPECT', 'ESTIMATED'] as const;
export type ObservationQualityCode = (typeof observationQualities)[number];

export interface WaterStationRecord {
  _id: string; // ws-0001
  name: string;
  river: string;
  countryCode: string;
  lat: number;
  lon: number;
  properties: ObservedPropertyCode[];
  floodStage: number | null;
  alarmStage: number | null;
  provenance: ProvenanceRecord;
}

export interface WaterObservationRecord {
  _id: string; // `${series}|${ISO time}`
  stationId: string;
  property: ObservedPropertyCode;
  time: Date;
  value: number;
  quality: ObservationQualityCode;
  provenance: ProvenanceRecord;
  updatedAt?: Date;
}

/** The latest observation of one series; _id is the series key. */
export interface LatestWaterObservationRecord extends Omit<WaterObservationRecord, '_id'> {
  _id: string;
  observationId: string;
}

/** Series key of a station's property: the rollups' `series`. */
export const waterSeriesKey = (stationId: string, property: string) => `${stationId}|${property}`;
export const waterObservationId = (stationId: string, property: string, time: Date) =>
  `${waterSeriesKey(stationId, property)}|${time.toISOString()}`;

const stationSchema = new Schema<WaterStationRecord>(
  {
    _id: String,
    name: { type: String, required: true },
    river: { type: String, required: true },
    countryCode: { type: String, required: true },
    lat: { type: Number, required: true },
    lon: { type: Number, required: true },
    properties: { type: [String], enum: observedPropertyCodes, default: [] },
    floodStage: { type: Number, default: null },
    alarmStage: { type: Number, default: null },
    provenance: { type: provenanceSchema, required: true },
  },
  { collection: 'water_stations', ...strictSchemaOptions },
);

const observationFields = {
  stationId: { type: String, required: true },
  property: { type: String, enum: observedPropertyCodes, required: true },
  time: { type: Date, required: true },
  value: { type: Number, required: true },
  quality: { type: String, enum: observationQualities, required: true },
  provenance: { type: provenanceSchema, required: true },
  // Stamped by audited writes (platform-kit/audit/record-fields.ts).
  updatedAt: { type: Date },
};

const observationSchema = new Schema<WaterObservationRecord>({ _id: String, ...observationFields }, {
  collection: 'water_observations',
  ...strictSchemaOptions,
});
observationSchema.index({ stationId: 1, property: 1, time: 1 });

const latestSchema = new Schema<LatestWaterObservationRecord>(
  { _id: String, observationId: { type: String, required: true }, ...observationFields },
  { collection: 'water_latest_observations', ...strictSchemaOptions },
);

export function registerWaterModels(c: Connection) {
  return {
    waterStations: c.model<WaterStationRecord>('WaterStation', stationSchema) as Model<WaterStationRecord>,
    waterObservations: c.model<WaterObservationRecord>('WaterObservation', observationSchema) as Model<WaterObservationRecord>,
    waterRollups: seriesRollupModels(c, 'water_observation'),
    waterLatest: c.model<LatestWaterObservationRecord>('WaterLatestObservation', latestSchema) as Model<LatestWaterObservationRecord>,
  };
}

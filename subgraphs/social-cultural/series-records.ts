// Raw observations of the two time series kinds (health surveillance cases,
// tourism arrivals); their daily and monthly rollups live in platform-kit/time-series.ts.
import { Schema, type Connection, type Model } from 'mongoose';
import { strictSchemaOptions } from '../../platform-kit/mongo-store.js';
import { provenanceSchema, type ProvenanceRecord } from '../../platform-kit/provenance.js';
import { seriesRollupModels } from '../../platform-kit/time-series.js';

export const diseases = ['DENGUE', 'MALARIA'] as const;
export type DiseaseCode = (typeof diseases)[number];

/** Origin code of arrivals from outside the six members. */
export const NON_MEMBER_ORIGIN = 'OTHER';
/** Origin part of the series key summing arrivals from every origin. */
export const ALL_ORIGINS = 'ALL';

export interface HealthCaseRecord {
  _id: string; // `${disease}|${countryCode}|${reportingUnit}|${ISO time}`
  disease: DiseaseCode;
  countryCode: string;
  /** Who reported (e.g. a surveillance site); several units report per country. */
  reportingUnit: string;
  /** Start of the reporting period. */
  time: Date;
  cases: number;
  provenance: ProvenanceRecord;
  updatedAt?: Date;
}

export interface TourismArrivalRecord {
  _id: string; // `${destinationCode}|${originCode}|${reportingUnit}|${ISO time}`
  destinationCode: string;
  /** A member's code, or OTHER for arrivals from outside the members. */
  originCode: string;
  reportingUnit: string;
  time: Date;
  arrivals: number;
  provenance: ProvenanceRecord;
  updatedAt?: Date;
}

export const healthSeriesKey = (disease: string, countryCode: string) => `${disease}|${countryCode}`;
export const tourismSeriesKey = (destinationCode: string, originCode: string) => `${destinationCode}|${originCode}`;

const healthSchema = new Schema<HealthCaseRecord>(
  {
    _id: String,
    disease: { type: String, enum: diseases, required: true },
    countryCode: { type: String, required: true },
    reportingUnit: { type: String, required: true },
    time: { type: Date, required: true },
    cases: { type: Number, required: true, min: 0 },
    provenance: { type: provenanceSchema, required: true },
    updatedAt: { type: Date }, // stamped by audited writes (platform-kit/audit/record-fields.ts)
  },
  { collection: 'health_cases', ...strictSchemaOptions },
);

const tourismSchema = new Schema<TourismArrivalRecord>(
  {
    _id: String,
    destinationCode: { type: String, required: true },
    originCode: { type: String, required: true },
    reportingUnit: { type: String, required: true },
    time: { type: Date, required: true },
    arrivals: { type: Number, required: true, min: 0 },
    provenance: { type: provenanceSchema, required: true },
    updatedAt: { type: Date }, // stamped by audited writes (platform-kit/audit/record-fields.ts)
  },
  { collection: 'tourism_arrivals', ...strictSchemaOptions },
);

export function registerSeriesModels(c: Connection) {
  return {
    healthCases: c.model<HealthCaseRecord>('HealthCase', healthSchema) as Model<HealthCaseRecord>,
    healthRollups: seriesRollupModels(c, 'health_case'),
    tourismArrivals: c.model<TourismArrivalRecord>('TourismArrival', tourismSchema) as Model<TourismArrivalRecord>,
    tourismRollups: seriesRollupModels(c, 'tourism_arrival'),
  };
}

// Economic indicators as yearly observations (collection
// economic_indicator_observations) with daily and monthly rollups (economic_indicator_days, _months).
import { Schema, type Connection, type Model } from 'mongoose';
import { strictSchemaOptions } from '../../platform-kit/mongo-store.js';
import { provenanceSchema, type ProvenanceRecord } from '../../platform-kit/provenance.js';
import { seriesRollupModels } from '../../platform-kit/time-series.js';

export const economicIndicatorCodes = ['TRADE_VALUE_USD', 'GDP_USD'] as const;
export type EconomicIndicatorCode = (typeof economicIndicatorCodes)[number];

export interface IndicatorObservationRecord {
  _id: string; // `${series}|${ISO time}`
  indicator: EconomicIndicatorCode;
  reporterCode: string;
  partnerCode: string | null;
  time: Date;
  value: number;
  provenance: ProvenanceRecord;
}

/** Series key: indicator, reporter and partner ('-' when the indicator has none). */
export const indicatorSeriesKey = (indicator: string, reporterCode: string, partnerCode: string | null) =>
  `${indicator}|${reporterCode}|${partnerCode ?? '-'}`;

const indicatorSchema = new Schema<IndicatorObservationRecord>(
  {
    _id: String,
    indicator: { type: String, enum: economicIndicatorCodes, required: true },
    reporterCode: { type: String, required: true },
    partnerCode: { type: String, default: null },
    time: { type: Date, required: true },
    value: { type: Number, required: true },
    provenance: { type: provenanceSchema, required: true },
  },
  { collection: 'economic_indicator_observations', ...strictSchemaOptions },
);

export function registerIndicatorModels(c: Connection) {
  return {
    indicatorObservations: c.model<IndicatorObservationRecord>('IndicatorObservation', indicatorSchema) as Model<IndicatorObservationRecord>,
    indicatorRollups: seriesRollupModels(c, 'economic_indicator'),
  };
}

// Rollup documents kept on every write, so aggregates read a bounded number of
// small documents whatever the number of programmes and events:
// - exchange cells, one per (participants' country or '*', kind, year);
//   the '*' cells count each programme once (for rows without COUNTRY);
// - event cells, one per (place country, kind, year);
// - action cells, one per plan action: programmes and events linked to it.
import { Schema, type Connection, type Model } from 'mongoose';
import { strictSchemaOptions } from '../../platform-kit/mongo-store.js';
import type { EventKindCode, ExchangeKindCode } from './activity-records.js';

/** countryCode of the exchange cells that count every programme once. */
export const ALL_COUNTRIES = '*';

export interface ExchangeCellRecord {
  _id: string; // `${countryCode}|${kind}|${year}`
  countryCode: string;
  kind: ExchangeKindCode;
  year: number;
  programmeCount: number;
  participants: number;
  female: number;
  male: number;
  /** Participant groups that give female / male counts (female is null in a row where this is 0). */
  femaleReported: number;
  maleReported: number;
}

export interface EventCellRecord {
  _id: string; // `${countryCode}|${kind}|${year}`
  countryCode: string;
  kind: EventKindCode;
  year: number;
  eventCount: number;
}

export interface ActionCellRecord {
  _id: number; // action number
  programmeCount: number;
  eventCount: number;
}

export const cellId = (countryCode: string, kind: string, year: number) => `${countryCode}|${kind}|${year}`;

const counter = { type: Number, default: 0 };

const exchangeCellSchema = new Schema<ExchangeCellRecord>(
  {
    _id: String,
    countryCode: { type: String, required: true },
    kind: { type: String, required: true },
    year: { type: Number, required: true },
    programmeCount: counter,
    participants: counter,
    female: counter,
    male: counter,
    femaleReported: counter,
    maleReported: counter,
  },
  { collection: 'exchange_rollups', ...strictSchemaOptions },
);

const eventCellSchema = new Schema<EventCellRecord>(
  {
    _id: String,
    countryCode: { type: String, required: true },
    kind: { type: String, required: true },
    year: { type: Number, required: true },
    eventCount: counter,
  },
  { collection: 'event_rollups', ...strictSchemaOptions },
);

const actionCellSchema = new Schema<ActionCellRecord>(
  { _id: Number, programmeCount: counter, eventCount: counter },
  { collection: 'action_activity_rollups', ...strictSchemaOptions },
);

export const exchangeCellModel = (c: Connection): Model<ExchangeCellRecord> =>
  c.model<ExchangeCellRecord>('ExchangeCell', exchangeCellSchema);
export const eventCellModel = (c: Connection): Model<EventCellRecord> => c.model<EventCellRecord>('EventCell', eventCellSchema);
export const actionCellModel = (c: Connection): Model<ActionCellRecord> => c.model<ActionCellRecord>('ActionCell', actionCellSchema);

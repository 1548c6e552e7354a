// Stored shapes of exchange programmes and events (collections
// `exchange_programmes`, `events`). _id is a stable natural id (xp-000042,
// ev-000042); derived arrays (countryCodes) exist so filters are plain equalities.
import { Schema, trusted, type Connection, type Model } from 'mongoose';
import type { LocalizedText } from '../../plan-data/index.js';
import { strictSchemaOptions } from '../../platform-kit/mongo-store.js';
import { localizedTextSchema } from '../../platform-kit/plan-actions-store.js';
import { provenanceSchema, type ProvenanceRecord } from '../../platform-kit/provenance.js';
import { auditedRecordSchemaFields } from '../../platform-kit/audit/record-fields.js';

/** Archived records are in no list (records stored before auditing have no `archived` field). */
export const notArchived = () => ({ archived: trusted({ $ne: true }) });

export const exchangeKinds = ['SCHOLARSHIP', 'VOCATIONAL_TRAINING', 'YOUTH_EXCHANGE', 'MEDIA_EXCHANGE', 'ACADEMIC_EXCHANGE'] as const;
export type ExchangeKindCode = (typeof exchangeKinds)[number];
export const eventKinds = ['CULTURAL', 'TOURISM', 'MEDIA', 'HEALTH_CAMPAIGN'] as const;
export type EventKindCode = (typeof eventKinds)[number];

export interface ParticipantGroup {
  countryCode: string;
  total: number;
  female: number | null;
  male: number | null;
}

export interface ExchangeProgrammeRecord {
  _id: string;
  kind: ExchangeKindCode;
  title: LocalizedText;
  year: number;
  startDate: Date;
  endDate: Date | null;
  hostCountryCode: string;
  /** One group per sending country. */
  participants: ParticipantGroup[];
  /** Host plus sending countries, for the countryCode filter. */
  countryCodes: string[];
  organiserIds: string[];
  actionNumbers: number[];
  provenance: ProvenanceRecord;
  /** Audit: seq of the latest revision (0 or absent: never written through the audit). */
  revision?: number;
  /** When a write last changed it (audit/record-fields.ts). */
  updatedAt?: Date;
  /** Soft delete: kept for history, left out of lists and rollups. */
  archived?: boolean;
}

export interface EventPlaceRecord {
  name: string;
  countryCode: string;
  lat: number | null;
  lon: number | null;
}

export interface EventRecord {
  _id: string;
  kind: EventKindCode;
  title: LocalizedText;
  startDate: Date;
  endDate: Date | null;
  /** UTC year of startDate. */
  year: number;
  place: EventPlaceRecord;
  organiserIds: string[];
  actionNumbers: number[];
  provenance: ProvenanceRecord;
  /** Audit: seq of the latest revision (0 or absent: never written through the audit). */
  revision?: number;
  /** When a write last changed it (audit/record-fields.ts). */
  updatedAt?: Date;
  /** Soft delete: kept for history, left out of lists and rollups. */
  archived?: boolean;
}

/** countryCodes of a programme: the host and every sending country, once each. */
export const programmeCountryCodes = (p: Pick<ExchangeProgrammeRecord, 'hostCountryCode' | 'participants'>) =>
  [...new Set([p.hostCountryCode, ...p.participants.map((g) => g.countryCode)])].sort();

const participantGroupSchema = new Schema<ParticipantGroup>(
  {
    countryCode: { type: String, required: true },
    total: { type: Number, required: true, min: 0 },
    female: { type: Number, default: null },
    male: { type: Number, default: null },
  },
  { _id: false, ...strictSchemaOptions },
);

const programmeSchema = new Schema<ExchangeProgrammeRecord>(
  {
    _id: String,
    kind: { type: String, enum: exchangeKinds, required: true },
    title: { type: localizedTextSchema, required: true },
    year: { type: Number, required: true },
    startDate: { type: Date, required: true },
    endDate: { type: Date, default: null },
    hostCountryCode: { type: String, required: true },
    participants: { type: [participantGroupSchema], default: [] },
    countryCodes: { type: [String], default: [] },
    organiserIds: { type: [String], default: [] },
    actionNumbers: { type: [Number], default: [] },
    provenance: { type: provenanceSchema, required: true },
    ...auditedRecordSchemaFields,
  },
  { collection: 'exchange_programmes', ...strictSchemaOptions },
);

const placeSchema = new Schema<EventPlaceRecord>(
  {
    name: { type: String, required: true },
    countryCode: { type: String, required: true },
    lat: { type: Number, default: null },
    lon: { type: Number, default: null },
  },
  { _id: false, ...strictSchemaOptions },
);

const eventSchema = new Schema<EventRecord>(
  {
    _id: String,
    kind: { type: String, enum: eventKinds, required: true },
    title: { type: localizedTextSchema, required: true },
    startDate: { type: Date, required: true },
    endDate: { type: Date, default: null },
    year: { type: Number, required: true },
    place: { type: placeSchema, required: true },
    organiserIds: { type: [String], default: [] },
    actionNumbers: { type: [Number], default: [] },
    provenance: { type: provenanceSchema, required: true },
    ...auditedRecordSchemaFields,
  },
  { collection: 'events', ...strictSchemaOptions },
);

export const programmeModel = (c: Connection): Model<ExchangeProgrammeRecord> =>
  c.model<ExchangeProgrammeRecord>('ExchangeProgramme', programmeSchema);
export const eventModel = (c: Connection): Model<EventRecord> => c.model<EventRecord>('Event', eventSchema);

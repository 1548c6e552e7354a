// Stored shapes of the mechanism's meetings, cooperation activities and bodies.
import { Schema, trusted, type Connection } from 'mongoose';
import type { LocalizedText } from '../../plan-data/index.js';
import { counterRollupModel } from '../../platform-kit/counter-rollups.js';
import { strictSchemaOptions } from '../../platform-kit/mongo-store.js';
import { localizedTextSchema } from '../../platform-kit/plan-actions-store.js';
import { provenanceSchema, type ProvenanceRecord } from '../../platform-kit/provenance.js';
import { auditedRecordSchemaFields } from '../../platform-kit/audit/record-fields.js';

/** Archived records are in no list (records stored before auditing have no `archived` field). */
export const notArchived = () => ({ archived: trusted({ $ne: true }) });

export const meetingTypes = ['LEADERS', 'FOREIGN_MINISTERS', 'SENIOR_OFFICIALS', 'JOINT_WORKING_GROUP', 'AD_HOC'] as const;
export const activityKinds = [
  'LAW_ENFORCEMENT_OPERATION',
  'LAW_ENFORCEMENT_DIALOGUE',
  'BORDER_MANAGEMENT_EXCHANGE',
  'DISASTER_MANAGEMENT',
  'HUMANITARIAN_ASSISTANCE',
  'TRAINING',
] as const;
export const bodyKinds = ['NATIONAL_SECRETARIAT', 'JOINT_WORKING_GROUP', 'CENTRE'] as const;
export const bodyStatuses = ['PROPOSED', 'EXPLORING', 'ESTABLISHED'] as const;

export interface MeetingRecord {
  _id: string; // `mtg-YYYY-MM-DD-…`: _id order is date order
  type: (typeof meetingTypes)[number];
  title: LocalizedText;
  date: Date;
  hostCountryCodes: string[];
  coChairCodes: string[];
  outcomeDocumentIds: string[];
  actionsReviewed: number[];
  provenance: ProvenanceRecord;
  /** Audit: seq of the latest revision (0 or absent: never written through the audit). */
  revision?: number;
  /** When a write last changed it (audit/record-fields.ts). */
  updatedAt?: Date;
  /** Soft delete: kept for history, left out of lists and aggregates. */
  archived?: boolean;
}

export interface ParticipationRecord {
  countryCode: string;
  total: number;
  female?: number | null;
  male?: number | null;
}

export interface CooperationActivityRecord {
  _id: string;
  kind: (typeof activityKinds)[number];
  title: LocalizedText;
  startDate: Date;
  endDate: Date | null;
  participants: ParticipationRecord[];
  participantCountryCodes: string[]; // denormalised for equality filters
  actionNumbers: number[];
  provenance: ProvenanceRecord;
  /** Audit: seq of the latest revision (0 or absent: never written through the audit). */
  revision?: number;
  /** When a write last changed it (audit/record-fields.ts). */
  updatedAt?: Date;
  /** Soft delete: kept for history, left out of lists and aggregates. */
  archived?: boolean;
}

export interface MechanismBodyRecord {
  _id: string;
  kind: (typeof bodyKinds)[number];
  name: LocalizedText;
  countryCode: string | null;
  status: (typeof bodyStatuses)[number];
  provenance: ProvenanceRecord;
  /** Audit: seq of the latest revision (0 or absent: never written through the audit). */
  revision?: number;
  /** When a write last changed it (audit/record-fields.ts). */
  updatedAt?: Date;
  /** Soft delete: kept for history, left out of lists and aggregates. */
  archived?: boolean;
}

const participationSchema = new Schema<ParticipationRecord>(
  { countryCode: { type: String, required: true }, total: { type: Number, required: true, min: 0 }, female: { type: Number, default: null }, male: { type: Number, default: null } },
  { _id: false, strict: 'throw' },
);

const meetingSchema = new Schema<MeetingRecord>(
  {
    _id: String,
    type: { type: String, enum: meetingTypes, required: true },
    title: { type: localizedTextSchema, required: true },
    date: { type: Date, required: true },
    hostCountryCodes: { type: [String], required: true },
    coChairCodes: { type: [String], default: [] },
    outcomeDocumentIds: { type: [String], default: [] },
    actionsReviewed: { type: [Number], default: [] },
    provenance: { type: provenanceSchema, required: true },
    ...auditedRecordSchemaFields,
  },
  { collection: 'meetings', ...strictSchemaOptions },
);

const activitySchema = new Schema<CooperationActivityRecord>(
  {
    _id: String,
    kind: { type: String, enum: activityKinds, required: true },
    title: { type: localizedTextSchema, required: true },
    startDate: { type: Date, required: true },
    endDate: { type: Date, default: null },
    participants: { type: [participationSchema], default: [] },
    participantCountryCodes: { type: [String], default: [] },
    actionNumbers: { type: [Number], default: [] },
    provenance: { type: provenanceSchema, required: true },
    ...auditedRecordSchemaFields,
  },
  { collection: 'cooperation_activities', ...strictSchemaOptions },
);

const bodySchema = new Schema<MechanismBodyRecord>(
  {
    _id: String,
    kind: { type: String, enum: bodyKinds, required: true },
    name: { type: localizedTextSchema, required: true },
    countryCode: { type: String, default: null },
    status: { type: String, enum: bodyStatuses, required: true },
    provenance: { type: provenanceSchema, required: true },
    ...auditedRecordSchemaFields,
  },
  { collection: 'mechanism_bodies', ...strictSchemaOptions },
);

/** Crash marker of meeting and activity writes: pendingWrites > 0 means rollups may be off (see mechanism-writes.ts). */
export interface MechanismWriteGuardRecord {
  _id: string;
  pendingWrites: number;
}

const guardSchema = new Schema<MechanismWriteGuardRecord>(
  { _id: String, pendingWrites: { type: Number, default: 0 } },
  { collection: 'mechanism_write_guards', ...strictSchemaOptions },
);

export function registerMechanismModels(connection: Connection) {
  return {
    meetings: connection.model<MeetingRecord>('Meeting', meetingSchema),
    activities: connection.model<CooperationActivityRecord>('CooperationActivity', activitySchema),
    bodies: connection.model<MechanismBodyRecord>('MechanismBody', bodySchema),
    meetingRollups: counterRollupModel(connection, 'meeting_rollups'),
    activityRollups: counterRollupModel(connection, 'activity_rollups'),
    writeGuards: connection.model<MechanismWriteGuardRecord>('MechanismWriteGuard', guardSchema),
  };
}

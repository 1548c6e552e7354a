// Organisations and documents: cross-cutting records each subgraph stores for
// itself (collections `organisations`, `documents`), referenced by id.
import { Schema, type Connection } from 'mongoose';
import type { LocalizedText } from '../plan-data/index.js';
import { strictSchemaOptions } from './mongo-store.js';
import { localizedTextSchema } from './plan-actions-store.js';
import { provenanceSchema, type ProvenanceRecord } from './provenance.js';
import { auditedRecordSchemaFields, lastWrittenAt } from './audit/record-fields.js';

export const organisationTypes = [
  'MINISTRY',
  'NATIONAL_SECRETARIAT',
  'JOINT_WORKING_GROUP',
  'THINK_TANK',
  'IMPLEMENTING_AGENCY',
  'INTERNATIONAL_ORGANISATION',
] as const;

export interface OrganisationRecord {
  _id: string;
  name: LocalizedText;
  type: (typeof organisationTypes)[number];
  countryCode: string | null;
  provenance: ProvenanceRecord;
  /** Audit: seq of the latest revision (0 or absent: never written through the audit). */
  revision?: number;
  /** When a write last changed it (audit/record-fields.ts). */
  updatedAt?: Date;
  /** Soft delete: kept for history, left out of lists. */
  archived?: boolean;
}

export interface DocumentRecord {
  _id: string;
  title: LocalizedText;
  date: Date | null;
  language: string;
  url: string | null;
  provenance: ProvenanceRecord;
  revision?: number;
  /** When a write last changed it (audit/record-fields.ts). */
  updatedAt?: Date;
  archived?: boolean;
}

const organisationSchema = new Schema<OrganisationRecord>(
  {
    _id: String,
    name: { type: localizedTextSchema, required: true },
    type: { type: String, enum: organisationTypes, required: true },
    countryCode: { type: String, default: null },
    provenance: { type: provenanceSchema, required: true },
    ...auditedRecordSchemaFields,
  },
  { collection: 'organisations', ...strictSchemaOptions },
);

const documentSchema = new Schema<DocumentRecord>(
  {
    _id: String,
    title: { type: localizedTextSchema, required: true },
    date: { type: Date, default: null },
    language: { type: String, required: true },
    url: { type: String, default: null },
    provenance: { type: provenanceSchema, required: true },
    ...auditedRecordSchemaFields,
  },
  { collection: 'documents', ...strictSchemaOptions },
);

export const organisationModel = (c: Connection) => c.model<OrganisationRecord>('Organisation', organisationSchema);
export const documentModel = (c: Connection) => c.model<DocumentRecord>('Document', documentSchema);

/** GraphQL field resolvers for stored records whose id is _id. */
export const idField = { id: (r: { _id: string | number }) => String(r._id) };

/** GraphQL fields of audited records, also those stored before auditing (fields absent = never revised, not archived, last written when recorded). */
export const auditFields = {
  revision: (r: { revision?: number }) => r.revision ?? 0,
  archived: (r: { archived?: boolean }) => r.archived ?? false,
  updatedAt: lastWrittenAt,
};

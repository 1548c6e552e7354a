// Organisations and documents: cross-cutting records each subgraph stores for
// itself (collections `organisations`, `documents`), referenced by id.
import { Schema, type Connection } from 'mongoose';
import type { LocalizedText } from '../plan-data/index.js';
import { strictSchemaOptions } from './mongo-store.js';
import { localizedTextSchema } from './plan-actions-store.js';
import { provenanceSchema, type ProvenanceRecord } from './provenance.js';

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
}

export interface DocumentRecord {
  _id: string;
  title: LocalizedText;
  date: Date | null;
  language: string;
  url: string | null;
  provenance: ProvenanceRecord;
}

const organisationSchema = new Schema<OrganisationRecord>(
  {
    _id: String,
    name: { type: localizedTextSchema, required: true },
    type: { type: String, enum: organisationTypes, required: true },
    countryCode: { type: String, default: null },
    provenance: { type: provenanceSchema, required: true },
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
  },
  { collection: 'documents', ...strictSchemaOptions },
);

export const organisationModel = (c: Connection) => c.model<OrganisationRecord>('Organisation', organisationSchema);
export const documentModel = (c: Connection) => c.model<DocumentRecord>('Document', documentSchema);

/** GraphQL field resolvers for stored records whose id is _id. */
export const idField = { id: (r: { _id: string | number }) => String(r._id) };

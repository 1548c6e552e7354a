// Stored shape of a project (an IATI-shaped activity), collection `projects`.
// Financial flows are embedded (they belong to one activity); totals and
// startYear are derived on write so filters and rollups need no recomputation.
import { Schema, type Connection, type Model } from 'mongoose';
import type { LocalizedText } from '../../plan-data/index.js';
import { strictSchemaOptions } from '../../platform-kit/mongo-store.js';
import { localizedTextSchema } from '../../platform-kit/plan-actions-store.js';
import { provenanceSchema, type ProvenanceRecord } from '../../platform-kit/provenance.js';
import { auditedRecordSchemaFields } from '../../platform-kit/audit/record-fields.js';
import { flowTypes, fundingSources, projectStatuses, type FlowTypeCode, type FundingSourceCode, type ProjectStatusCode } from './economy-codes.js';

export interface ProjectCountryShareRecord {
  countryCode: string;
  percentage: number;
}

export interface FinancialFlowRecord {
  type: FlowTypeCode;
  valueDate: Date;
  currency: string;
  amount: number;
  usdAmount: number;
}

export interface FundingTotalsRecord {
  committedUsd: number;
  disbursedUsd: number;
  expendedUsd: number;
}

export interface ProjectLocationRecord {
  name: string;
  lat: number;
  lon: number;
}

export interface ProjectRecord {
  _id: string; // proj-000042
  title: LocalizedText;
  description: LocalizedText;
  status: ProjectStatusCode;
  sectorCode: string;
  participatingCountries: ProjectCountryShareRecord[];
  /** Denormalised country codes of participatingCountries, for equality filters. */
  countryCodes: string[];
  implementingOrganisationIds: string[];
  plannedStart: Date | null;
  plannedEnd: Date | null;
  actualStart: Date | null;
  actualEnd: Date | null;
  /** Actual start year, else planned start year; derived on write. */
  startYear: number | null;
  fundingSource: FundingSourceCode;
  flows: FinancialFlowRecord[];
  /** Sums of flows per type; derived on write. */
  totals: FundingTotalsRecord;
  actionNumbers: number[];
  locations: ProjectLocationRecord[];
  provenance: ProvenanceRecord;
  /** Audit: seq of the latest revision (0 or absent: never written through the audit). */
  revision?: number;
  /** When a write last changed it (audit/record-fields.ts). */
  updatedAt?: Date;
  /** Soft delete: archived projects stay stored (history) but leave lists, rollups and leaderboards. */
  archived?: boolean;
}

/** What a writer supplies: everything except the fields derived on write. */
export type ProjectInput = Omit<ProjectRecord, 'countryCodes' | 'startYear' | 'totals'>;

const shareSchema = new Schema<ProjectCountryShareRecord>(
  { countryCode: { type: String, required: true }, percentage: { type: Number, required: true } },
  { _id: false, ...strictSchemaOptions },
);

const flowSchema = new Schema<FinancialFlowRecord>(
  {
    type: { type: String, enum: flowTypes, required: true },
    valueDate: { type: Date, required: true },
    currency: { type: String, required: true },
    amount: { type: Number, required: true },
    usdAmount: { type: Number, required: true },
  },
  { _id: false, ...strictSchemaOptions },
);

const totalsSchema = new Schema<FundingTotalsRecord>(
  {
    committedUsd: { type: Number, required: true },
    disbursedUsd: { type: Number, required: true },
    expendedUsd: { type: Number, required: true },
  },
  { _id: false, ...strictSchemaOptions },
);

const locationSchema = new Schema<ProjectLocationRecord>(
  { name: { type: String, required: true }, lat: { type: Number, required: true }, lon: { type: Number, required: true } },
  { _id: false, ...strictSchemaOptions },
);

const projectSchema = new Schema<ProjectRecord>(
  {
    _id: String,
    title: { type: localizedTextSchema, required: true },
    description: { type: localizedTextSchema, required: true },
    status: { type: String, enum: projectStatuses, required: true },
    sectorCode: { type: String, required: true },
    participatingCountries: { type: [shareSchema], default: [] },
    countryCodes: { type: [String], default: [] },
    implementingOrganisationIds: { type: [String], default: [] },
    plannedStart: { type: Date, default: null },
    plannedEnd: { type: Date, default: null },
    actualStart: { type: Date, default: null },
    actualEnd: { type: Date, default: null },
    startYear: { type: Number, default: null },
    fundingSource: { type: String, enum: fundingSources, required: true },
    flows: { type: [flowSchema], default: [] },
    totals: { type: totalsSchema, required: true },
    actionNumbers: { type: [Number], default: [] },
    locations: { type: [locationSchema], default: [] },
    provenance: { type: provenanceSchema, required: true },
    ...auditedRecordSchemaFields,
  },
  { collection: 'projects', ...strictSchemaOptions },
);
// Used on MongoDB; FerretDB's SQLite backend scans regardless.
projectSchema.index({ countryCodes: 1, _id: 1 });
projectSchema.index({ actionNumbers: 1, _id: 1 });

export const projectModel = (connection: Connection): Model<ProjectRecord> => connection.model<ProjectRecord>('Project', projectSchema);

const yearOf = (d: Date | null) => (d ? d.getUTCFullYear() : null);

/** Adds the derived fields (countryCodes, startYear, totals) to a writer's input. */
export function toProjectRecord(input: ProjectInput): ProjectRecord {
  const totals: FundingTotalsRecord = { committedUsd: 0, disbursedUsd: 0, expendedUsd: 0 };
  for (const f of input.flows) totals[totalKeyOf[f.type]] += f.usdAmount;
  return {
    ...input,
    countryCodes: input.participatingCountries.map((c) => c.countryCode),
    startYear: yearOf(input.actualStart) ?? yearOf(input.plannedStart),
    totals,
  };
}

export const totalKeyOf: Record<FlowTypeCode, keyof FundingTotalsRecord> = {
  COMMITMENT: 'committedUsd',
  DISBURSEMENT: 'disbursedUsd',
  EXPENDITURE: 'expendedUsd',
};

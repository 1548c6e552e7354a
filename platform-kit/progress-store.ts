// Progress assessments (action × country × year), kept by the subgraph that
// owns the action. _id is the natural key, so a repeated write is an upsert.
// A rollup per (country, year) counts assessments per status; it is recomputed
// from that pair's assessments after every write (bounded by the number of
// actions, idempotent, so a crash between the two steps is repaired by a rerun).
import DataLoader from 'dataloader';
import { Schema, trusted, type Connection, type Model } from 'mongoose';
import type { LocalizedText } from '../plan-data/index.js';
import { localizedTextSchema } from './plan-actions-store.js';
import { upsertById } from './bulk-writes.js';
import { strictSchemaOptions } from './mongo-store.js';
import { provenanceSchema, type ProvenanceRecord } from './provenance.js';

export const progressStatuses = ['NO_EVIDENCE', 'NOT_STARTED', 'LIMITED', 'SUBSTANTIAL', 'COMPLETE'] as const;
export type ProgressStatusCode = (typeof progressStatuses)[number];

export interface ProgressAssessmentRecord {
  _id: string;
  actionNumber: number;
  countryCode: string;
  year: number;
  status: ProgressStatusCode;
  narrative?: LocalizedText | null;
  evidenceDocumentIds: string[];
  assessorOrganisationId?: string | null;
  provenance: ProvenanceRecord;
}

export interface ProgressRollupRecord {
  _id: string; // `${countryCode}:${year}`
  countryCode: string;
  year: number;
  assessedCount: number;
  byStatus: Record<ProgressStatusCode, number>;
}

export const progressAssessmentId = (actionNumber: number, countryCode: string, year: number) =>
  `${actionNumber}:${countryCode}:${year}`;

const progressSchema = new Schema<ProgressAssessmentRecord>(
  {
    _id: { type: String, required: true },
    actionNumber: { type: Number, required: true, index: true },
    countryCode: { type: String, required: true },
    year: { type: Number, required: true },
    status: { type: String, required: true, enum: progressStatuses },
    narrative: { type: localizedTextSchema, default: null },
    evidenceDocumentIds: { type: [String], default: [] },
    assessorOrganisationId: { type: String, default: null },
    provenance: { type: provenanceSchema, required: true },
  },
  { collection: 'progress_assessments', ...strictSchemaOptions },
);

const progressRollupSchema = new Schema<ProgressRollupRecord>(
  {
    _id: String,
    countryCode: { type: String, required: true },
    year: { type: Number, required: true },
    assessedCount: { type: Number, required: true },
    byStatus: { type: Object, required: true },
  },
  { collection: 'progress_rollups', ...strictSchemaOptions },
);

export const progressModel = (connection: Connection): Model<ProgressAssessmentRecord> =>
  connection.model<ProgressAssessmentRecord>('ProgressAssessment', progressSchema);
export const progressRollupModel = (connection: Connection): Model<ProgressRollupRecord> =>
  connection.model<ProgressRollupRecord>('ProgressRollup', progressRollupSchema);

/** Recounts the rollup of one (country, year) from its assessments. */
export async function recomputeProgressRollup(
  progress: Model<ProgressAssessmentRecord>,
  rollups: Model<ProgressRollupRecord>,
  countryCode: string,
  year: number,
): Promise<void> {
  const rows = await progress.aggregate<{ _id: ProgressStatusCode; n: number }>([
    { $match: { countryCode, year } },
    { $group: { _id: '$status', n: { $sum: 1 } } },
  ]);
  const byStatus = Object.fromEntries(progressStatuses.map((s) => [s, 0])) as Record<ProgressStatusCode, number>;
  for (const row of rows) byStatus[row._id] = row.n;
  const assessedCount = rows.reduce((a, r) => a + r.n, 0);
  await rollups.replaceOne(
    { _id: `${countryCode}:${year}` },
    { _id: `${countryCode}:${year}`, countryCode, year, assessedCount, byStatus },
    { upsert: true },
  );
}

/** Writes assessments (upsert by natural key) and brings the affected rollups up to date. */
export async function writeProgressAssessments(
  models: { progress: Model<ProgressAssessmentRecord>; progressRollups: Model<ProgressRollupRecord> },
  records: ProgressAssessmentRecord[],
): Promise<void> {
  await upsertById(models.progress, records);
  const pairs = new Map(records.map((r) => [`${r.countryCode}:${r.year}`, r]));
  for (const r of pairs.values()) await recomputeProgressRollup(models.progress, models.progressRollups, r.countryCode, r.year);
}

export interface ProgressQuery {
  actionNumber: number;
  country?: string | null;
  year?: number | null;
}

/** Batches every action's progress(country, year) in a request into one query per (country, year). */
export function progressByActionLoader(model: Model<ProgressAssessmentRecord>) {
  const groupKey = (q: { country?: string | null; year?: number | null }) => `${q.country ?? ''}|${q.year ?? ''}`;
  return new DataLoader<ProgressQuery, ProgressAssessmentRecord[], string>(
    async (queries) => {
      const groups = new Map<string, { country?: string | null; year?: number | null; numbers: number[] }>();
      for (const q of queries) {
        const group = groups.get(groupKey(q)) ?? { country: q.country, year: q.year, numbers: [] };
        group.numbers.push(q.actionNumber);
        groups.set(groupKey(q), group);
      }
      const found = new Map<string, ProgressAssessmentRecord[]>();
      for (const [key, group] of groups) {
        const filter: Record<string, unknown> = { actionNumber: trusted({ $in: group.numbers }) };
        if (group.country) filter.countryCode = group.country;
        if (group.year != null) filter.year = group.year;
        const docs = (await model.find(filter).sort({ _id: 1 }).lean()) as ProgressAssessmentRecord[];
        for (const doc of docs) {
          const k = `${key}|${doc.actionNumber}`;
          found.set(k, [...(found.get(k) ?? []), doc]);
        }
      }
      return queries.map((q) => found.get(`${groupKey(q)}|${q.actionNumber}`) ?? []);
    },
    { cacheKeyFn: (q) => `${groupKey(q)}|${q.actionNumber}` },
  );
}

/** All rollups of each asked country (a handful per country: one per year), in one query. */
export function rollupsByCountryLoader(model: Model<ProgressRollupRecord>) {
  return new DataLoader<string, ProgressRollupRecord[]>(async (countries) => {
    const docs = (await model.find({ countryCode: trusted({ $in: [...countries] }) }).lean()) as ProgressRollupRecord[];
    return countries.map((c) => docs.filter((d) => d.countryCode === c));
  });
}

// Progress assessments (action × country × year), kept by the subgraph that
// owns the action. _id is the natural key, so a repeated write is an upsert.
// Two derived documents are recomputed from a year's assessments after every
// write that touches that year (bounded by actions × members, idempotent, so a
// crash between steps is repaired by a rerun):
// - a year sheet (progress_years, _id = year) holding all of that year's
//   assessments, so "every action's progress for a year" is one read by _id;
// - a rollup per (country, year) counting assessments per status.
import DataLoader from 'dataloader';
import { Schema, trusted, type Connection, type Model } from 'mongoose';
import type { LocalizedText } from '../plan-data/index.js';
import { localizedTextSchema } from './plan-actions-store.js';
import { bulkWriteInChunks, sameRecord } from './bulk-writes.js';
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

/** All assessments of one year (this pillar's actions × members), for reads by _id. */
export interface ProgressYearRecord {
  _id: number;
  assessments: ProgressAssessmentRecord[];
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

const progressYearSchema = new Schema<ProgressYearRecord>(
  { _id: Number, assessments: { type: [Object], default: [] } },
  { collection: 'progress_years', ...strictSchemaOptions },
);

export const progressModel = (connection: Connection): Model<ProgressAssessmentRecord> =>
  connection.model<ProgressAssessmentRecord>('ProgressAssessment', progressSchema);
export const progressRollupModel = (connection: Connection): Model<ProgressRollupRecord> =>
  connection.model<ProgressRollupRecord>('ProgressRollup', progressRollupSchema);
export const progressYearModel = (connection: Connection): Model<ProgressYearRecord> =>
  connection.model<ProgressYearRecord>('ProgressYear', progressYearSchema);

export interface ProgressModels {
  progress: Model<ProgressAssessmentRecord>;
  progressRollups: Model<ProgressRollupRecord>;
  progressYears: Model<ProgressYearRecord>;
}

const rollupId = (countryCode: string, year: number) => `${countryCode}:${year}`;

/** Recomputes the year sheet and the per-country rollups of one year from its assessments. */
export async function recomputeProgressYear(models: ProgressModels, year: number): Promise<void> {
  const assessments = (await models.progress.find({ year }).sort({ _id: 1 }).lean()) as ProgressAssessmentRecord[];
  const rollups = new Map<string, ProgressRollupRecord>();
  for (const a of assessments) {
    const id = rollupId(a.countryCode, year);
    const byStatus = Object.fromEntries(progressStatuses.map((s) => [s, 0])) as Record<ProgressStatusCode, number>;
    const r = rollups.get(id) ?? { _id: id, countryCode: a.countryCode, year, assessedCount: 0, byStatus };
    r.assessedCount += 1;
    r.byStatus[a.status] += 1;
    rollups.set(id, r);
  }
  const current = new Map(((await models.progressRollups.find({ year }).lean()) as ProgressRollupRecord[]).map((r) => [r._id, r]));
  const gone = [...current.keys()].filter((id) => !rollups.has(id));
  if (gone.length) await models.progressRollups.deleteMany({ _id: trusted({ $in: gone }) });
  const changed = [...rollups.values()].filter((r) => !sameRecord(current.get(r._id), r));
  await bulkWriteInChunks(models.progressRollups, changed.map((r) => ({ replaceOne: { filter: { _id: r._id }, replacement: r, upsert: true } })));
  if (assessments.length) await models.progressYears.replaceOne({ _id: year }, { _id: year, assessments }, { upsert: true });
  else await models.progressYears.deleteOne({ _id: year });
}

const WRITE_BATCH = 1000;

/**
 * Writes assessments (upsert by natural key: new ones inserted, changed ones
 * replaced, identical ones skipped) and recomputes the derived documents of
 * every year written. Returns how many assessments were written.
 */
export async function writeProgressAssessments(models: ProgressModels, records: ProgressAssessmentRecord[]): Promise<number> {
  const docs = await Promise.all(
    records.map(async (r) => {
      const doc = new models.progress(r);
      await doc.validate(); // every record, before anything is written
      return doc.toObject() as ProgressAssessmentRecord;
    }),
  );
  let written = 0;
  for (let i = 0; i < docs.length; i += WRITE_BATCH) {
    const batch = docs.slice(i, i + WRITE_BATCH);
    const old = new Map(
      ((await models.progress.find({ _id: trusted({ $in: batch.map((r) => r._id) }) }).lean()) as ProgressAssessmentRecord[]).map((r) => [r._id, r]),
    );
    const fresh = batch.filter((r) => !old.has(r._id));
    const changed = batch.filter((r) => old.has(r._id) && !sameRecord(old.get(r._id), r));
    if (fresh.length) await models.progress.insertMany(fresh, { ordered: false, lean: true });
    await bulkWriteInChunks(models.progress, changed.map((r) => ({ replaceOne: { filter: { _id: r._id }, replacement: r } })));
    written += fresh.length + changed.length;
  }
  for (const year of new Set(docs.map((r) => r.year))) await recomputeProgressYear(models, year);
  return written;
}

/** Deletes assessments by id and recomputes the years they were in. */
export async function deleteProgressAssessments(models: ProgressModels, ids: string[]): Promise<number> {
  const old = (await models.progress.find({ _id: trusted({ $in: ids }) }).lean()) as ProgressAssessmentRecord[];
  if (!old.length) return 0;
  await models.progress.deleteMany({ _id: trusted({ $in: old.map((r) => r._id) }) });
  for (const year of new Set(old.map((r) => r.year))) await recomputeProgressYear(models, year);
  return old.length;
}

export interface ProgressQuery {
  actionNumber: number;
  country?: string | null;
  year?: number | null;
}

/**
 * Every action's progress(country, year) in a request: questions about a year
 * are answered from that year's sheet (one read by _id for all years asked);
 * without a year, one query per country asked.
 */
export function progressByActionLoader(models: Pick<ProgressModels, 'progress' | 'progressYears'>) {
  const keyOf = (q: ProgressQuery) => `${q.country ?? ''}|${q.year ?? ''}|${q.actionNumber}`;
  const matches = (q: ProgressQuery) => (a: ProgressAssessmentRecord) =>
    a.actionNumber === q.actionNumber && (!q.country || a.countryCode === q.country) && (q.year == null || a.year === q.year);
  return new DataLoader<ProgressQuery, ProgressAssessmentRecord[], string>(
    async (queries) => {
      const years = [...new Set(queries.filter((q) => q.year != null).map((q) => q.year as number))];
      const sheets = years.length ? ((await models.progressYears.find({ _id: trusted({ $in: years }) }).lean()) as ProgressYearRecord[]) : [];
      const byYear = new Map(sheets.map((s) => [s._id, s.assessments]));
      const allYears = new Map<string, ProgressAssessmentRecord[]>();
      for (const q of queries.filter((q) => q.year == null)) {
        const country = q.country ?? '';
        if (allYears.has(country)) continue;
        const numbers = queries.filter((o) => o.year == null && (o.country ?? '') === country).map((o) => o.actionNumber);
        const filter: Record<string, unknown> = { actionNumber: trusted({ $in: [...new Set(numbers)] }) };
        if (country) filter.countryCode = country;
        allYears.set(country, (await models.progress.find(filter).sort({ _id: 1 }).lean()) as ProgressAssessmentRecord[]);
      }
      return queries.map((q) => (q.year != null ? (byYear.get(q.year) ?? []) : allYears.get(q.country ?? '')!).filter(matches(q)));
    },
    { cacheKeyFn: keyOf },
  );
}

/** All rollups of each asked country (a handful per country: one per year), in one query. */
export function rollupsByCountryLoader(model: Model<ProgressRollupRecord>) {
  return new DataLoader<string, ProgressRollupRecord[]>(async (countries) => {
    const docs = (await model.find({ countryCode: trusted({ $in: [...countries] }) }).lean()) as ProgressRollupRecord[];
    return countries.map((c) => docs.filter((d) => d.countryCode === c));
  });
}

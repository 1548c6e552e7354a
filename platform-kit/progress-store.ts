// Progress assessments (action × country × year), kept by the subgraph that
// owns the action. _id is the natural key, so a repeated write is an upsert.
import DataLoader from 'dataloader';
import { Schema, trusted, type Connection, type Model } from 'mongoose';
import type { LocalizedText } from '../plan-data/index.js';
import { localizedTextSchema } from './plan-actions-store.js';
import { strictSchemaOptions } from './mongo-store.js';

export const progressStatuses = ['NO_EVIDENCE', 'NOT_STARTED', 'LIMITED', 'SUBSTANTIAL', 'COMPLETE'] as const;
export type ProgressStatusCode = (typeof progressStatuses)[number];

export interface ProgressAssessmentRecord {
  _id: string;
  actionNumber: number;
  countryCode: string;
  year: number;
  status: ProgressStatusCode;
  narrative?: LocalizedText | null;
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
  },
  { collection: 'progress_assessments', ...strictSchemaOptions },
);

export const progressModel = (connection: Connection): Model<ProgressAssessmentRecord> =>
  connection.model<ProgressAssessmentRecord>('ProgressAssessment', progressSchema);

export interface ProgressQuery {
  actionNumber: number;
  country?: string | null;
  year?: number | null;
}

/** Batches every action's progress(country, year) in a request into one query per (country, year). */
export function progressByActionLoader(model: Model<ProgressAssessmentRecord>) {
  return new DataLoader<ProgressQuery, ProgressAssessmentRecord[], string>(
    async (queries) => {
      const groups = new Map<string, { country?: string | null; year?: number | null; numbers: number[] }>();
      for (const q of queries) {
        const key = `${q.country ?? ''}|${q.year ?? ''}`;
        const group = groups.get(key) ?? { country: q.country, year: q.year, numbers: [] };
        group.numbers.push(q.actionNumber);
        groups.set(key, group);
      }
      const found = new Map<string, ProgressAssessmentRecord[]>();
      for (const [key, group] of groups) {
        const filter: Record<string, unknown> = { actionNumber: trusted({ $in: group.numbers }) };
        if (group.country) filter.countryCode = group.country;
        if (group.year != null) filter.year = group.year;
        const docs = (await model.find(filter).sort({ actionNumber: 1, countryCode: 1, year: 1 }).lean()) as ProgressAssessmentRecord[];
        for (const doc of docs) {
          const k = `${key}|${doc.actionNumber}`;
          found.set(k, [...(found.get(k) ?? []), doc]);
        }
      }
      return queries.map((q) => found.get(`${q.country ?? ''}|${q.year ?? ''}|${q.actionNumber}`) ?? []);
    },
    { cacheKeyFn: (q) => `${q.country ?? ''}|${q.year ?? ''}|${q.actionNumber}` },
  );
}

/** Number of assessments per country (optionally for one year), all countries of a request in one query. */
export function assessmentCountByCountryLoader(model: Model<ProgressAssessmentRecord>) {
  return new DataLoader<{ country: string; year?: number | null }, number, string>(
    async (keys) => {
      const years = new Set(keys.map((k) => k.year ?? null));
      const counts = new Map<string, number>();
      for (const year of years) {
        const countries = keys.filter((k) => (k.year ?? null) === year).map((k) => k.country);
        const match: Record<string, unknown> = { countryCode: { $in: countries } };
        if (year !== null) match.year = year;
        const rows = await model.aggregate<{ _id: string; n: number }>([
          { $match: match },
          { $group: { _id: '$countryCode', n: { $sum: 1 } } },
        ]);
        for (const row of rows) counts.set(`${row._id}|${year ?? ''}`, row.n);
      }
      return keys.map((k) => counts.get(`${k.country}|${k.year ?? ''}`) ?? 0);
    },
    { cacheKeyFn: (k) => `${k.country}|${k.year ?? ''}` },
  );
}

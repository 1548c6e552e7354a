// Stored shapes of this subgraph (mongoose models) and the mapper types codegen uses.
import { Schema, type Connection } from 'mongoose';
import type { LocalizedText, SubgraphName } from '../../plan-data/index.js';
import { strictSchemaOptions } from '../../platform-kit/mongo-store.js';
import { registerLiveDataModels } from '../../platform-kit/pillar-live-data.js';
import { registerMechanismModels } from './mechanism-models.js';
import { localizedTextSchema } from '../../platform-kit/plan-actions-store.js';

export type { PlanActionRecord } from '../../platform-kit/plan-actions-store.js';
export type { ProgressAssessmentRecord } from '../../platform-kit/progress-store.js';
export type { CooperationActivityRecord, MeetingRecord, MechanismBodyRecord } from './mechanism-models.js';

export interface ChapterRecord {
  _id: string; // Roman numeral
  number: number;
  title: LocalizedText;
}

export interface SectionRecord {
  _id: string; // e.g. "4.2.5"
  chapter: string;
  parent: string | null;
  title: LocalizedText;
  subgraph: SubgraphName;
}

export interface CountryRecord {
  _id: string; // ISO 3166-1 alpha-2
  name: LocalizedText;
  nativeName: string;
  nativeLanguage: string;
}

/** Query.plan resolves to this marker; its fields load from the store. */
export interface PlanOutline {
  title: LocalizedText;
  source: string;
}

/** A country's view from this pillar: just the code, fields resolve lazily. */
export interface CountryPillarView {
  countryCode: string;
}

const chapterSchema = new Schema<ChapterRecord>(
  { _id: String, number: { type: Number, required: true }, title: { type: localizedTextSchema, required: true } },
  { collection: 'plan_chapters', ...strictSchemaOptions },
);

const sectionSchema = new Schema<SectionRecord>(
  {
    _id: String,
    chapter: { type: String, required: true },
    parent: { type: String, default: null },
    title: { type: localizedTextSchema, required: true },
    subgraph: { type: String, required: true },
  },
  { collection: 'plan_sections', ...strictSchemaOptions },
);

const countrySchema = new Schema<CountryRecord>(
  {
    _id: String,
    name: { type: localizedTextSchema, required: true },
    nativeName: { type: String, required: true },
    nativeLanguage: { type: String, required: true },
  },
  { collection: 'countries', ...strictSchemaOptions },
);

export function registerModels(connection: Connection) {
  return {
    chapters: connection.model<ChapterRecord>('Chapter', chapterSchema),
    sections: connection.model<SectionRecord>('Section', sectionSchema),
    countries: connection.model<CountryRecord>('Country', countrySchema),
    ...registerLiveDataModels(connection),
    ...registerMechanismModels(connection),
  };
}

export type Models = ReturnType<typeof registerModels>;

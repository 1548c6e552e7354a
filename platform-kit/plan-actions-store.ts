// Each subgraph keeps the plan actions it owns in its own store (collection
// plan_actions, _id = action number), seeded idempotently from plan-data.
import { Schema, type Connection, type Model } from 'mongoose';
import type { LocalizedText, PlanAction, SubgraphName } from '../plan-data/index.js';
import { strictSchemaOptions } from './mongo-store.js';

export interface PlanActionRecord {
  _id: number;
  chapter: string;
  section: string | null;
  subgraph: SubgraphName;
  text: LocalizedText;
}

export const localizedTextSchema = new Schema<LocalizedText>(
  { en: { type: String, required: true }, zh: { type: String, required: true } },
  { _id: false, ...strictSchemaOptions },
);

const planActionSchema = new Schema<PlanActionRecord>(
  {
    _id: { type: Number, required: true },
    chapter: { type: String, required: true },
    section: { type: String, default: null },
    subgraph: { type: String, required: true },
    text: { type: localizedTextSchema, required: true },
  },
  { collection: 'plan_actions', ...strictSchemaOptions },
);

export const planActionModel = (connection: Connection): Model<PlanActionRecord> =>
  connection.model<PlanActionRecord>('PlanAction', planActionSchema);

export const toPlanActionRecord = (action: PlanAction): PlanActionRecord => ({
  _id: action.number,
  chapter: action.chapter,
  section: action.section,
  subgraph: action.subgraph,
  text: action.text,
});


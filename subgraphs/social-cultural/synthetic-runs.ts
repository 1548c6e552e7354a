// Marks a completed synthetic seed (scale, seed, generator version), so a
// subgraph restarted with the same options skips re-checking every record: the
// result would be the same state. Set only after every write finished.
import { Schema, type Connection, type Model } from 'mongoose';
import { strictSchemaOptions } from '../../platform-kit/mongo-store.js';

/** Bump when the generator's output changes, so stores seeded by an older version are brought up to date. */
export const GENERATOR_VERSION = 1;

export interface SyntheticRunRecord {
  _id: string;
  completedAt: Date;
}

const runSchema = new Schema<SyntheticRunRecord>({ _id: String, completedAt: { type: Date, required: true } }, { collection: 'synthetic_runs', ...strictSchemaOptions });

export const syntheticRunModel = (c: Connection): Model<SyntheticRunRecord> => c.model<SyntheticRunRecord>('SyntheticRun', runSchema);
export const syntheticRunId = (scale: number, randomSeed: number) => `scale=${scale}|seed=${randomSeed}|v${GENERATOR_VERSION}`;

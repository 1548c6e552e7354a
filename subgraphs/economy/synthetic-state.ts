// How far the synthetic seed got, per record kind, so a re-run (or a larger
// scale) continues where it stopped instead of re-checking every record.
import { Schema, type Connection, type Model } from 'mongoose';
import { strictSchemaOptions } from '../../platform-kit/mongo-store.js';

export interface SyntheticStateRecord {
  _id: string; // record kind: 'projects', 'water'
  randomSeed: number;
  /** Records 1..done are stored with this seed, rollups included. */
  done: number;
  /** Set while a batch is being written: after a crash, that batch is redone with lookups. */
  pending: boolean;
}

const stateSchema = new Schema<SyntheticStateRecord>(
  { _id: String, randomSeed: { type: Number, required: true }, done: { type: Number, required: true }, pending: { type: Boolean, default: false } },
  { collection: 'synthetic_seed_state', ...strictSchemaOptions },
);

export const syntheticStateModel = (c: Connection): Model<SyntheticStateRecord> => c.model<SyntheticStateRecord>('SyntheticState', stateSchema);

/**
 * Runs `writeBatch(from, to, fresh)` over 1..total in batches, skipping what is
 * recorded as done for this seed. A batch is `fresh` (no lookups, plain
 * inserts) unless a crash interrupted it (pending) or another seed's records
 * may be stored under the same ids.
 */
export async function resumableBatches(
  state: Model<SyntheticStateRecord>,
  kind: string,
  randomSeed: number,
  total: number,
  batchSize: number,
  writeBatch: (from: number, to: number, fresh: boolean) => Promise<void>,
): Promise<void> {
  const saved = await state.findOne({ _id: kind }).lean<SyntheticStateRecord>();
  const sameSeed = !saved || saved.randomSeed === randomSeed;
  const done = saved && sameSeed ? saved.done : 0;
  let interrupted = !!saved?.pending;
  for (let from = done + 1; from <= total; from += batchSize) {
    const to = Math.min(total, from + batchSize - 1);
    await state.replaceOne({ _id: kind }, { _id: kind, randomSeed, done: from - 1, pending: true }, { upsert: true });
    await writeBatch(from, to, sameSeed && !interrupted);
    interrupted = false;
    await state.replaceOne({ _id: kind }, { _id: kind, randomSeed, done: to, pending: false }, { upsert: true });
  }
}

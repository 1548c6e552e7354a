// Crash marker for writes that touch records and rollups in several steps
// (no transactions on FerretDB). A write raises its family's pending counter
// first and lowers it only once records and rollups agree again; a counter
// left above zero (crash, error) means the family's rollups may be off, and
// repairRollupsIfDirty (run at start-up) rebuilds them from the records.
import { Schema, type Connection, type Model } from 'mongoose';
import { strictSchemaOptions } from '../../platform-kit/mongo-store.js';

export const rollupFamilies = ['activities', 'health', 'tourism'] as const;
export type RollupFamily = (typeof rollupFamilies)[number];

export interface RollupGuardRecord {
  _id: RollupFamily;
  pendingWrites: number;
}

const guardSchema = new Schema<RollupGuardRecord>(
  { _id: String, pendingWrites: { type: Number, default: 0 } },
  { collection: 'rollup_guards', ...strictSchemaOptions },
);

export const rollupGuardModel = (c: Connection): Model<RollupGuardRecord> => c.model<RollupGuardRecord>('RollupGuard', guardSchema);

/** Runs a multi-step write under the family's pending marker; on error the marker stays raised. */
export async function guardedWrite<T>(guards: Model<RollupGuardRecord>, family: RollupFamily, write: () => Promise<T>): Promise<T> {
  await guards.updateOne({ _id: family }, { $inc: { pendingWrites: 1 } }, { upsert: true });
  const result = await write();
  await guards.updateOne({ _id: family }, { $inc: { pendingWrites: -1 } });
  return result;
}

/** Families whose marker is raised (a write did not finish). */
export async function dirtyFamilies(guards: Model<RollupGuardRecord>): Promise<RollupFamily[]> {
  const docs = await guards.find().lean<RollupGuardRecord[]>();
  return docs.filter((d) => d.pendingWrites > 0).map((d) => d._id);
}

export const clearGuard = (guards: Model<RollupGuardRecord>, family: RollupFamily) =>
  guards.updateOne({ _id: family }, { $set: { pendingWrites: 0 } }, { upsert: true });

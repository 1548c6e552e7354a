// Where an unfinished import run got to, in the pillar's own store
// (collection import_checkpoints, _id `<kind>|<sha256 of the file>`). Only a
// time saver: rows are upserts by natural key, so re-applying any of them is
// harmless. Saved after each batch is fully written; deleted when the run ends.
import { Schema, type Connection, type Model } from 'mongoose';
import { strictSchemaOptions } from '../mongo-store.js';

export interface ImportReject {
  /** Line of the file where the row starts (1-based). */
  line: number;
  /** Path of the offending field in the row (`title.en`), or null for the whole row. */
  field: string | null;
  reason: string;
}

export interface ImportCounts {
  rowsRead: number;
  written: number;
  unchanged: number;
  rejected: number;
}

export interface ImportCheckpointRecord extends ImportCounts {
  _id: string;
  /** Rows (data rows, in file order) whose outcome is final. */
  rowsDone: number;
  /** The rejects so far, up to MAX_STORED_REJECTS (counts stay exact). */
  rejects: ImportReject[];
  updatedAt: Date;
}

export const MAX_STORED_REJECTS = 1000;

const rejectSchema = new Schema<ImportReject>(
  { line: { type: Number, required: true }, field: { type: String, default: null }, reason: { type: String, required: true } },
  { _id: false, ...strictSchemaOptions },
);

const checkpointSchema = new Schema<ImportCheckpointRecord>(
  {
    _id: String,
    rowsDone: { type: Number, required: true },
    rowsRead: { type: Number, required: true },
    written: { type: Number, required: true },
    unchanged: { type: Number, required: true },
    rejected: { type: Number, required: true },
    rejects: { type: [rejectSchema], default: [] },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'import_checkpoints', ...strictSchemaOptions },
);

export type CheckpointModel = Model<ImportCheckpointRecord>;

export const checkpointModel = (connection: Connection): CheckpointModel =>
  (connection.models.ImportCheckpoint as CheckpointModel | undefined) ?? connection.model<ImportCheckpointRecord>('ImportCheckpoint', checkpointSchema);

export const checkpointId = (kind: string, fileHash: string) => `${kind}|${fileHash}`;

// The revisions collection: one document per audited write, never updated.
// _id is `<collection>|<recordId>|<seq, 8 digits>`, so a revision is found by
// a point lookup (the only indexed read on FerretDB's SQLite backend) and two
// writers racing for the same seq collide on the duplicate key.
import { Schema, type Connection, type Model } from 'mongoose';
import type { Role } from '../access/principal.js';
import { strictSchemaOptions } from '../mongo-store.js';

export interface RevisionAuthor {
  id: string;
  role: Role;
}

export interface RevisionRecord<T = Record<string, unknown>> {
  _id: string;
  collection: string;
  recordId: string;
  seq: number;
  at: Date;
  by: RevisionAuthor;
  /** CREATE, UPDATE, ARCHIVE, RESTORE, DELETE, IMPORT or a workflow step (SUBMIT, APPROVE, ...). */
  action: string;
  changedFields: string[];
  before: T | null;
  after: T | null;
}

export const revisionId = (collection: string, recordId: string, seq: number) =>
  `${collection}|${recordId}|${String(seq).padStart(8, '0')}`;

const authorSchema = new Schema<RevisionAuthor>(
  { id: { type: String, required: true }, role: { type: String, required: true } },
  { _id: false, ...strictSchemaOptions },
);

const revisionSchema = new Schema<RevisionRecord>(
  {
    _id: String,
    collection: { type: String, required: true },
    recordId: { type: String, required: true },
    seq: { type: Number, required: true },
    at: { type: Date, required: true },
    by: { type: authorSchema, required: true },
    action: { type: String, required: true },
    changedFields: { type: [String], default: [] },
    // Snapshots of the stored record; Mixed keeps them exactly as stored (Dates included).
    before: { type: Schema.Types.Mixed, default: null },
    after: { type: Schema.Types.Mixed, default: null },
  },
  // `collection` is a field name here, which mongoose reserves as a schema option name only.
  { collection: 'revisions', suppressReservedKeysWarning: true, ...strictSchemaOptions },
);
// Used on MongoDB (history in seq order, asOf lookups); FerretDB's SQLite backend scans.
revisionSchema.index({ collection: 1, recordId: 1, seq: 1 });

export type RevisionModel = Model<RevisionRecord>;
export const revisionModel = (connection: Connection): RevisionModel => connection.model<RevisionRecord>('Revision', revisionSchema);

/**
 * A revision whose record write may not have happened yet: inserted before the
 * revision, deleted once the record is written. Left behind by a crash, it
 * names what repairPendingWrites (at start-up) completes.
 */
export interface PendingAuditRecord {
  _id: string; // the revision's _id
  collection: string;
  recordId: string;
  at: Date;
}

const pendingSchema = new Schema<PendingAuditRecord>(
  {
    _id: String,
    collection: { type: String, required: true },
    recordId: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'audit_pending', suppressReservedKeysWarning: true, ...strictSchemaOptions },
);

/** The pending-write log on the same connection as `revisions`. */
export const pendingAuditModel = (revisions: RevisionModel): Model<PendingAuditRecord> =>
  (revisions.db.models.AuditPending as Model<PendingAuditRecord> | undefined) ?? revisions.db.model<PendingAuditRecord>('AuditPending', pendingSchema);

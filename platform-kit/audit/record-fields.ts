// Bookkeeping fields of records written through audited kinds (write-audited.ts).
// updatedAt is stamped on every write that changes a record; records never
// written through the audit (seeded) fall back to provenance.recordedAt, so
// every record has a last-written time that lists can filter on (updatedSince).
import { trusted } from 'mongoose';

export interface AuditedRecordFields {
  /** Seq of the latest revision (0 or absent: never written through the audit). */
  revision?: number;
  /** When a write last changed the record (absent: not since it was recorded). */
  updatedAt?: Date;
  /** Soft delete: kept for history, left out of lists. */
  archived?: boolean;
}

/** The mongoose schema paths of AuditedRecordFields (spread into a record's schema definition). */
export const auditedRecordSchemaFields = {
  revision: { type: Number, default: 0 },
  updatedAt: { type: Date },
  archived: { type: Boolean, default: false },
};

/** When the record was last written: its stamp, else when it was recorded. */
export const lastWrittenAt = (r: AuditedRecordFields & { provenance: { recordedAt: Date } }): Date => r.updatedAt ?? r.provenance.recordedAt;

/**
 * Store filter for records last written at or after `since` (lastWrittenAt):
 * undefined when no time is given. Only operators built here (trusted).
 */
export function updatedSinceFilter(since: Date | null | undefined): Record<string, unknown> | undefined {
  if (!since) return undefined;
  return {
    $or: [
      { updatedAt: trusted({ $gte: since }) },
      { updatedAt: trusted({ $exists: false }), 'provenance.recordedAt': trusted({ $gte: since }) },
    ],
  };
}

/** `filter` narrowed to records written since `since` (unchanged without it). */
export const withUpdatedSince = (filter: Record<string, unknown>, since: Date | null | undefined) => {
  const recent = updatedSinceFilter(since);
  return recent ? { $and: [filter, recent] } : filter;
};

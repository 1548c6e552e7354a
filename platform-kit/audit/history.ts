// Reading the audit trail: a record's revisions in order, and the record as
// it was at an instant.
import { trusted } from 'mongoose';
import type { RevisionModel, RevisionRecord } from './revision-model.js';

/** Every revision of a record, oldest first. */
export async function historyOf<T = Record<string, unknown>>(revisions: RevisionModel, collection: string, recordId: string): Promise<Array<RevisionRecord<T>>> {
  return (await revisions.find({ collection, recordId }).sort({ seq: 1 }).lean()) as unknown as Array<RevisionRecord<T>>;
}

/**
 * The record as it was at `at`: the `after` of its last revision made at or
 * before `at`. Before its first revision, a record that already existed when
 * auditing began (seeded, revision 0) is that revision's `before`; a record
 * never written through the audit is `current` if it was recorded by then
 * (provenance.recordedAt), since nothing else is known about it.
 */
export async function recordAsOf<T>(
  revisions: RevisionModel,
  collection: string,
  recordId: string,
  at: Date,
  current?: (T & { provenance?: { recordedAt?: Date } }) | null,
): Promise<T | null> {
  const [last] = (await revisions
    .find({ collection, recordId, at: trusted({ $lte: at }) })
    .sort({ seq: -1 })
    .limit(1)
    .lean()) as unknown as Array<RevisionRecord<T>>;
  if (last) return last.after;
  const [first] = (await revisions.find({ collection, recordId }).sort({ seq: 1 }).limit(1).lean()) as unknown as Array<RevisionRecord<T>>;
  if (first) return first.before;
  const recordedAt = current?.provenance?.recordedAt;
  return current && recordedAt && new Date(recordedAt) <= at ? current : null;
}

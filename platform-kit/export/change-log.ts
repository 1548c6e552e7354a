// The change feed a mirror syncs from: one entry per record written through
// an audited kind (withChangeLog), keyed "<collection>:<id>", holding when it
// was last written and whether it is now archived (a tombstone) or deleted.
// A mirror pulls everything once, then asks for the changes since its last
// pull (changesSince) and re-reads or drops those records.
import type { Connection } from 'mongoose';
import type { AuditedKind } from '../audit/write-audited.js';

export interface ChangeEntry {
  _id: string;
  collection: string;
  recordId: string;
  updatedAt: Date;
  /** archived: a tombstone (the record left lists); deleted: gone from the store. */
  state: 'ACTIVE' | 'ARCHIVED' | 'DELETED';
}

export const MAX_CHANGES = 1000;

const changeLog = (connection: Connection) => connection.collection<ChangeEntry>('sync_changes');

/**
 * The kind, with every persisted change noted in the change log (after the
 * record is stored). `deletionsOnly`: for high-volume series records, whose
 * inserts and updates a mirror finds by their updatedAt (export
 * --updated-since), only deletions are noted (tombstones).
 */
export function withChangeLog<T extends { _id: string; archived?: boolean }>(kind: AuditedKind<T>, options: { deletionsOnly?: boolean } = {}): AuditedKind<T> {
  return {
    ...kind,
    persist: async (changes) => {
      if (kind.persist) await kind.persist(changes);
      else throw new Error(`withChangeLog: kind ${kind.collection} has no persist`);
      const updatedAt = new Date();
      const log = changeLog(kind.model.db);
      for (const c of options.deletionsOnly ? changes.filter((x) => x.after === null) : changes) {
        const recordId = (c.after ?? c.before)!._id;
        const state = c.after === null ? 'DELETED' : c.after.archived ? 'ARCHIVED' : 'ACTIVE';
        const _id = `${kind.collection}:${recordId}`;
        await log.replaceOne({ _id }, { collection: kind.collection, recordId, updatedAt, state }, { upsert: true });
      }
    },
  };
}

/**
 * Records written at or after `since` (inclusive: a mirror passes its last
 * seen updatedAt and skips entries it has), oldest first, then by id; at most
 * `first` (≤ 1000). The log holds one entry per written record, so this is a
 * scan of the written records only (FerretDB indexes only _id).
 */
export async function changesSince(connection: Connection, since: Date, options: { collections?: string[]; first?: number | null } = {}): Promise<ChangeEntry[]> {
  const first = Math.max(0, Math.min(options.first ?? MAX_CHANGES, MAX_CHANGES));
  const filter: Record<string, unknown> = { updatedAt: { $gte: since } };
  if (options.collections) filter.collection = { $in: options.collections };
  return changeLog(connection).find(filter).sort({ updatedAt: 1, _id: 1 }).limit(first).toArray();
}

// Audited writes without transactions (FerretDB has none). For each record:
//   1. read it, and walk its revisions from the record's own seq by point
//      lookups; a revision ahead of the record is a write that crashed before
//      step 4, so its `after` is written first (roll forward);
//   2. compute the next version, validate it with the model (strict: 'throw'),
//      and stop if it equals the current one (same write twice = no revision);
//   3. note the revision as pending (audit_pending), then insert revision
//      seq+1 (deterministic _id: a concurrent writer that got there first makes
//      this insert fail, which is reported as CONFLICT);
//   4. persist the record and what derives from it (kind.persist, idempotent),
//      then clear the pending note.
// A crash anywhere leaves either nothing or a revision ahead of its record,
// which the next write of that record, or repairPendingWrites at start-up,
// completes.
import { GraphQLError } from 'graphql';
import { trusted, type Model } from 'mongoose';
import type { Principal } from '../access/principal.js';
import { canonicalJson } from '../bulk-writes.js';
import { badUserInput } from '../input-errors.js';
import { pendingAuditModel, revisionId, type RevisionModel, type RevisionRecord } from './revision-model.js';
import { defaultInputPath, withInputErrors, type InputPathOf } from './validation-errors.js';

/** Fields every audited record may carry (see the contract: revision = seq of its latest revision). */
export interface AuditedFields {
  _id: string;
  revision?: number;
  archived?: boolean;
}

export interface StoredChange<T> {
  before: T | null;
  /** null: the record is deleted. */
  after: T | null;
}

/** One kind of audited record, as a subgraph stores it. */
export interface AuditedKind<T extends { _id: string }> {
  /** Name of the records' collection; also their `collection` in revisions. */
  collection: string;
  model: Model<T>;
  /** Whether stored records carry `revision` (cheaper crash detection); otherwise the revision chain is compared by content. */
  carriesRevision: boolean;
  /** Writes new versions and everything derived from them (rollups). Must be idempotent. Default: replace/delete by _id. */
  persist?(changes: Array<StoredChange<T>>): Promise<void>;
}

/** A kind of any record type (for registries of kinds by collection). */
export type AnyAuditedKind = AuditedKind<any>;

export interface AuditedWrite<T> {
  id: string;
  /** The next version from the current one (null = none yet, or deleted); return null to delete. May throw badUserInput. */
  change(before: T | null): T | null | Promise<T | null>;
  /** Where this write's fields are in the client's input, for validation errors. */
  inputPath?: InputPathOf;
  /** A create: an existing record with other content is refused (BAD_USER_INPUT on this field); the same content is a harmless repeat. */
  createAt?: string;
}

/** CREATE, UPDATE or DELETE by what the write does (for batches mixing them). */
export const actionOfChange = (before: unknown, after: unknown) => (before == null ? 'CREATE' : after == null ? 'DELETE' : 'UPDATE');

export interface AuditedBatch<T extends { _id: string }> {
  kind: AuditedKind<T>;
  revisions: RevisionModel;
  principal: Principal;
  /** The revision's action, or a function of the change (e.g. actionOfChange). */
  action: string | ((before: T | null, after: T | null) => string);
  writes: Array<AuditedWrite<T>>;
}

export interface AuditedResult<T> {
  id: string;
  /** The record as stored after the write. */
  record: T | null;
  /** The revision written, or null when the write changed nothing. */
  revision: RevisionRecord<T> | null;
}

const conflict = (ids: string[]) =>
  new GraphQLError(`Conflict: ${ids.join(', ')} changed concurrently; read it again and retry`, {
    extensions: { code: 'CONFLICT', ids },
  });

/** Stored content without the bookkeeping fields, for equality. */
const contentOf = (doc: Record<string, unknown> | null) => {
  if (!doc) return 'null';
  const { revision: _revision, updatedAt: _updatedAt, ...rest } = doc;
  return canonicalJson(rest);
};

/** Top-level fields whose content differs. */
function changedFields(before: Record<string, unknown> | null, after: Record<string, unknown> | null): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  keys.delete('_id');
  keys.delete('revision');
  keys.delete('updatedAt');
  return [...keys].filter((k) => canonicalJson(before?.[k] ?? null) !== canonicalJson(after?.[k] ?? null)).sort();
}

/** The last revision of a record at or after seq `fromSeq` (point lookups by _id, one per revision walked). */
export async function latestRevision<T>(
  revisions: RevisionModel,
  collection: string,
  recordId: string,
  fromSeq = 0,
): Promise<{ seq: number; doc: RevisionRecord<T> | null }> {
  let seq = fromSeq;
  let doc: RevisionRecord<T> | null = null;
  for (;;) {
    const next = (await revisions.findOne({ _id: revisionId(collection, recordId, seq + 1) }).lean()) as RevisionRecord<T> | null;
    if (!next) return { seq, doc };
    seq += 1;
    doc = next;
  }
}

async function replaceById<T extends { _id: string }>(model: Model<T>, changes: Array<StoredChange<T>>): Promise<void> {
  for (const c of changes) {
    if (c.after) await model.replaceOne({ _id: c.after._id }, c.after as never, { upsert: true });
    else if (c.before) await model.deleteOne({ _id: c.before._id });
  }
}

async function readStored<T extends { _id: string }>(model: Model<T>, ids: string[]): Promise<Map<string, T>> {
  const docs = (
    ids.length === 1 ? await model.find({ _id: ids[0] }).lean() : await model.find({ _id: trusted({ $in: ids }) }).lean()
  ) as unknown as T[];
  return new Map(docs.map((d) => [d._id, d]));
}

/**
 * Drops versions a concurrent writer has already overtaken (stored revision at
 * or past theirs), so a slow writer never puts an older version back. Not
 * atomic (no transactions), but it narrows the race to this read and the
 * write; a record left behind its chain is rolled forward by its next write.
 */
async function withoutOvertaken<T extends { _id: string }>(model: Model<T>, changes: Array<StoredChange<T>>): Promise<Array<StoredChange<T>>> {
  const ids = changes.map((c) => (c.after ?? c.before)!._id);
  const stored = await readStored(model, ids);
  return changes.filter((c) => {
    const now = (stored.get((c.after ?? c.before)!._id) as AuditedFields | undefined)?.revision ?? 0;
    return c.after === null || now < ((c.after as AuditedFields).revision ?? 0);
  });
}

/**
 * The ids whose revision chain may run past `startSeq` and must be walked.
 * On FerretDB a point lookup that misses scans the revisions collection, so
 * misses are avoided: a record that carries its revision and has no pending
 * note cannot have a revision ahead of it (the note is written before a
 * revision and removed after the record); the rest are probed with one query
 * for the whole batch.
 */
async function revisionsMaybeAhead<T extends { _id: string }>(
  revisions: RevisionModel,
  kind: AuditedKind<T>,
  ids: string[],
  stored: Map<string, T>,
  startSeq: (id: string) => number,
): Promise<Set<string>> {
  const pending = new Set(
    ((await pendingAuditModel(revisions).find({ collection: kind.collection, recordId: trusted({ $in: ids }) }, { recordId: 1 }).lean()) as Array<{
      recordId: string;
    }>).map((p) => p.recordId),
  );
  const probe = ids.filter((id) => pending.has(id) || !(kind.carriesRevision && stored.has(id)));
  if (!probe.length) return new Set();
  const nextIds = new Map(probe.map((id) => [revisionId(kind.collection, id, startSeq(id) + 1), id]));
  const found = (await revisions.find({ _id: trusted({ $in: [...nextIds.keys()] }) }, { _id: 1 }).lean()) as Array<{ _id: string }>;
  return new Set(found.map((r) => nextIds.get(r._id)!));
}

/** Audited writes of several records of one kind; all are validated before anything is written. */
export async function writeAuditedBatch<T extends { _id: string }>(batch: AuditedBatch<T>): Promise<Array<AuditedResult<T>>> {
  const { kind, revisions, principal, action, writes } = batch;
  const ids = writes.map((w) => w.id);
  if (new Set(ids).size !== ids.length) throw new Error(`writeAuditedBatch: duplicate ids in one batch (${kind.collection})`);
  if (writes.length === 0) return [];
  const persist = async (changes: Array<StoredChange<T>>) => {
    const current = kind.carriesRevision ? await withoutOvertaken(kind.model, changes) : changes;
    if (current.length) await (kind.persist ? kind.persist(current) : replaceById(kind.model, current));
  };
  const stored = await readStored(kind.model, ids);

  // 1. Roll forward revisions whose record write did not happen.
  const startSeq = (id: string) => {
    const record = stored.get(id);
    return kind.carriesRevision && record ? ((record as AuditedFields).revision ?? 0) : 0;
  };
  const unfinished = await revisionsMaybeAhead(revisions, kind, writes.map((w) => w.id), stored, startSeq);
  const rollForwards: Array<StoredChange<T>> = [];
  const heads = await Promise.all(
    writes.map(async (w) => {
      const record = stored.get(w.id) ?? null;
      const from = startSeq(w.id);
      const latest = unfinished.has(w.id) ? await latestRevision<T>(revisions, kind.collection, w.id, from) : { seq: from, doc: null };
      let current = record;
      const behind = kind.carriesRevision && record
        ? latest.doc !== null
        : latest.doc !== null && canonicalJson(latest.doc.after) !== canonicalJson(record);
      if (behind) {
        current = latest.doc!.after;
        rollForwards.push({ before: record, after: current });
      }
      return { current, seq: latest.seq };
    }),
  );
  if (rollForwards.length) {
    await persist(rollForwards);
    // Those writes are complete now (the pending log is small: a scan is cheap).
    const rolled = rollForwards.map((c) => (c.after ?? c.before)!._id);
    await pendingAuditModel(revisions).deleteMany({ collection: kind.collection, recordId: trusted({ $in: rolled }) });
  }

  // 2. Next versions, validated and normalised by the model; unchanged ones drop out.
  const planned = await Promise.all(
    writes.map(async (w, i) => {
      const { current, seq } = heads[i];
      const inputPath = w.inputPath ?? defaultInputPath;
      const next = await withInputErrors(() => w.change(current), inputPath);
      const normalise = async (doc: T | null, revision: number) => {
        if (!doc) return null;
        const withRevision = kind.carriesRevision ? { ...doc, revision } : doc;
        return withInputErrors(async () => {
          const d = new kind.model(withRevision);
          await d.validate();
          return d.toObject({ depopulate: true, versionKey: false }) as unknown as T;
        }, inputPath);
      };
      const before = current ? (kind.model.hydrate(current).toObject({ versionKey: false }) as unknown as T) : null;
      const after = await normalise(next, seq + 1);
      const same = contentOf(before as never) === contentOf(after as never);
      if (w.createAt && before && !same) throw badUserInput(w.createAt, `an unused id (${w.id} exists; update it instead)`);
      return { id: w.id, before, after, seq, same };
    }),
  );

  // 3. Revisions (one insert), then 4. the records.
  const at = new Date();
  // Kinds whose schema has updatedAt (record-fields.ts) get it stamped on every change.
  const stamps = kind.model.schema.path('updatedAt') !== undefined;
  const changed = planned
    .filter((p) => !p.same)
    .map((p) => (stamps && p.after ? { ...p, after: { ...p.after, updatedAt: at } as T } : p));
  const revisionDocs: Array<RevisionRecord<T>> = changed.map((p) => ({
    _id: revisionId(kind.collection, p.id, p.seq + 1),
    collection: kind.collection,
    recordId: p.id,
    seq: p.seq + 1,
    at,
    by: { id: principal.id, role: principal.role },
    action: typeof action === 'string' ? action : action(p.before, p.after),
    changedFields: changedFields(p.before as never, p.after as never),
    before: p.before,
    after: p.after,
  }));
  const conflicts = new Set<string>();
  const pending = pendingAuditModel(revisions);
  if (revisionDocs.length) {
    // A duplicate here is a concurrent writer's marker for the same seq: it covers it (and the revision insert below reports the conflict).
    await pending
      .insertMany(revisionDocs.map((r) => ({ _id: r._id, collection: r.collection, recordId: r.recordId, at })), { ordered: false })
      .catch((err: { writeErrors?: Array<{ code?: number; err?: { code?: number } }> }) => {
        if (!err.writeErrors?.length || err.writeErrors.some((e) => (e.code ?? e.err?.code) !== 11000)) throw err;
      });
    try {
      await revisions.insertMany(revisionDocs as never[], { ordered: false });
    } catch (err) {
      const writeErrors = (err as { writeErrors?: Array<{ index: number; code?: number; err?: { code?: number; index?: number } }> }).writeErrors;
      if (!writeErrors?.length || writeErrors.some((e) => (e.code ?? e.err?.code) !== 11000)) throw err;
      for (const e of writeErrors) conflicts.add(changed[e.index ?? e.err?.index ?? -1].id);
    }
  }
  const toPersist = changed.filter((p) => !conflicts.has(p.id));
  if (toPersist.length) await persist(toPersist.map((p) => ({ before: p.before, after: p.after })));
  if (revisionDocs.length) await pending.deleteMany({ _id: trusted({ $in: revisionDocs.map((r) => r._id) }) });
  if (conflicts.size) throw conflict([...conflicts]);

  const revisionById = new Map(revisionDocs.map((r) => [r.recordId, r]));
  const written = new Map(changed.map((p) => [p.id, p.after]));
  return planned.map((p) => ({ id: p.id, record: p.same ? p.before : (written.get(p.id) ?? null), revision: revisionById.get(p.id) ?? null }));
}

export interface AuditedSingle<T extends { _id: string }> extends AuditedKind<T>, AuditedWrite<T> {
  revisions: RevisionModel;
  principal: Principal;
  action: AuditedBatch<T>['action'];
}

/** One audited write (see writeAuditedBatch). */
export async function writeAudited<T extends { _id: string }>(w: AuditedSingle<T>): Promise<AuditedResult<T>> {
  const { collection, model, carriesRevision, persist, revisions, principal, action, id, change, inputPath, createAt } = w;
  const [result] = await writeAuditedBatch({
    kind: { collection, model, carriesRevision, persist },
    revisions,
    principal,
    action,
    writes: [{ id, change, inputPath, createAt }],
  });
  return result;
}

/** Completes interrupted writes of these records (roll forward only; writes no revision). */
export async function repairAudited<T extends { _id: string }>(
  kind: AuditedKind<T>,
  revisions: RevisionModel,
  principal: Principal,
  ids: string[],
): Promise<void> {
  await writeAuditedBatch({ kind, revisions, principal, action: 'REPAIR', writes: ids.map((id) => ({ id, change: (b: T | null) => b })) });
}

/** Who completes interrupted writes at start-up (it writes no revision of its own). */
export const repairPrincipal: Principal = { id: 'system:repair', role: 'SECRETARIAT_ADMIN' };

/**
 * Start-up repair: completes every write a crash left between its revision
 * and its record (see PendingAuditRecord), for the kinds given by collection.
 * Returns how many records were repaired.
 */
export async function repairPendingWrites(
  revisions: RevisionModel,
  kinds: Record<string, AnyAuditedKind>,
): Promise<number> {
  const pending = pendingAuditModel(revisions);
  const docs = (await pending.find().lean()) as Array<{ _id: string; collection: string; recordId: string }>;
  let repaired = 0;
  const byCollection = new Map<string, typeof docs>();
  for (const d of docs) byCollection.set(d.collection, [...(byCollection.get(d.collection) ?? []), d]);
  for (const [collection, group] of byCollection) {
    const kind = kinds[collection];
    if (!kind) continue; // not this subgraph's kind: left for whoever owns it
    const ids = [...new Set(group.map((d) => d.recordId))];
    await repairAudited(kind, revisions, repairPrincipal, ids);
    await pending.deleteMany({ _id: trusted({ $in: group.map((d) => d._id) }) });
    repaired += ids.length;
  }
  return repaired;
}

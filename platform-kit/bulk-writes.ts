// Bulk writes that behave on both MongoDB 7 and FerretDB 1.24.
// FerretDB (SQLite) stalls on one large `update` batch and pays ~5 ms per
// update, while inserts are cheap. So: validate everything first (a rejected
// record writes nothing), insert in bulk, and replace only the records that
// already exist AND differ, in small batches. Re-running the same write
// therefore changes nothing and costs one read.
import type { AnyBulkWriteOperation, Model } from 'mongoose';

// FerretDB 1.24 hangs on one update command of ~100+ statements on existing documents.
export const UPDATE_BATCH = 50;

export async function bulkWriteInChunks<T>(model: Model<T>, ops: AnyBulkWriteOperation[], chunk = UPDATE_BATCH): Promise<void> {
  for (let i = 0; i < ops.length; i += chunk) await model.bulkWrite(ops.slice(i, i + chunk) as never, { ordered: false });
}

/** JSON with sorted keys, null/undefined dropped, Dates as ISO: equal for equal stored content. */
export function canonicalJson(value: unknown): string {
  const normalise = (v: unknown): unknown => {
    if (v instanceof Date) return v.toISOString();
    if (Array.isArray(v)) return v.map(normalise);
    if (v && typeof v === 'object' && !(v as { _bsontype?: string })._bsontype) {
      return Object.fromEntries(
        Object.keys(v as object)
          .sort()
          .filter((k) => (v as Record<string, unknown>)[k] !== undefined && (v as Record<string, unknown>)[k] !== null)
          .map((k) => [k, normalise((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return JSON.stringify(normalise(value));
}

/** Whether a stored document and an incoming record hold the same data (a rerun can skip the write). */
export const sameRecord = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

/**
 * Upserts records by _id, validated and cast by the model's schema first.
 * Returns how many were inserted and how many existing ones were replaced.
 */
export async function upsertById<T extends { _id: unknown }>(
  model: Model<T>,
  records: T[],
): Promise<{ inserted: number; replaced: number }> {
  if (records.length === 0) return { inserted: 0, replaced: 0 };
  const docs = await Promise.all(
    records.map(async (record) => {
      const doc = new model(record);
      await doc.validate(); // throws before anything is written
      return doc.toObject({ depopulate: true, versionKey: false }) as Record<string, unknown>;
    }),
  );
  const duplicates: Array<Record<string, unknown>> = [];
  try {
    await model.collection.insertMany(docs, { ordered: false });
  } catch (err) {
    const writeErrors = (err as { writeErrors?: Array<{ code?: number; index: number; err?: { code?: number; index?: number } }> }).writeErrors;
    if (!writeErrors) throw err;
    for (const e of writeErrors) {
      const code = e.code ?? e.err?.code;
      if (code !== 11000) throw err;
      duplicates.push(docs[e.index ?? e.err?.index ?? -1]);
    }
  }
  if (duplicates.length === 0) return { inserted: docs.length, replaced: 0 };
  const existing = await model.collection.find({ _id: { $in: duplicates.map((d) => d._id) } } as never).toArray();
  const stored = new Map(existing.map((d) => [canonicalJson(d._id), canonicalJson(d)]));
  const changed = duplicates.filter((d) => stored.get(canonicalJson(d._id)) !== canonicalJson(d));
  for (let i = 0; i < changed.length; i += UPDATE_BATCH) {
    await model.collection.bulkWrite(
      changed.slice(i, i + UPDATE_BATCH).map((d) => ({ replaceOne: { filter: { _id: d._id } as never, replacement: d, upsert: true } })),
      { ordered: false },
    );
  }
  return { inserted: docs.length - duplicates.length, replaced: changed.length };
}

/** A change to one counter document: $inc (and optional $min/$max) on fields; `initial` is its full shape if new. */
export interface CounterChange {
  _id: string | number;
  inc: Record<string, number>;
  min?: Record<string, number>;
  max?: Record<string, number>;
  /** The whole document to insert when none exists yet (counters already applied). */
  initial: Record<string, unknown>;
}

/**
 * Applies counter changes: documents that do not exist yet are inserted whole
 * (cheap on FerretDB), existing ones get $inc/$min/$max in small batches. A
 * concurrent insert of the same key (E11000) falls back to the update.
 */
export async function applyCounterChanges<T>(model: Model<T>, changes: CounterChange[]): Promise<void> {
  if (changes.length === 0) return;
  const existing = new Set(
    (await model.collection.find({ _id: { $in: changes.map((c) => c._id) } } as never, { projection: { _id: 1 } }).toArray()).map((d) => String(d._id)),
  );
  const fresh = changes.filter((c) => !existing.has(String(c._id)));
  const toUpdate = changes.filter((c) => existing.has(String(c._id)));
  if (fresh.length) {
    try {
      await model.collection.insertMany(fresh.map((c) => ({ ...c.initial, _id: c._id })) as never, { ordered: false });
    } catch (err) {
      const writeErrors = (err as { writeErrors?: Array<{ code?: number; index: number }> }).writeErrors;
      if (!writeErrors || writeErrors.some((e) => e.code !== 11000)) throw err;
      toUpdate.push(...writeErrors.map((e) => fresh[e.index]));
    }
  }
  const ops = toUpdate.map((c) => ({
    updateOne: {
      filter: { _id: c._id },
      update: { $inc: c.inc, ...(c.min ? { $min: c.min } : {}), ...(c.max ? { $max: c.max } : {}) },
    },
  }));
  for (let i = 0; i < ops.length; i += UPDATE_BATCH) await model.collection.bulkWrite(ops.slice(i, i + UPDATE_BATCH) as never, { ordered: false });
}

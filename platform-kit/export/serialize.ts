// How exported records are written: JSON with sorted keys (Dates as ISO 8601,
// nulls kept), so equal content gives byte-identical files; CSV rows of the
// record flattened to dotted/indexed column paths (participants[0].total).
type Document = Record<string, unknown>;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date) && !(v as { _bsontype?: string })._bsontype;

function normalise(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(normalise);
  if (isPlainObject(v)) {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .filter((k) => v[k] !== undefined)
        .map((k) => [k, normalise(v[k])]),
    );
  }
  if (v && typeof v === 'object' && 'toHexString' in v) return (v as { toHexString(): string }).toHexString();
  return v;
}

/** One record as a line of NDJSON (sorted keys). */
export const stableJson = (doc: Document) => JSON.stringify(normalise(doc));

/** The record's leaf values by column path, e.g. { '_id': 'p1', 'title.en': '…', 'flows[0].amount': 5 }. */
export function flatten(doc: Document): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const walk = (v: unknown, path: string) => {
    const n = v instanceof Date ? v.toISOString() : v;
    if (Array.isArray(n)) {
      if (!n.length) out.set(path, '');
      n.forEach((x, i) => walk(x, `${path}[${i}]`));
    } else if (isPlainObject(n)) {
      const keys = Object.keys(n).sort();
      if (!keys.length) out.set(path, '');
      for (const k of keys) walk(n[k], path ? `${path}.${k}` : k);
    } else out.set(path, normalise(n));
  };
  walk(doc, '');
  return out;
}

const csvCell = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Columns in a stable order: _id first, then by path. */
export const sortColumns = (columns: Iterable<string>) => [...columns].sort((a, b) => (a === '_id' ? -1 : b === '_id' ? 1 : a < b ? -1 : a > b ? 1 : 0));

export const csvLine = (cells: unknown[]) => `${cells.map(csvCell).join(',')}\n`;

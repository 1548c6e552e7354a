// CSV header names as paths into a nested row: `title.en` is row.title.en,
// `participatingCountries[0].countryCode` the first item's countryCode. Empty
// cells are left out (a field with no value), and list items whose cells are
// all empty are dropped, so a header can have more item columns than a row uses.

export type PathSegment = string | number;

const SEGMENT = /^([A-Za-z_][A-Za-z0-9_]*)((?:\[\d+\])*)$/;

/** `a.b[2].c` → ['a', 'b', 2, 'c'], or a message saying what is wrong. */
export function parseColumnPath(name: string): PathSegment[] | { problem: string } {
  const path: PathSegment[] = [];
  for (const part of name.trim().split('.')) {
    const m = SEGMENT.exec(part);
    if (!m) return { problem: `column "${name}" is not a field path (name, name.sub or name[0].sub)` };
    path.push(m[1]);
    for (const index of m[2].matchAll(/\[(\d+)\]/g)) path.push(Number(index[1]));
  }
  return path;
}

/** Field path for reports: ['a', 2, 'b'] → `a[2].b`. */
export const formatPath = (path: ReadonlyArray<PathSegment>) =>
  path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');

/** The header's paths; fails on malformed, duplicate or overlapping columns (`a` and `a.b`). */
export function headerPaths(names: string[]): PathSegment[][] {
  const paths = names.map((n) => {
    const p = parseColumnPath(n);
    if ('problem' in p) throw new Error(p.problem);
    return p;
  });
  const seen = new Map<string, string>();
  paths.forEach((p, i) => {
    const key = formatPath(p);
    if (seen.has(key)) throw new Error(`column "${names[i]}" appears twice`);
    seen.set(key, names[i]);
  });
  for (const [key, name] of seen) {
    for (const [other, otherName] of seen) {
      if (other !== key && (other.startsWith(`${key}.`) || other.startsWith(`${key}[`))) {
        throw new Error(`columns "${name}" and "${otherName}" overlap (use one or the other)`);
      }
    }
  }
  return paths;
}

/** A nested row from a record's cells (cells without a value are left out; sparse lists are compacted). */
export function nestCells(paths: PathSegment[][], cells: string[]): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  paths.forEach((path, i) => {
    const value = cells[i];
    if (value === undefined || value === '') return;
    let node: Record<string | number, unknown> = row;
    for (let s = 0; s < path.length - 1; s++) {
      const key = path[s];
      node[key] ??= typeof path[s + 1] === 'number' ? [] : {};
      node = node[key] as Record<string | number, unknown>;
    }
    node[path[path.length - 1]] = value;
  });
  return compactLists(row) as Record<string, unknown>;
}

function compactLists(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== undefined).map(compactLists);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, compactLists(v)]));
  return value;
}

// The order the store sorts _id values in (exports are read in it): numbers
// before strings (BSON's type order), numbers by value, strings by their UTF-8
// bytes. ObjectIds arrive as hex strings, whose byte order is theirs.
const typeRank = (v: unknown) => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2);

export function compareStoreIds(a: unknown, b: unknown): number {
  const rank = typeRank(a) - typeRank(b);
  if (rank !== 0) return rank;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return Buffer.compare(Buffer.from(String(a)), Buffer.from(String(b)));
}

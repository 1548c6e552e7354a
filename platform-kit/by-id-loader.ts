// A per-request DataLoader that fetches many documents by _id in one query,
// so N entity references cost one database command, not N. The $in is built
// here, not taken from input, hence trusted() past sanitizeFilter.
import DataLoader from 'dataloader';
import { trusted, type Model } from 'mongoose';

export function byIdLoader<TRecord extends { _id: K }, K extends string | number>(
  model: Model<TRecord>,
): DataLoader<K, TRecord | null> {
  return new DataLoader<K, TRecord | null>(async (ids) => {
    const docs = (await model.find({ _id: trusted({ $in: [...ids] }) }).lean()) as unknown as TRecord[];
    const byId = new Map(docs.map((d) => [d._id, d]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** The records of these ids that exist and are not archived (archived records leave every link), in the order asked. */
export async function loadLinked<K, T extends { archived?: boolean }>(loader: DataLoader<K, T | null>, ids: readonly K[]): Promise<T[]> {
  return (await loader.loadMany(ids)).filter((r): r is T => r != null && !(r instanceof Error) && !r.archived);
}

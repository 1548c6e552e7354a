// One page of the programmes (or events) linked to each of many actions, in one
// query per distinct (first, after): the gateway resolves all 23 actions of the
// pillar at once, and each must not become its own query. The query streams the
// linked records in _id order and stops as soon as every asked action has its
// page plus one row (or, on a first page, all of its rows, known from the
// action cells), so the rows read are bounded by the pages, not by the store.
import DataLoader from 'dataloader';
import { trusted, type Model } from 'mongoose';
import { decodeCursor, encodeCursor, pageSize, type Connection } from '../../platform-kit/connections.js';

export interface ActionPageKey {
  actionNumber: number;
  first?: number | null;
  after?: string | null;
}

export function actionPageLoader<T extends { _id: string; actionNumbers: number[] }>(
  model: Model<T>,
  linkedCount: (actionNumber: number) => Promise<number>,
) {
  const keyOf = (k: ActionPageKey) => `${k.actionNumber}|${k.first ?? ''}|${k.after ?? ''}`;
  return new DataLoader<ActionPageKey, Connection<T>, string>(
    async (keys) => {
      const groups = new Map<string, ActionPageKey[]>();
      for (const k of keys) groups.set(`${k.first ?? ''}|${k.after ?? ''}`, [...(groups.get(`${k.first ?? ''}|${k.after ?? ''}`) ?? []), k]);
      const pages = new Map<string, Connection<T>>();
      for (const group of groups.values()) {
        const { first, after } = group[0];
        const size = pageSize(first);
        const afterId = after != null ? decodeCursor(after) : null;
        const counts = await Promise.all(group.map((k) => linkedCount(k.actionNumber)));
        // Rows wanted per action: the page and one more (to know whether another page follows).
        const wanted = new Map(group.map((k, i) => [k.actionNumber, afterId === null ? Math.min(size + 1, counts[i]) : size + 1]));
        const rows = new Map(group.map((k) => [k.actionNumber, [] as T[]]));
        const open = [...wanted].filter(([, n]) => n > 0).map(([a]) => a);
        if (open.length) {
          // Archived records are not linked (the action cells do not count them either).
          const filter: Record<string, unknown> = { actionNumbers: trusted({ $in: open }), archived: trusted({ $ne: true }) };
          if (afterId !== null) filter._id = trusted({ $gt: afterId });
          let unsatisfied = open.length;
          for await (const doc of model.find(filter).sort({ _id: 1 }).lean().cursor()) {
            for (const n of (doc as unknown as T).actionNumbers) {
              const list = rows.get(n);
              if (!list || list.length >= wanted.get(n)!) continue;
              list.push(doc as unknown as T);
              if (list.length === wanted.get(n)) unsatisfied--;
            }
            if (unsatisfied === 0) break;
          }
        }
        group.forEach((k, i) => {
          const list = rows.get(k.actionNumber)!;
          const page = list.slice(0, size);
          pages.set(keyOf(k), {
            edges: page.map((node) => ({ cursor: encodeCursor(node._id), node })),
            pageInfo: { hasNextPage: list.length > size, endCursor: page.length ? encodeCursor(page[page.length - 1]._id) : null },
            totalCount: async () => counts[i],
          });
        });
      }
      return keys.map((k) => pages.get(keyOf(k))!);
    },
    { cacheKeyFn: keyOf },
  );
}

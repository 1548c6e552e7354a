// Per-request DataLoaders of the economy pillar: one store command per batch,
// whatever the number of parents (actions, countries, projects) asking.
import DataLoader from 'dataloader';
import { trusted, type Model } from 'mongoose';
import { byIdLoader } from '../../platform-kit/by-id-loader.js';
import { decodeCursor, encodeCursor, pageSize, type Connection } from '../../platform-kit/connections.js';
import type { Models } from './models.js';
import { activeProjects } from './project-filter.js';
import type { ProjectRecord } from './project-model.js';
import { cellsOf } from './project-contributions.js';
import type { ProjectActionCountsRecord, ProjectRollupCellRecord, ProjectRollupRecord } from './project-rollup-models.js';
import type { WaterStationRecord } from './water-models.js';

/** All documents whose `field` equals one of the keys, grouped by key, in one query. */
function groupedByField<T, K extends string>(model: Model<T>, field: string, keyOf: (doc: T) => K) {
  return new DataLoader<K, T[]>(async (keys) => {
    const docs = (await model.find({ [field]: trusted({ $in: [...keys] }) }).sort({ _id: 1 }).lean()) as unknown as T[];
    return keys.map((k) => docs.filter((d) => keyOf(d) === k));
  });
}

export interface ActionProjectsKey {
  actionNumber: number;
  first?: number | null;
  after?: string | null;
}

/**
 * Pages of projects for many actions in one query: reads the union of their
 * projects in id order and stops as soon as every action has its page (plus
 * one row to know whether another page follows).
 */
function actionProjectsLoader(projects: Model<ProjectRecord>, count: (n: number) => Promise<number>) {
  const groupKey = (k: ActionProjectsKey) => `${k.first ?? ''}|${k.after ?? ''}`;
  return new DataLoader<ActionProjectsKey, Connection<ProjectRecord>, string>(
    async (keys) => {
      const results = new Map<string, Connection<ProjectRecord>>();
      const groups = new Map<string, ActionProjectsKey[]>();
      for (const k of keys) groups.set(groupKey(k), [...(groups.get(groupKey(k)) ?? []), k]);
      for (const group of groups.values()) {
        const { first, after } = group[0];
        const size = pageSize(first);
        const numbers = [...new Set(group.map((k) => k.actionNumber))];
        const pages = new Map<number, ProjectRecord[]>(numbers.map((n) => [n, []]));
        let open = size + 1 > 0 ? numbers.length : 0;
        if (open > 0) {
          const filter: Record<string, unknown> = { actionNumbers: trusted({ $in: numbers }), ...activeProjects() };
          if (after != null) filter._id = trusted({ $gt: decodeCursor(after) });
          const cursor = projects.find(filter).sort({ _id: 1 }).lean().cursor({ batchSize: 500 });
          try {
            for await (const doc of cursor) {
              const p = doc as unknown as ProjectRecord;
              for (const n of new Set(p.actionNumbers)) {
                const page = pages.get(n);
                if (!page || page.length > size) continue;
                page.push(p);
                if (page.length > size) open--;
              }
              if (open === 0) break;
            }
          } finally {
            await cursor.close();
          }
        }
        for (const k of group) {
          const rows = pages.get(k.actionNumber)!;
          const page = rows.slice(0, size);
          results.set(`${groupKey(k)}|${k.actionNumber}`, {
            edges: page.map((node) => ({ cursor: encodeCursor(node._id), node })),
            pageInfo: { hasNextPage: rows.length > size, endCursor: page.length ? encodeCursor(page[page.length - 1]._id) : null },
            totalCount: () => count(k.actionNumber),
          });
        }
      }
      return keys.map((k) => results.get(`${groupKey(k)}|${k.actionNumber}`)!);
    },
    { cacheKeyFn: (k) => `${groupKey(k)}|${k.actionNumber}` },
  );
}

export function economyLoaders(models: Models) {
  // Action counts and country rollups are a handful of small documents: read once per request.
  let actionCounts: Promise<Record<string, number>> | null = null;
  const actionCount = new DataLoader<number, number>(async (numbers) => {
    const counts = await (actionCounts ??= models.projectActionCounts
      .findOne({ _id: 'all' })
      .lean<ProjectActionCountsRecord>()
      .then((d) => d?.counts ?? {}));
    return numbers.map((n) => counts[String(n)] ?? 0);
  });
  return {
    project: byIdLoader(models.projects),
    station: byIdLoader(models.waterStations),
    latestObservation: byIdLoader(models.waterLatest),
    leaderboard: byIdLoader(models.projectLeaderboards),
    actionProjectCount: actionCount,
    actionProjects: actionProjectsLoader(models.projects, (n) => actionCount.load(n)),
    cellsByCountry: new DataLoader<string, ProjectRollupCellRecord[]>(async (codes) => {
      const docs = (await models.projectRollups.find({ _id: trusted({ $in: [...codes] }) }).lean()) as unknown as ProjectRollupRecord[];
      const cells = cellsOf(docs);
      return codes.map((code) => cells.filter((c) => c.countryCode === code));
    }),
    stationsByCountry: groupedByField<WaterStationRecord, string>(models.waterStations, 'countryCode', (s) => s.countryCode),
  };
}

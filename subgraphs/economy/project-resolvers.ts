// Resolvers of projects: root queries and the Project type's fields.
import { loadLinked } from '../../platform-kit/by-id-loader.js';
import { paginate, pageSize } from '../../platform-kit/connections.js';
import { findEachById } from '../../platform-kit/point-lookups.js';
import { badUserInput } from '../../platform-kit/input-errors.js';
import type { PlanActionRecord } from '../../platform-kit/plan-actions-store.js';
import type { SubgraphContext } from './context.js';
import { sectorByCode } from './economy-codes.js';
import type { ProjectFilter, ProjectResolvers, QueryResolvers } from './generated/resolvers-types.js';
import { cellMatches, groupCells, needsCountryCells } from './project-aggregates.js';
import { projectStoreFilter } from './project-filter.js';
import { ALL_SCOPE, countryScope, sectorScope } from './project-leaderboards.js';
import type { ProjectRecord } from './project-model.js';
import { cellsOf } from './project-contributions.js';
import type { ProjectRollupRecord } from './project-rollup-models.js';
import { withUpdatedSince } from '../../platform-kit/audit/record-fields.js';

const present = <T>(x: T | null | Error | undefined): x is T => x != null && !(x instanceof Error);

/** The leaderboard answering a filter, or null when the filter needs a scan. */
function leaderboardScope(filter: ProjectFilter | null | undefined): string | null {
  const set = Object.entries(filter ?? {}).filter(([, v]) => v != null);
  if (set.length === 0) return ALL_SCOPE;
  if (set.length === 1 && set[0][0] === 'countryCode') return countryScope(String(set[0][1]));
  if (set.length === 1 && set[0][0] === 'sectorCode') return sectorScope(String(set[0][1]));
  return null;
}

/** Top projects of a leaderboard scope, best first (empty when the scope has no projects). */
export async function topOfScope(ctx: SubgraphContext, scope: string, first: number): Promise<ProjectRecord[]> {
  const board = await ctx.loaders.leaderboard.load(scope);
  if (!board) return [];
  // first ≤ 100: point reads by _id (the one indexed shape on FerretDB), primed into the loader for later references.
  const projects = await findEachById(ctx.models.projects, board.entries.slice(0, first).map((e) => e.id));
  for (const p of projects) ctx.loaders.project.prime(p._id, p);
  return projects;
}

export const projectQueries: Pick<QueryResolvers, 'projects' | 'project' | 'topProjects' | 'projectAggregates'> = {
  projects: (_, { filter, updatedSince, first, after }, ctx) => paginate(ctx.models.projects, withUpdatedSince(projectStoreFilter(filter), updatedSince), { first, after }),
  project: (_, { id }, ctx) => ctx.loaders.project.load(id),
  topProjects: async (_, { first, filter }, ctx) => {
    const size = pageSize(first);
    const storeFilter = projectStoreFilter(filter);
    const scope = leaderboardScope(filter);
    if (scope) return topOfScope(ctx, scope, size);
    if (size === 0) return [];
    return (await ctx.models.projects.find(storeFilter).sort({ 'totals.committedUsd': -1, _id: 1 }).limit(size).lean()) as unknown as ProjectRecord[];
  },
  projectAggregates: async (_, { groupBy, filter }, ctx) => {
    if (filter?.yearFrom != null && filter.yearTo != null && filter.yearFrom > filter.yearTo) throw badUserInput('filter.yearTo', 'a year not before yearFrom');
    const countryCells = needsCountryCells(groupBy, filter);
    const cells = cellsOf((await ctx.models.projectRollups.find().lean()) as unknown as ProjectRollupRecord[]);
    return groupCells(cells.filter((c) => cellMatches(c, filter, countryCells)), groupBy);
  },
};

export const projectResolvers: ProjectResolvers = {
  id: (p) => p._id,
  sector: (p) => sectorByCode.get(p.sectorCode) ?? { code: p.sectorCode, title: { en: p.sectorCode, zh: p.sectorCode } },
  participatingCountries: (p) => p.participatingCountries,
  implementingOrganisations: async (p, _, ctx) =>
    loadLinked(ctx.loaders.organisation, p.implementingOrganisationIds),
  flows: (p, { type }) => (type ? p.flows.filter((f) => f.type === type) : p.flows),
  actions: async (p, _, ctx) =>
    (await ctx.loaders.action.loadMany(p.actionNumbers)).filter(present<PlanActionRecord>).filter((a) => a.subgraph === 'economy'),
};

// Country.economy: progress (shared), projects and funding from the rollup
// cells, top projects from the country leaderboards, water stations; every
// field batched across the countries of a request.
import { countryViewResolvers } from '../../platform-kit/pillar-live-data.js';
import { pageSize } from '../../platform-kit/connections.js';
import type { CountryEconomyResolvers } from './generated/resolvers-types.js';
import { countryScope } from './project-leaderboards.js';
import { topOfScope } from './project-resolvers.js';

export const countryEconomyResolvers: CountryEconomyResolvers = {
  ...countryViewResolvers('economy'),
  projectCount: async (view, { year }, ctx) =>
    (await ctx.loaders.cellsByCountry.load(view.countryCode))
      .filter((c) => year == null || c.year === year)
      .reduce((n, c) => n + c.projectCount, 0),
  fundingUsd: async (view, { year }, ctx) => {
    const totals = { committedUsd: 0, disbursedUsd: 0, expendedUsd: 0 };
    for (const c of await ctx.loaders.cellsByCountry.load(view.countryCode)) {
      if (year != null && c.year !== year) continue;
      totals.committedUsd += c.committedUsd;
      totals.disbursedUsd += c.disbursedUsd;
      totals.expendedUsd += c.expendedUsd;
    }
    return totals;
  },
  topProjects: (view, { first }, ctx) => topOfScope(ctx, countryScope(view.countryCode), pageSize(first)),
  waterStations: (view, _, ctx) => ctx.loaders.stationsByCountry.load(view.countryCode),
};

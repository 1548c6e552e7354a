import { actionLiveDataResolvers, commonTypeResolvers } from '../../platform-kit/pillar-live-data.js';
import { changesQuery, recordChangeResolvers } from '../../platform-kit/export/sync-resolvers.js';
import type { SubgraphContext as SyncContext } from './context.js';
import { countryEconomyResolvers } from './country-economy-resolvers.js';
import type { Resolvers } from './generated/resolvers-types.js';
import { economyMutations, economyWriteQueries, projectAuditFields, waterObservationResolvers } from './economy-write-resolvers.js';
import { economyImportMutations } from './import-resolvers.js';
import { projectQueries, projectResolvers } from './project-resolvers.js';
import { waterQueries, waterStationResolvers } from './water-resolvers.js';
import { projectCitation, searchResultsResolvers } from './search-resolvers.js';

export const resolvers: Resolvers = {
  ...commonTypeResolvers('economy'),
  Query: { ...projectQueries, ...waterQueries, ...economyWriteQueries, economyChanges: changesQuery((ctx: SyncContext) => ctx.models.projects.db) },
  Mutation: { ...economyMutations, ...economyImportMutations },
  PlanAction: {
    __resolveType: () => 'EconomicAction',
  },
  EconomicAction: {
    ...actionLiveDataResolvers('economy'),
    projects: (a, { first, after }, ctx) => ctx.loaders.actionProjects.load({ actionNumber: a._id, first, after }),
    projectCount: (a, _, ctx) => ctx.loaders.actionProjectCount.load(a._id),
  },
  Country: {
    __resolveReference: (ref) => ({ countryCode: ref.code }),
    code: (c) => c.countryCode,
    economy: (c) => c,
  },
  CountryEconomy: countryEconomyResolvers,
  Project: { ...projectResolvers, ...projectAuditFields, citation: projectCitation },
  WaterObservation: waterObservationResolvers,
  ProjectConnection: { totalCount: (c) => c.totalCount() },
  WaterStationConnection: { totalCount: (c) => c.totalCount() },
  WaterStation: waterStationResolvers,
  SearchResults: searchResultsResolvers,
  RecordChange: recordChangeResolvers,
};

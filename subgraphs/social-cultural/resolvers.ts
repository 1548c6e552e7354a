import { loadLinked } from '../../platform-kit/by-id-loader.js';
import { actionLiveDataResolvers, commonTypeResolvers, countryViewResolvers } from '../../platform-kit/pillar-live-data.js';
import { changesQuery, recordChangeResolvers } from '../../platform-kit/export/sync-resolvers.js';
import { paginate } from '../../platform-kit/connections.js';
import { idField } from '../../platform-kit/organisations-documents.js';
import { auditedRecordFields, pillarWriteResolvers } from '../../platform-kit/pillar-write-resolvers.js';
import type { PlanActionRecord } from '../../platform-kit/plan-actions-store.js';
import { eventAggregates, exchangeAggregates } from './aggregates.js';
import type { SubgraphContext } from './context.js';
import type { MutationResolvers, QueryResolvers, Resolvers } from './generated/resolvers-types.js';
import { eventFilter, programmeFilter } from './list-filters.js';
import type { ParticipationValue } from './models.js';
import { ALL_COUNTRIES } from './rollup-records.js';
import { healthSeries, tourismSeries } from './series-reads.js';
import {
  healthCaseResolvers,
  socialCulturalHistoryKinds,
  socialCulturalMutations,
  socialCulturalWriteQueries,
  tourismArrivalResolvers,
} from './social-cultural-write-resolvers.js';
import { socialCulturalImportMutations } from './import-resolvers.js';
import { eventCitation, programmeCitation, searchResultsResolvers } from './search-resolvers.js';
import { withUpdatedSince } from '../../platform-kit/audit/record-fields.js';

const SUBGRAPH = 'social-cultural';

/** Organisers and actions of a record, through the request's loaders (no N+1). */
const linked = {
  organisers: (r: { organiserIds: string[] }, _: unknown, ctx: SubgraphContext) => loadLinked(ctx.loaders.organisation, r.organiserIds),
  actions: async (r: { actionNumbers: number[] }, _: unknown, ctx: SubgraphContext) =>
    (await ctx.loaders.action.loadMany(r.actionNumbers)).filter(
      (a): a is PlanActionRecord => a != null && !(a instanceof Error) && a.subgraph === SUBGRAPH,
    ),
};

const countryView = countryViewResolvers(SUBGRAPH);

// Shared writes (organisations, documents, progress workflow) and their history/asOf reads.
const sharedWrites = pillarWriteResolvers('social-cultural', socialCulturalHistoryKinds);

export const resolvers: Resolvers = {
  ...commonTypeResolvers(SUBGRAPH),
  Mutation: { ...(sharedWrites.Mutation as MutationResolvers), ...socialCulturalMutations, ...socialCulturalImportMutations },
  Query: {
    socialCulturalChanges: changesQuery((ctx: SubgraphContext) => ctx.models.programmes.db),
    ...(sharedWrites.Query as QueryResolvers),
    exchangeProgrammes: (_, { filter, updatedSince, first, after }, ctx) => paginate(ctx.models.programmes, withUpdatedSince(programmeFilter(filter), updatedSince), { first, after }),
    events: (_, { filter, updatedSince, first, after }, ctx) => paginate(ctx.models.events, withUpdatedSince(eventFilter(filter), updatedSince), { first, after }),
    exchangeAggregates: (_, { groupBy, filter }, ctx) => exchangeAggregates(ctx.models, groupBy, filter),
    eventAggregates: (_, { groupBy, filter }, ctx) => eventAggregates(ctx.models, groupBy, filter),
    healthSeries: (_, args, ctx) => healthSeries(ctx.models, args),
    tourismSeries: (_, args, ctx) => tourismSeries(ctx.models, args),
    ...socialCulturalWriteQueries,
  },
  ExchangeProgramme: {
    ...idField,
    ...auditedRecordFields('exchange_programmes'),
    participantTotal: (p) => p.participants.reduce((n, g) => n + g.total, 0),
    ...linked,
    citation: programmeCitation,
  },
  ExchangeProgrammeConnection: { totalCount: (c) => c.totalCount() },
  Event: { ...idField, ...auditedRecordFields('events'), ...linked, citation: eventCitation },
  SearchResults: searchResultsResolvers,
  HealthCase: healthCaseResolvers,
  TourismArrival: tourismArrivalResolvers,
  EventConnection: { totalCount: (c) => c.totalCount() },
  PlanAction: {
    __resolveType: () => 'SocialCulturalAction',
  },
  SocialCulturalAction: {
    ...actionLiveDataResolvers(SUBGRAPH),
    exchangeProgrammes: (a, { first, after }, ctx) => ctx.loaders.programmesOfAction.load({ actionNumber: a._id, first, after }),
    events: (a, { first, after }, ctx) => ctx.loaders.eventsOfAction.load({ actionNumber: a._id, first, after }),
    programmeCount: async (a, _, ctx) => (await ctx.loaders.actionCell.load(a._id))?.programmeCount ?? 0,
    eventCount: async (a, _, ctx) => (await ctx.loaders.actionCell.load(a._id))?.eventCount ?? 0,
  },
  Country: {
    __resolveReference: (ref) => ({ countryCode: ref.code }),
    code: (c) => c.countryCode,
    socialCultural: (c) => c,
  },
  CountrySocialCultural: {
    ...countryView,
    exchangeParticipants: async (view, { year }, ctx): Promise<ParticipationValue> => {
      const cells = (await ctx.loaders.exchangeCellsByCountry.load(view.countryCode)).filter((c) => year == null || c.year === year);
      const sum = (f: 'participants' | 'female' | 'male' | 'femaleReported' | 'maleReported') => cells.reduce((n, c) => n + (c[f] ?? 0), 0);
      return {
        countryCode: view.countryCode,
        total: sum('participants'),
        female: sum('femaleReported') ? sum('female') : null,
        male: sum('maleReported') ? sum('male') : null,
      };
    },
    programmeCount: async (view, { year }, ctx) =>
      (await ctx.loaders.exchangeCellsByCountry.load(view.countryCode))
        .filter((c) => c.countryCode !== ALL_COUNTRIES && (year == null || c.year === year))
        .reduce((n, c) => n + (c.programmeCount ?? 0), 0),
    eventCount: async (view, { year }, ctx) =>
      (await ctx.loaders.eventCellsByCountry.load(view.countryCode))
        .filter((c) => year == null || c.year === year)
        .reduce((n, c) => n + (c.eventCount ?? 0), 0),
    healthCases: (view, { disease, year }, ctx) => ctx.loaders.healthCases.load({ disease, countryCode: view.countryCode, year }),
  },
  RecordChange: recordChangeResolvers,
};

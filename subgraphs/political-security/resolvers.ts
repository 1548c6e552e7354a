import { memberCountriesSource, plan as planData } from '../../plan-data/index.js';
import { changesQuery, recordChangeResolvers } from '../../platform-kit/export/sync-resolvers.js';
import { actionLiveDataResolvers, commonTypeResolvers, countryViewResolvers } from '../../platform-kit/pillar-live-data.js';
import { pageSize } from '../../platform-kit/connections.js';
import { subgraphInfo } from '../registry.js';
import { mechanismResolvers } from './mechanism-resolvers.js';
import { pillarWriteResolvers } from '../../platform-kit/pillar-write-resolvers.js';
import { mechanismHistoryKinds, mechanismMutations, mechanismWriteQueries } from './mechanism-write-resolvers.js';
import type { FrameworkActionResolvers, MutationResolvers, QueryResolvers, Resolvers } from './generated/resolvers-types.js';
import type { SubgraphContext } from './context.js';
import type { PlanActionRecord } from './models.js';
import { pillarOf } from './pillars.js';
import { politicalSecurityImportMutations } from './import-resolvers.js';
import { searchQuery, searchResultsResolvers } from './search-resolvers.js';
import { activityCitation, bodyCitation, codelistQuery, codelistsResolvers, meetingCitation } from './codelist-resolvers.js';
import { memberCountryProvenance, PLAN_PROVENANCE } from '../../platform-kit/provenance.js';
import { memberCountryCitation, planActionCitation } from '../../platform-kit/citation.js';

const SUBGRAPH = subgraphInfo('political-security').name;
const countryProvenance = memberCountryProvenance(memberCountriesSource);

type ActionTypeName = 'FrameworkAction' | 'PoliticalSecurityAction' | 'EconomicAction' | 'SocialCulturalAction';

/** The concrete GraphQL type of an action decides which subgraph resolves its live data. */
export function actionTypeName(action: PlanActionRecord): ActionTypeName {
  if (action.chapter !== 'IV') return 'FrameworkAction';
  switch (action.subgraph) {
    case 'economy':
      return 'EconomicAction';
    case 'social-cultural':
      return 'SocialCulturalAction';
    default:
      return 'PoliticalSecurityAction';
  }
}

// Outline fields, the same for all four action types (all map to PlanActionRecord).
const outlineFields: Omit<FrameworkActionResolvers, '__resolveReference'> = {
  number: (a) => a._id,
  text: (a) => a.text,
  chapter: async (a, _, ctx) => (await ctx.loaders.chapter.load(a.chapter))!,
  section: (a, _, ctx) => (a.section ? ctx.loaders.section.load(a.section) : null),
  pillar: (a) => pillarOf(a),
  reviewedInMeetings: async (a, { first }, ctx) => (await ctx.loaders.meetingsByAction.load(a._id)).slice(0, pageSize(first)),
  provenance: () => PLAN_PROVENANCE,
  citation: (a) => planActionCitation(a._id),
};

// Live-data fields of the actions this subgraph stewards (as every pillar has them).
const { stewardSubgraph, progress } = actionLiveDataResolvers(SUBGRAPH);
const liveFields: Omit<FrameworkActionResolvers, '__resolveReference'> = { stewardSubgraph, progress };

/** Resolves an entity reference only to an action of the requested type. */
const referenceOf = (typeName: ActionTypeName) => async (ref: { number: number }, ctx: SubgraphContext) => {
  const action = await ctx.loaders.action.load(ref.number);
  return action && actionTypeName(action) === typeName ? action : null;
};

// Shared writes (organisations, documents, progress workflow) and their history/asOf reads.
const sharedWrites = pillarWriteResolvers('political-security', mechanismHistoryKinds);

export const resolvers: Resolvers = {
  ...commonTypeResolvers(SUBGRAPH),
  ...mechanismResolvers,
  Mutation: { ...(sharedWrites.Mutation as MutationResolvers), ...mechanismMutations, ...politicalSecurityImportMutations },
  Query: {
    politicalSecurityChanges: changesQuery((ctx: SubgraphContext) => ctx.models.meetings.db),
    ...mechanismResolvers.Query,
    ...(sharedWrites.Query as QueryResolvers),
    ...mechanismWriteQueries,
    plan: () => ({ title: planData.title, source: planData.source }),
    planAction: (_, { number }, ctx) => ctx.loaders.action.load(number),
    countries: async (_, __, ctx) => ctx.models.countries.find().sort({ _id: 1 }).lean(),
    country: (_, { code }, ctx) => ctx.loaders.country.load(code.toUpperCase()),
    ...searchQuery,
    ...codelistQuery,
  },
  Plan: {
    chapters: async (_, __, ctx) => (await ctx.outline()).chapters,
    actions: async (_, __, ctx) => (await ctx.outline()).actions,
  },
  Chapter: {
    code: (c) => c._id,
    sections: async (c, _, ctx) => (await ctx.outline()).sections.filter((s) => s.chapter === c._id && s.parent === null),
    actions: async (c, _, ctx) => (await ctx.outline()).actions.filter((a) => a.chapter === c._id),
  },
  Section: {
    code: (s) => s._id,
    chapter: async (s, _, ctx) => (await ctx.loaders.chapter.load(s.chapter))!,
    parent: (s, _, ctx) => (s.parent ? ctx.loaders.section.load(s.parent) : null),
    subsections: async (s, _, ctx) => (await ctx.outline()).sections.filter((sub) => sub.parent === s._id),
    pillar: (s) => pillarOf(s),
    actions: async (s, _, ctx) => {
      const { sections, actions } = await ctx.outline();
      const codes = new Set([s._id, ...sections.filter((sub) => sub.parent === s._id).map((sub) => sub._id)]);
      return actions.filter((a) => a.section !== null && codes.has(a.section));
    },
  },
  PlanAction: {
    __resolveType: (a) => actionTypeName(a),
  },
  FrameworkAction: {
    __resolveReference: referenceOf('FrameworkAction'),
    ...outlineFields,
    ...liveFields,
  },
  PoliticalSecurityAction: {
    __resolveReference: referenceOf('PoliticalSecurityAction'),
    ...outlineFields,
    ...liveFields,
    cooperationActivities: async (a, { first }, ctx) => (await ctx.loaders.activitiesByAction.load(a._id)).slice(0, pageSize(first)),
    cooperationActivityCount: async (a, _, ctx) => (await ctx.loaders.activitiesByAction.load(a._id)).length,
  },
  EconomicAction: { __resolveReference: referenceOf('EconomicAction'), ...outlineFields },
  SocialCulturalAction: { __resolveReference: referenceOf('SocialCulturalAction'), ...outlineFields },
  Country: {
    __resolveReference: (ref, ctx) => ctx.loaders.country.load(ref.code),
    code: (c) => c._id,
    politicalSecurity: (c) => ({ countryCode: c._id }),
    provenance: () => countryProvenance,
    citation: (c) => memberCountryCitation({ code: c._id, name: c.name }, countryProvenance),
  },
  CountryPoliticalSecurity: { ...countryViewResolvers(SUBGRAPH), ...mechanismResolvers.CountryPoliticalSecurity },
  // Think-tank access: search, codelists, citations.
  SearchResults: searchResultsResolvers,
  Codelists: codelistsResolvers,
  Meeting: { ...mechanismResolvers.Meeting, citation: meetingCitation },
  CooperationActivity: { ...mechanismResolvers.CooperationActivity, citation: activityCitation },
  MechanismBody: { ...mechanismResolvers.MechanismBody, citation: bodyCitation },
  RecordChange: recordChangeResolvers,
};

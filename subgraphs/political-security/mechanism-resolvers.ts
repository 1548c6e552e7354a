// Resolvers for meetings, cooperation activities and mechanism bodies.
import { loadLinked } from '../../platform-kit/by-id-loader.js';
import { paginate, pageSize } from '../../platform-kit/connections.js';
import { auditedRecordFields } from '../../platform-kit/pillar-write-resolvers.js';
import { readAggregates } from '../../platform-kit/counter-rollups.js';
import { checkedYear, compactFilter, dateRange, memberCode } from '../../platform-kit/filter-inputs.js';
import type {
  ActivityDimension,
  CooperationActivityFilter,
  MechanismBodyFilter,
  MeetingDimension,
  MeetingFilter,
  Resolvers,
} from './generated/resolvers-types.js';
import type { SubgraphContext } from './context.js';
import { notArchived } from './mechanism-models.js';
import { withUpdatedSince } from '../../platform-kit/audit/record-fields.js';

const meetingFilter = (f: MeetingFilter | null | undefined) =>
  compactFilter({
    ...notArchived(),
    type: f?.type,
    hostCountryCodes: f?.hostCountryCode ? memberCode('filter.hostCountryCode', f.hostCountryCode) : undefined,
    date: dateRange({ year: f?.year, from: f?.from, to: f?.to }, 'filter.year'),
    actionsReviewed: f?.actionNumber ?? undefined,
    'provenance.synthetic': f?.synthetic,
  });

const activityFilter = (f: CooperationActivityFilter | null | undefined) =>
  compactFilter({
    ...notArchived(),
    kind: f?.kind,
    participantCountryCodes: f?.countryCode ? memberCode('filter.countryCode', f.countryCode) : undefined,
    startDate: dateRange({ year: f?.year }, 'filter.year'),
    actionNumbers: f?.actionNumber ?? undefined,
    'provenance.synthetic': f?.synthetic,
  });

const bodyFilter = (f: MechanismBodyFilter | null | undefined) =>
  compactFilter({
    ...notArchived(),
    kind: f?.kind,
    countryCode: f?.countryCode ? memberCode('filter.countryCode', f.countryCode) : undefined,
    status: f?.status,
    'provenance.synthetic': f?.synthetic,
  });

const meetingDims: Record<MeetingDimension, string> = { TYPE: 'type', HOST_COUNTRY: 'hostCountryCode', YEAR: 'year' };
const activityDims: Record<ActivityDimension, string> = { KIND: 'kind', COUNTRY: 'countryCode', YEAR: 'year' };
const yearsMatching = (rows: Array<{ year: number; count: number }>, year?: number | null) =>
  rows.filter((r) => year == null || r.year === year).reduce((n, r) => n + r.count, 0);

const countries = (codes: string[], ctx: SubgraphContext) => Promise.all(codes.map((c) => ctx.loaders.country.load(c))).then((cs) => cs.filter((c) => c !== null));

export const mechanismResolvers: Resolvers = {
  Query: {
    meetings: (_, { filter, updatedSince, first, after }, ctx) => paginate(ctx.models.meetings, withUpdatedSince(meetingFilter(filter), updatedSince), { first, after }),
    latestMeetings: (_, { first, filter }, ctx) =>
      ctx.models.meetings.find(meetingFilter(filter)).sort({ _id: -1 }).limit(pageSize(first)).lean().exec(),
    cooperationActivities: (_, { filter, updatedSince, first, after }, ctx) => paginate(ctx.models.activities, withUpdatedSince(activityFilter(filter), updatedSince), { first, after }),
    mechanismBodies: (_, { filter, updatedSince, first, after }, ctx) => paginate(ctx.models.bodies, withUpdatedSince(bodyFilter(filter), updatedSince), { first, after }),
    meetingAggregates: async (_, { groupBy, filter }, ctx) => {
      const rows = await readAggregates(
        ctx.models.meetingRollups,
        groupBy.map((g) => meetingDims[g]),
        {
          type: filter?.type,
          hostCountryCode: filter?.hostCountryCode ? memberCode('filter.hostCountryCode', filter.hostCountryCode) : undefined,
          year: filter?.year != null ? checkedYear('filter.year', filter.year) : undefined,
        } as never,
      );
      return rows.map((r) => ({ ...r.dims, meetingCount: r.counters.meetingCount ?? 0 }) as never);
    },
    activityAggregates: async (_, { groupBy, filter }, ctx) => {
      const rows = await readAggregates(
        ctx.models.activityRollups,
        groupBy.map((g) => activityDims[g]),
        {
          kind: filter?.kind,
          countryCode: filter?.countryCode ? memberCode('filter.countryCode', filter.countryCode) : undefined,
          year: filter?.year != null ? checkedYear('filter.year', filter.year) : undefined,
        } as never,
      );
      return rows.map((r) => ({ ...r.dims, activityCount: r.counters.activityCount ?? 0, participants: r.counters.participants ?? 0 }) as never);
    },
  },
  MeetingConnection: { totalCount: (c) => c.totalCount() },
  CooperationActivityConnection: { totalCount: (c) => c.totalCount() },
  MechanismBodyConnection: { totalCount: (c) => c.totalCount() },
  Meeting: {
    id: (m) => m._id,
    ...auditedRecordFields('meetings'),
    hostCountries: (m, _, ctx) => countries(m.hostCountryCodes, ctx),
    coChairs: (m, _, ctx) => countries(m.coChairCodes, ctx),
    outcomeDocuments: (m, _, ctx) => loadLinked(ctx.loaders.document, m.outcomeDocumentIds),
    actionsReviewed: async (m, _, ctx) =>
      (await ctx.loaders.action.loadMany(m.actionsReviewed)).filter((a) => a !== null && !(a instanceof Error)) as never,
  },
  CooperationActivity: {
    id: (a) => a._id,
    ...auditedRecordFields('cooperation_activities'),
    actions: async (a, _, ctx) =>
      (await ctx.loaders.action.loadMany(a.actionNumbers)).filter((x) => x !== null && !(x instanceof Error)) as never,
  },
  MechanismBody: { id: (b) => b._id, ...auditedRecordFields('mechanism_bodies') },
  CountryPoliticalSecurity: {
    meetingsHosted: (v, { first }, ctx) => ctx.loaders.meetingsHosted.load({ code: v.countryCode, first: pageSize(first) }),
    meetingCount: async (v, { year }, ctx) => yearsMatching(await ctx.loaders.meetingRollupsByHost.load(v.countryCode), year),
    activityCount: async (v, { year }, ctx) => yearsMatching(await ctx.loaders.activityRollupsByCountry.load(v.countryCode), year),
    mechanismBodies: (v, _, ctx) => ctx.loaders.bodiesByCountry.load(v.countryCode),
  },
};

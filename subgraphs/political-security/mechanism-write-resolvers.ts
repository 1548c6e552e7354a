// Mutations of meetings, cooperation activities and mechanism bodies (audited,
// see audited-kinds.ts), their asOf reads and audit fields. Archived records
// are visible to this pillar's editors and admins only.
import { canReadUnpublished } from '../../platform-kit/access/authorize.js';
import { recordMutations } from '../../platform-kit/audit/writable-kind.js';
import { asOfOrCurrent } from '../../platform-kit/pillar-write-resolvers.js';
import { cooperationActivityKind, mechanismBodyKind, meetingKind } from './audited-kinds.js';
import type { SubgraphContext } from './context.js';
import type { MutationResolvers, QueryResolvers } from './generated/resolvers-types.js';

const meetings = recordMutations(meetingKind);
const activities = recordMutations(cooperationActivityKind);
const bodies = recordMutations(mechanismBodyKind);

/** Revision collections of this pillar's own kinds, by PoliticalSecurityRecordKind. */
export const mechanismHistoryKinds = {
  MEETING: { collection: 'meetings' },
  COOPERATION_ACTIVITY: { collection: 'cooperation_activities' },
  MECHANISM_BODY: { collection: 'mechanism_bodies' },
};

export const mechanismMutations: Pick<
  MutationResolvers,
  | 'createMeeting'
  | 'updateMeeting'
  | 'archiveMeeting'
  | 'createCooperationActivity'
  | 'updateCooperationActivity'
  | 'archiveCooperationActivity'
  | 'createMechanismBody'
  | 'updateMechanismBody'
  | 'archiveMechanismBody'
> = {
  createMeeting: (_, { id, input }, ctx) => meetings.create(ctx, id, input),
  updateMeeting: (_, { id, input }, ctx) => meetings.update(ctx, id, input),
  archiveMeeting: (_, { id }, ctx) => meetings.archive(ctx, id),
  createCooperationActivity: (_, { id, input }, ctx) => activities.create(ctx, id, input),
  updateCooperationActivity: (_, { id, input }, ctx) => activities.update(ctx, id, input),
  archiveCooperationActivity: (_, { id }, ctx) => activities.archive(ctx, id),
  createMechanismBody: (_, { id, input }, ctx) => bodies.create(ctx, id, input),
  updateMechanismBody: (_, { id, input }, ctx) => bodies.update(ctx, id, input),
  archiveMechanismBody: (_, { id }, ctx) => bodies.archive(ctx, id),
};

/** A record by id, or as it was at asOf; archived versions only for this pillar's editors and admins. */
async function visible<T extends { _id: string; archived?: boolean }>(ctx: SubgraphContext, collection: string, id: string, current: T | null, asOf: Date | null | undefined) {
  const found = await asOfOrCurrent(ctx, collection, id, current, asOf);
  return found?.archived && !canReadUnpublished(ctx.principal, 'political-security') ? null : found;
}

export const mechanismWriteQueries: Pick<QueryResolvers, 'meeting' | 'cooperationActivity' | 'mechanismBody'> = {
  meeting: async (_, { id, asOf }, ctx) => visible(ctx, 'meetings', id, await ctx.models.meetings.findOne({ _id: id }).lean(), asOf),
  cooperationActivity: async (_, { id, asOf }, ctx) =>
    visible(ctx, 'cooperation_activities', id, await ctx.models.activities.findOne({ _id: id }).lean(), asOf),
  mechanismBody: async (_, { id, asOf }, ctx) => visible(ctx, 'mechanism_bodies', id, await ctx.models.bodies.findOne({ _id: id }).lean(), asOf),
};

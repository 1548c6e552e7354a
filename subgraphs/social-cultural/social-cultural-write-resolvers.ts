// Mutations of programmes, events and series reports (audited, see
// audited-kinds.ts), their asOf reads and audit fields. Archived programmes
// and events are visible to this pillar's editors and admins only.
import { canReadUnpublished, requirePillarWriter } from '../../platform-kit/access/authorize.js';
import { recordMutations, requireKindWriter, writeKindRows, type KindCaller, type WritableKind } from '../../platform-kit/audit/writable-kind.js';
import { writeAuditedBatch } from '../../platform-kit/audit/write-audited.js';
import { badUserInput } from '../../platform-kit/input-errors.js';
import { asOfOrCurrent, auditedRecordFields } from '../../platform-kit/pillar-write-resolvers.js';
import { wholeNumber } from '../../platform-kit/write-inputs.js';
import { eventKind, exchangeProgrammeKind, healthCaseKind, tourismArrivalKind } from './audited-kinds.js';
import type { SubgraphContext } from './context.js';
import type { HealthCaseResolvers, MutationResolvers, QueryResolvers, TourismArrivalResolvers } from './generated/resolvers-types.js';
import type { Models } from './models.js';
import { citationDay, citationOf, PILLAR_TITLES } from '../../platform-kit/citation.js';

export const MAX_OBSERVATIONS_PER_CALL = 100;

const programmes = recordMutations(exchangeProgrammeKind);
const events = recordMutations(eventKind);

/** Revision collections of this pillar's own kinds, by SocialCulturalRecordKind. */
export const socialCulturalHistoryKinds = {
  EXCHANGE_PROGRAMME: { collection: 'exchange_programmes' },
  EVENT: { collection: 'events' },
  HEALTH_CASE: { collection: 'health_cases' },
  TOURISM_ARRIVAL: { collection: 'tourism_arrivals' },
};

const batchResult = (results: Array<{ id: string; revision: unknown }>) => ({
  written: results.filter((r) => r.revision !== null).length,
  ids: results.map((r) => r.id),
});

/** Upserts reports, all or nothing. */
async function recordObservations<I, T extends { _id: string }>(c: KindCaller<Models>, kind: WritableKind<Models, I, T>, inputs: I[]) {
  requirePillarWriter(c.principal, kind.pillar);
  if (inputs.length > MAX_OBSERVATIONS_PER_CALL) throw badUserInput('observations', `at most ${MAX_OBSERVATIONS_PER_CALL} reports per call`);
  return batchResult(await writeKindRows(c, kind, inputs.map((input, i) => ({ input, field: `observations[${i}]` }))));
}

/** Changes one report's count; its series rollups follow. */
async function changeObservation<I, T extends { _id: string }>(c: KindCaller<Models>, kind: WritableKind<Models, I, T>, id: string, change: (before: T) => T) {
  requirePillarWriter(c.principal, kind.pillar);
  const [result] = await writeAuditedBatch({
    kind: kind.audited(c.models),
    revisions: c.models.revisions,
    principal: c.principal,
    action: 'UPDATE',
    writes: [
      {
        id,
        change: (before) => {
          if (!before) throw badUserInput('id', `the id of an existing ${kind.name} (${id} not found)`);
          requireKindWriter(c.principal, kind, before);
          return change(before);
        },
      },
    ],
  });
  return result.record!;
}

/** Deletes reports, all or nothing; ids not stored change nothing. */
async function deleteObservations<I, T extends { _id: string }>(c: KindCaller<Models>, kind: WritableKind<Models, I, T>, ids: string[]) {
  requirePillarWriter(c.principal, kind.pillar);
  if (ids.length > MAX_OBSERVATIONS_PER_CALL) throw badUserInput('ids', `at most ${MAX_OBSERVATIONS_PER_CALL} ids per call`);
  const writes = [...new Set(ids)].map((id) => ({
    id,
    change: (before: T | null) => {
      requireKindWriter(c.principal, kind, before);
      return null;
    },
  }));
  return batchResult(await writeAuditedBatch({ kind: kind.audited(c.models), revisions: c.models.revisions, principal: c.principal, action: 'DELETE', writes }));
}

export const socialCulturalMutations: Pick<
  MutationResolvers,
  | 'createExchangeProgramme'
  | 'updateExchangeProgramme'
  | 'archiveExchangeProgramme'
  | 'createEvent'
  | 'updateEvent'
  | 'archiveEvent'
  | 'recordHealthCases'
  | 'updateHealthCase'
  | 'deleteHealthCases'
  | 'recordTourismArrivals'
  | 'updateTourismArrival'
  | 'deleteTourismArrivals'
> = {
  createExchangeProgramme: (_, { id, input }, ctx) => programmes.create(ctx, id, input),
  updateExchangeProgramme: (_, { id, input }, ctx) => programmes.update(ctx, id, input),
  archiveExchangeProgramme: (_, { id }, ctx) => programmes.archive(ctx, id),
  createEvent: (_, { id, input }, ctx) => events.create(ctx, id, input),
  updateEvent: (_, { id, input }, ctx) => events.update(ctx, id, input),
  archiveEvent: (_, { id }, ctx) => events.archive(ctx, id),
  recordHealthCases: (_, { observations }, ctx) => recordObservations(ctx, healthCaseKind, observations),
  updateHealthCase: (_, { id, input }, ctx) =>
    changeObservation(ctx, healthCaseKind, id, (before) => ({ ...before, cases: wholeNumber(input.cases, 'input.cases') })),
  deleteHealthCases: (_, { ids }, ctx) => deleteObservations(ctx, healthCaseKind, ids),
  recordTourismArrivals: (_, { observations }, ctx) => recordObservations(ctx, tourismArrivalKind, observations),
  updateTourismArrival: (_, { id, input }, ctx) =>
    changeObservation(ctx, tourismArrivalKind, id, (before) => ({ ...before, arrivals: wholeNumber(input.arrivals, 'input.arrivals') })),
  deleteTourismArrivals: (_, { ids }, ctx) => deleteObservations(ctx, tourismArrivalKind, ids),
};

/** A record by id, or as it was at asOf; archived versions only for this pillar's editors and admins. */
async function visible<T extends { _id: string; archived?: boolean }>(ctx: SubgraphContext, collection: string, id: string, current: T | null, asOf: Date | null | undefined) {
  const found = await asOfOrCurrent(ctx, collection, id, current, asOf);
  return found?.archived && !canReadUnpublished(ctx.principal, 'social-cultural') ? null : found;
}

export const socialCulturalWriteQueries: Pick<QueryResolvers, 'exchangeProgramme' | 'event' | 'healthCase' | 'tourismArrival'> = {
  exchangeProgramme: async (_, { id, asOf }, ctx) => visible(ctx, 'exchange_programmes', id, await ctx.loaders.programme.load(id), asOf),
  event: async (_, { id, asOf }, ctx) => visible(ctx, 'events', id, await ctx.loaders.event.load(id), asOf),
  healthCase: async (_, { id, asOf }, ctx) => visible(ctx, 'health_cases', id, await ctx.models.healthCases.findOne({ _id: id }).lean(), asOf),
  tourismArrival: async (_, { id, asOf }, ctx) => visible(ctx, 'tourism_arrivals', id, await ctx.models.tourismArrivals.findOne({ _id: id }).lean(), asOf),
};

const { history: healthHistory } = auditedRecordFields('health_cases');
const { history: tourismHistory } = auditedRecordFields('tourism_arrivals');
const pillarTitle = PILLAR_TITLES['social-cultural'];

export const healthCaseResolvers: HealthCaseResolvers = {
  id: (o) => o._id,
  history: healthHistory,
  citation: (o) =>
    citationOf({ title: { en: `${o.disease} cases in ${o.countryCode}, ${o.reportingUnit}, ${citationDay(o.time)}`, zh: `${o.countryCode} ${o.disease} 病例，${o.reportingUnit}，${citationDay(o.time)}` }, id: o._id, kind: 'health case report', pillar: pillarTitle, provenance: o.provenance }),
};
export const tourismArrivalResolvers: TourismArrivalResolvers = {
  id: (o) => o._id,
  history: tourismHistory,
  citation: (o) =>
    citationOf({ title: {
        en: `Arrivals in ${o.destinationCode} from ${o.originCode}, ${o.reportingUnit}, ${citationDay(o.time)}`,
        zh: `${o.originCode} 至 ${o.destinationCode} 入境人数，${o.reportingUnit}，${citationDay(o.time)}`,
      }, id: o._id, kind: 'tourism arrivals report', pillar: pillarTitle, provenance: o.provenance }),
};

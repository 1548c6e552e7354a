// The live-data basics every pillar subgraph has: its own plan actions, their
// progress assessments and rollups, the organisations and documents it
// stores, per-request loaders, and the resolvers for its action entity, its
// Country view and the shared value types. Parametrised by subgraph name only.
import type { Connection } from 'mongoose';
import { actionsOwnedBy, type SubgraphName } from '../plan-data/index.js';
import { byIdLoader } from './by-id-loader.js';
import { auditFields, documentModel, idField, organisationModel, type DocumentRecord, type OrganisationRecord } from './organisations-documents.js';
import { planActionModel, toPlanActionRecord, type PlanActionRecord } from './plan-actions-store.js';
import { upsertById } from './bulk-writes.js';
import {
  progressByActionLoader,
  progressModel,
  progressRollupModel,
  progressYearModel,
  progressStatuses,
  rollupsByCountryLoader,
  type ProgressAssessmentRecord,
} from './progress-store.js';
import { revisionModel } from './audit/revision-model.js';
import { progressDraftModel } from './progress-workflow.js';
import { DateTimeScalar, JSONScalar } from './scalars.js';
import { citationOf, PILLAR_TITLES } from './citation.js';

export function registerLiveDataModels(connection: Connection) {
  return {
    actions: planActionModel(connection),
    progress: progressModel(connection),
    progressRollups: progressRollupModel(connection),
    progressYears: progressYearModel(connection),
    organisations: organisationModel(connection),
    documents: documentModel(connection),
    revisions: revisionModel(connection),
    progressDrafts: progressDraftModel(connection),
  };
}
export type LiveDataModels = ReturnType<typeof registerLiveDataModels>;

export const seedOwnActions = (models: LiveDataModels, subgraph: SubgraphName) =>
  upsertById(models.actions, actionsOwnedBy(subgraph).map(toPlanActionRecord));

export function liveDataLoaders(models: LiveDataModels) {
  return {
    action: byIdLoader(models.actions),
    progress: progressByActionLoader(models),
    rollupsByCountry: rollupsByCountryLoader(models.progressRollups),
    organisation: byIdLoader(models.organisations),
    document: byIdLoader(models.documents),
  };
}
type LiveDataContext = { loaders: ReturnType<typeof liveDataLoaders> };

/** Fields of an action entity stewarded by `subgraph`; references to other subgraphs' actions resolve to null. */
export function actionLiveDataResolvers(subgraph: SubgraphName) {
  return {
    __resolveReference: async (ref: { number: number }, ctx: LiveDataContext) => {
      const action = await ctx.loaders.action.load(ref.number);
      return action?.subgraph === subgraph ? action : null;
    },
    number: (a: PlanActionRecord) => a._id,
    stewardSubgraph: () => subgraph,
    progress: (a: PlanActionRecord, args: { country?: string | null; year?: number | null }, ctx: LiveDataContext) =>
      ctx.loaders.progress.load({ actionNumber: a._id, ...args }),
  };
}

/** A country's view from this pillar; `view` is the namespaced field's object. */
export function countryViewResolvers(subgraph: SubgraphName) {
  const actionCount = actionsOwnedBy(subgraph).length;
  return {
    stewardSubgraph: () => subgraph,
    progressAssessmentCount: async (view: { countryCode: string }, args: { year?: number | null }, ctx: LiveDataContext) => {
      const rollups = await ctx.loaders.rollupsByCountry.load(view.countryCode);
      return rollups.filter((r) => args.year == null || r.year === args.year).reduce((n, r) => n + r.assessedCount, 0);
    },
    progressSummary: async (view: { countryCode: string }, args: { year: number }, ctx: LiveDataContext) => {
      const rollup = (await ctx.loaders.rollupsByCountry.load(view.countryCode)).find((r) => r.year === args.year);
      return {
        countryCode: view.countryCode,
        year: args.year,
        actionCount,
        assessedCount: rollup?.assessedCount ?? 0,
        byStatus: progressStatuses.map((status) => {
          const count = rollup?.byStatus[status] ?? 0;
          return { status, count, share: count / actionCount };
        }),
      };
    },
  };
}

/** Resolvers for the value types in common.graphql that every subgraph returns (citations name `subgraph`'s pillar). */
export const commonTypeResolvers = (subgraph: SubgraphName) => ({
  DateTime: DateTimeScalar,
  JSON: JSONScalar,
  ProgressAssessment: {
    ...idField,
    evidence: async (p: ProgressAssessmentRecord, _: unknown, ctx: LiveDataContext) =>
      (await ctx.loaders.document.loadMany(p.evidenceDocumentIds ?? [])).filter(
        (d): d is DocumentRecord => d !== null && !(d instanceof Error) && !d.archived,
      ),
    assessor: (p: ProgressAssessmentRecord, _: unknown, ctx: LiveDataContext) =>
      p.assessorOrganisationId ? ctx.loaders.organisation.load(p.assessorOrganisationId) : null,
    citation: (p: ProgressAssessmentRecord) =>
      citationOf({
        title: { en: `Progress of plan action ${p.actionNumber} in ${p.countryCode}, ${p.year}`, zh: `第${p.actionNumber}项行动进展，${p.countryCode}，${p.year}年` },
        id: p._id,
        kind: 'progress assessment',
        pillar: PILLAR_TITLES[subgraph],
        provenance: p.provenance,
      }),
  },
  Organisation: {
    ...idField,
    ...auditFields,
    citation: (o: OrganisationRecord) => citationOf({ title: o.name, id: o._id, kind: 'organisation', pillar: PILLAR_TITLES[subgraph], provenance: o.provenance }),
  },
  Document: {
    ...idField,
    ...auditFields,
    citation: (d: DocumentRecord) => citationOf({ title: d.title, id: d._id, kind: 'document', pillar: PILLAR_TITLES[subgraph], provenance: d.provenance }),
  },
  ProgressDraft: { ...idField, ...auditFields },
});

export type { DocumentRecord, OrganisationRecord };

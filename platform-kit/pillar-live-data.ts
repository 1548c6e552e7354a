// The live-data basics every pillar subgraph has: its own plan actions and
// their progress assessments, with per-request loaders and the resolvers for
// its action entity and its Country view. Parametrised by subgraph name only.
import type { Connection } from 'mongoose';
import { actionsOwnedBy, type SubgraphName } from '../plan-data/index.js';
import { byIdLoader } from './by-id-loader.js';
import { planActionModel, toPlanActionRecord, upsertById, type PlanActionRecord } from './plan-actions-store.js';
import { assessmentCountByCountryLoader, progressByActionLoader, progressModel } from './progress-store.js';

export function registerLiveDataModels(connection: Connection) {
  return { actions: planActionModel(connection), progress: progressModel(connection) };
}
export type LiveDataModels = ReturnType<typeof registerLiveDataModels>;

export const seedOwnActions = (models: LiveDataModels, subgraph: SubgraphName) =>
  upsertById(models.actions, actionsOwnedBy(subgraph).map(toPlanActionRecord));

export function liveDataLoaders(models: LiveDataModels) {
  return {
    action: byIdLoader(models.actions),
    progress: progressByActionLoader(models.progress),
    assessmentCount: assessmentCountByCountryLoader(models.progress),
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
  return {
    stewardSubgraph: () => subgraph,
    progressAssessmentCount: (view: { countryCode: string }, args: { year?: number | null }, ctx: LiveDataContext) =>
      ctx.loaders.assessmentCount.load({ country: view.countryCode, year: args.year }),
  };
}

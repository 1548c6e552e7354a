// Mutations of the economy pillar (its own records and the shared kinds),
// history and asOf reads, and the audit fields of Project.
import { canReadUnpublished } from '../../platform-kit/access/authorize.js';
import { citationOf, PILLAR_TITLES } from '../../platform-kit/citation.js';
import { asOfOrCurrent, auditedRecordFields, pillarWriteResolvers } from '../../platform-kit/pillar-write-resolvers.js';
import type { SubgraphContext } from './context.js';
import type { MutationResolvers, ProjectResolvers, QueryResolvers, WaterObservationResolvers } from './generated/resolvers-types.js';
import {
  archiveProject,
  createFinancialFlow,
  createProject,
  deleteFinancialFlow,
  updateFinancialFlow,
  updateProject,
} from './project-mutations.js';
import type { ProjectRecord } from './project-model.js';
import { deleteWaterObservationsAudited, recordWaterObservations, updateWaterObservation } from './water-mutations.js';

export const economyShared = pillarWriteResolvers('economy', {
  PROJECT: { collection: 'projects' },
  WATER_OBSERVATION: { collection: 'water_observations' },
});

export const economyMutations: MutationResolvers = {
  ...(economyShared.Mutation as MutationResolvers),
  createProject: (_, { id, input }, ctx) => createProject(ctx, id, input),
  updateProject: (_, { id, input }, ctx) => updateProject(ctx, id, input),
  archiveProject: (_, { id }, ctx) => archiveProject(ctx, id),
  createFinancialFlow: (_, { projectId, input }, ctx) => createFinancialFlow(ctx, projectId, input),
  updateFinancialFlow: (_, { projectId, index, input }, ctx) => updateFinancialFlow(ctx, projectId, index, input),
  deleteFinancialFlow: (_, { projectId, index }, ctx) => deleteFinancialFlow(ctx, projectId, index),
  recordWaterObservations: (_, { observations }, ctx) => recordWaterObservations(ctx, observations),
  updateWaterObservation: (_, { id, input }, ctx) => updateWaterObservation(ctx, id, input),
  deleteWaterObservations: (_, { ids }, ctx) => deleteWaterObservationsAudited(ctx, ids),
};

/** A project by id, or as it was at asOf; archived ones only for the pillar's editors and admins. */
async function projectById(ctx: SubgraphContext, id: string, asOf: Date | null | undefined): Promise<ProjectRecord | null> {
  const found = await asOfOrCurrent(ctx, 'projects', id, await ctx.loaders.project.load(id), asOf);
  return found?.archived && !canReadUnpublished(ctx.principal, 'economy') ? null : found;
}

export const economyWriteQueries: QueryResolvers = {
  ...(economyShared.Query as QueryResolvers),
  project: (_, { id, asOf }, ctx) => projectById(ctx, id, asOf),
};

export const projectAuditFields: Pick<ProjectResolvers, 'revision' | 'archived' | 'updatedAt' | 'history'> = auditedRecordFields('projects');

export const waterObservationResolvers: WaterObservationResolvers = {
  id: (o) => o.observationId,
  citation: (o) =>
    citationOf({ title: { en: `${o.property} at water station ${o.stationId}, ${o.time.toISOString()}`, zh: `水文站 ${o.stationId} ${o.property} 观测，${o.time.toISOString()}` }, id: o.observationId, kind: 'water observation', pillar: PILLAR_TITLES.economy, provenance: o.provenance }),
};

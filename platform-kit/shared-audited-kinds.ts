// The audited record kinds every pillar stores, by collection, for start-up
// repair of interrupted writes (audit/write-audited.ts repairPendingWrites).
import type { PillarSubgraphName } from './access/pillar-names.js';
import { repairPendingWrites, type AnyAuditedKind } from './audit/write-audited.js';
import { documentKind, organisationKind, type OrganisationDocumentModels } from './organisation-document-writes.js';
import { draftKind, publishedAssessmentKind, type WorkflowModels } from './progress-workflow.js';

type Kinds = Record<string, AnyAuditedKind>;

export const sharedAuditedKinds = (models: WorkflowModels & OrganisationDocumentModels, pillar: PillarSubgraphName): Kinds =>
  Object.fromEntries(
    [organisationKind(models, pillar), documentKind(models, pillar), draftKind(models), publishedAssessmentKind(models)].map((k: AnyAuditedKind) => [
      k.collection,
      k,
    ]),
  );

/** Completes audited writes a crash interrupted: the shared kinds (of `pillar`: they feed its search index) plus the pillar's own (`ownKinds`). */
export const repairAuditedWrites = (models: WorkflowModels & OrganisationDocumentModels, ownKinds: Kinds, pillar: PillarSubgraphName) =>
  repairPendingWrites(models.revisions, { ...sharedAuditedKinds(models, pillar), ...ownKinds });

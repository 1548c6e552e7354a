// Progress-assessment workflow, shared by every pillar: drafts live in
// `progress_assessment_drafts` (one per assessment key, unpublished), move
// DRAFT → SUBMITTED → APPROVED | RETURNED (→ DRAFT) → PUBLISHED, and every
// step is an audited write of the draft. Publishing writes the assessment
// through progress-store's writeProgressAssessments (rollups kept) as a new
// revision of the published record; nothing edits a published one in place.
import { GraphQLError } from 'graphql';
import { Schema, trusted, type Connection, type Model } from 'mongoose';
import { actionsOwnedBy, type LocalizedText } from '../plan-data/index.js';
import type { PillarSubgraphName } from './access/pillar-names.js';
import type { Principal } from './access/principal.js';
import { requirePillarWriter, requireRole } from './access/authorize.js';
import { writeAudited, type AuditedKind } from './audit/write-audited.js';
import type { RevisionModel } from './audit/revision-model.js';
import { badUserInput } from './input-errors.js';
import { strictSchemaOptions } from './mongo-store.js';
import { localizedTextSchema } from './plan-actions-store.js';
import {
  progressAssessmentId,
  progressStatuses,
  writeProgressAssessments,
  type ProgressAssessmentRecord,
  type ProgressModels,
  type ProgressStatusCode,
} from './progress-store.js';
import { provenanceSchema, type ProvenanceRecord } from './provenance.js';
import { auditedRecordSchemaFields } from './audit/record-fields.js';
import type { DocumentRecord, OrganisationRecord } from './organisations-documents.js';
import { LONG_TEXT_MAX, distinct, localizedText, memberCountry, provenance } from './write-inputs.js';

export const progressDraftStates = ['DRAFT', 'SUBMITTED', 'APPROVED', 'RETURNED', 'PUBLISHED'] as const;
export type ProgressDraftState = (typeof progressDraftStates)[number];

export const ASSESSMENT_YEARS = { from: 2018, to: 2030 } as const;

export interface ProgressDraftRecord {
  _id: string; // the assessment's key, actionNumber:countryCode:year
  actionNumber: number;
  countryCode: string;
  year: number;
  status: ProgressStatusCode;
  narrative: LocalizedText | null;
  evidenceDocumentIds: string[];
  assessorOrganisationId: string | null;
  provenance: ProvenanceRecord;
  state: ProgressDraftState;
  returnReason: string | null;
  publishedCount: number;
  revision?: number;
  /** When a write last changed it (audit/record-fields.ts). */
  updatedAt?: Date;
  archived?: boolean;
}

const draftSchema = new Schema<ProgressDraftRecord>(
  {
    _id: { type: String, required: true },
    actionNumber: { type: Number, required: true },
    countryCode: { type: String, required: true },
    year: { type: Number, required: true, min: ASSESSMENT_YEARS.from, max: ASSESSMENT_YEARS.to },
    status: { type: String, required: true, enum: progressStatuses },
    narrative: { type: localizedTextSchema, default: null },
    evidenceDocumentIds: { type: [String], default: [] },
    assessorOrganisationId: { type: String, default: null },
    provenance: { type: provenanceSchema, required: true },
    state: { type: String, required: true, enum: progressDraftStates },
    returnReason: { type: String, default: null, maxlength: 2000 },
    publishedCount: { type: Number, required: true, default: 0 },
    ...auditedRecordSchemaFields,
  },
  { collection: 'progress_assessment_drafts', ...strictSchemaOptions },
);

export const progressDraftModel = (c: Connection): Model<ProgressDraftRecord> => c.model<ProgressDraftRecord>('ProgressDraft', draftSchema);

export interface WorkflowModels extends ProgressModels {
  progressDrafts: Model<ProgressDraftRecord>;
  documents: Model<DocumentRecord>;
  organisations: Model<OrganisationRecord>;
  revisions: RevisionModel;
}

export const draftKind = (m: WorkflowModels): AuditedKind<ProgressDraftRecord> => ({
  collection: 'progress_assessment_drafts',
  model: m.progressDrafts,
  carriesRevision: true,
});

/** Published assessments: progress-store's record has no revision field, so the chain is compared by content. */
export const publishedAssessmentKind = (m: WorkflowModels): AuditedKind<ProgressAssessmentRecord> => ({
  collection: 'progress_assessments',
  model: m.progress,
  carriesRevision: false,
  persist: async (changes) => {
    const records = changes.map((c) => c.after).filter((r): r is ProgressAssessmentRecord => r !== null);
    if (records.length !== changes.length) throw new Error('published progress assessments are never deleted');
    await writeProgressAssessments(m, records);
  },
});

export interface ProgressDraftInput {
  actionNumber: number;
  countryCode: string;
  year: number;
  status: ProgressStatusCode;
  narrative?: { en: string; zh: string } | null;
  evidenceDocumentIds?: string[] | null;
  assessorOrganisationId?: string | null;
  provenance: { source: string; licence: string; recordedAt: Date; synthetic: boolean };
}

type DraftContent = Omit<ProgressDraftRecord, 'state' | 'returnReason' | 'publishedCount' | 'revision' | 'archived'>;

/** Checks a draft input against the plan and this pillar's store; the content of the draft. */
async function draftContent(m: WorkflowModels, pillar: PillarSubgraphName, input: ProgressDraftInput): Promise<DraftContent> {
  const own = new Set(actionsOwnedBy(pillar).map((a) => a.number));
  if (!own.has(input.actionNumber)) throw badUserInput('input.actionNumber', `an action stewarded by ${pillar}`);
  memberCountry(input.countryCode, 'input.countryCode');
  if (!Number.isInteger(input.year) || input.year < ASSESSMENT_YEARS.from || input.year > ASSESSMENT_YEARS.to) {
    throw badUserInput('input.year', `a year from ${ASSESSMENT_YEARS.from} to ${ASSESSMENT_YEARS.to}`);
  }
  const evidence = distinct(input.evidenceDocumentIds ?? [], 'input.evidenceDocumentIds');
  if (evidence.length) {
    const found = new Set(
      ((await m.documents.find({ _id: trusted({ $in: evidence }), archived: trusted({ $ne: true }) }, { _id: 1 }).lean()) as Array<{ _id: string }>).map((d) => d._id),
    );
    evidence.forEach((id, i) => {
      if (!found.has(id)) throw badUserInput(`input.evidenceDocumentIds[${i}]`, `the id of a document stored by ${pillar}`);
    });
  }
  const assessor = input.assessorOrganisationId ?? null;
  if (assessor !== null && !(await m.organisations.exists({ _id: assessor, archived: trusted({ $ne: true }) }))) {
    throw badUserInput('input.assessorOrganisationId', `the id of an organisation stored by ${pillar}`);
  }
  return {
    _id: progressAssessmentId(input.actionNumber, input.countryCode, input.year),
    actionNumber: input.actionNumber,
    countryCode: input.countryCode,
    year: input.year,
    status: input.status,
    narrative: input.narrative ? localizedText(input.narrative, 'input.narrative', LONG_TEXT_MAX) : null,
    evidenceDocumentIds: evidence,
    assessorOrganisationId: assessor,
    provenance: provenance(input.provenance, 'input.provenance'),
  };
}

const notFound = (id: string) => badUserInput('id', `the id of a progress draft (actionNumber:countryCode:year); ${id} has none`);
const wrongState = (d: ProgressDraftRecord, step: string, allowed: ProgressDraftState[]) =>
  new GraphQLError(`Cannot ${step} progress draft ${d._id}: it is ${d.state}, expected ${allowed.join(' or ')}`, {
    extensions: { code: 'BAD_USER_INPUT', field: 'id', state: d.state },
  });

export interface WorkflowCaller {
  models: WorkflowModels;
  principal: Principal;
}

/** Creates or edits the draft of an assessment key (editors of the pillar, own country if limited; admins). */
export async function saveProgressDraft(c: WorkflowCaller, pillar: PillarSubgraphName, input: ProgressDraftInput): Promise<ProgressDraftRecord> {
  // Access first (the country is known from the input), then validation.
  requirePillarWriter(c.principal, pillar, [input.countryCode]);
  const content = await draftContent(c.models, pillar, input);
  const { record } = await writeAudited({
    ...draftKind(c.models),
    revisions: c.models.revisions,
    principal: c.principal,
    action: 'SAVE_DRAFT',
    id: content._id,
    change: (before) => {
      if (before && (before.state === 'SUBMITTED' || before.state === 'APPROVED')) {
        throw wrongState(before, 'edit', ['DRAFT', 'RETURNED', 'PUBLISHED']);
      }
      return { ...content, state: 'DRAFT' as const, returnReason: null, publishedCount: before?.publishedCount ?? 0, archived: false };
    },
  });
  return record!;
}

interface Step {
  name: 'SUBMIT' | 'APPROVE' | 'RETURN' | 'PUBLISH';
  from: ProgressDraftState[];
  to: ProgressDraftState;
}
const steps = {
  submit: { name: 'SUBMIT', from: ['DRAFT'], to: 'SUBMITTED' },
  approve: { name: 'APPROVE', from: ['SUBMITTED'], to: 'APPROVED' },
  return: { name: 'RETURN', from: ['SUBMITTED', 'APPROVED'], to: 'RETURNED' },
  publish: { name: 'PUBLISH', from: ['APPROVED'], to: 'PUBLISHED' },
} satisfies Record<string, Step>;

/** Moves a draft one step; repeating a step already taken changes nothing (a retried request is harmless). */
async function transition(
  c: WorkflowCaller,
  pillar: PillarSubgraphName,
  id: string,
  step: Step,
  patch: (d: ProgressDraftRecord) => Partial<ProgressDraftRecord> = () => ({}),
): Promise<ProgressDraftRecord> {
  const { record } = await writeAudited({
    ...draftKind(c.models),
    revisions: c.models.revisions,
    principal: c.principal,
    action: step.name,
    id,
    change: (before) => {
      if (!before) throw notFound(id);
      if (step.name === 'SUBMIT') requirePillarWriter(c.principal, pillar, [before.countryCode]);
      if (before.state === step.to) return { ...before, ...(step.name === 'RETURN' ? patch(before) : {}) };
      if (!step.from.includes(before.state)) throw wrongState(before, step.name.toLowerCase(), step.from);
      return { ...before, ...patch(before), state: step.to };
    },
  });
  return record!;
}

export function submitProgressDraft(c: WorkflowCaller, pillar: PillarSubgraphName, id: string) {
  requirePillarWriter(c.principal, pillar);
  return transition(c, pillar, id, steps.submit);
}

export function approveProgressDraft(c: WorkflowCaller, pillar: PillarSubgraphName, id: string) {
  requireRole(c.principal, 'SECRETARIAT_ADMIN');
  return transition(c, pillar, id, steps.approve);
}

export function returnProgressDraft(c: WorkflowCaller, pillar: PillarSubgraphName, id: string, reason: string) {
  requireRole(c.principal, 'SECRETARIAT_ADMIN');
  if (reason.trim() === '' || reason.length > 2000) throw badUserInput('reason', 'a non-empty text of at most 2000 characters');
  return transition(c, pillar, id, steps.return, () => ({ returnReason: reason }));
}

/** The published form of a draft. */
const assessmentOf = (d: ProgressDraftRecord): ProgressAssessmentRecord => ({
  _id: d._id,
  actionNumber: d.actionNumber,
  countryCode: d.countryCode,
  year: d.year,
  status: d.status,
  narrative: d.narrative,
  evidenceDocumentIds: d.evidenceDocumentIds,
  assessorOrganisationId: d.assessorOrganisationId,
  provenance: d.provenance,
});

/**
 * Publishes an approved draft: first the draft's PUBLISH step, then the
 * assessment as a new revision of the published record. Re-running it on a
 * PUBLISHED draft redoes only the second write, idempotently (crash repair).
 */
export async function publishProgressDraft(c: WorkflowCaller, pillar: PillarSubgraphName, id: string): Promise<ProgressDraftRecord> {
  requireRole(c.principal, 'SECRETARIAT_ADMIN');
  const draft = await transition(c, pillar, id, steps.publish, (d) => ({ publishedCount: d.publishedCount + 1 }));
  await writeAudited({
    ...publishedAssessmentKind(c.models),
    revisions: c.models.revisions,
    principal: c.principal,
    action: 'PUBLISH',
    id,
    change: () => assessmentOf(draft),
  });
  return draft;
}

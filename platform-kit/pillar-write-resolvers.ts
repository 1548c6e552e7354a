// The GraphQL side of the writes every pillar shares (organisations,
// documents, the progress workflow) and of its audit trail (history, asOf).
// Field names carry the pillar (createEconomyOrganisation, economyHistory...)
// because Mutation and Query fields must be unique across the supergraph.
import { trusted } from 'mongoose';
import type { PillarSubgraphName } from './access/pillar-names.js';
import type { Principal } from './access/principal.js';
import { canReadUnpublished, forbidden, requireAuthenticated } from './access/authorize.js';
import { historyOf, recordAsOf } from './audit/history.js';
import { pageSize, paginate, type PageArgs } from './connections.js';
import { withUpdatedSince } from './audit/record-fields.js';
import { badUserInput } from './input-errors.js';
import {
  documentWrites,
  organisationWrites,
  type DocumentInput,
  type OrganisationDocumentModels,
  type OrganisationInput,
} from './organisation-document-writes.js';
import { auditFields, type DocumentRecord, type OrganisationRecord } from './organisations-documents.js';
import {
  approveProgressDraft,
  progressDraftStates,
  publishProgressDraft,
  returnProgressDraft,
  saveProgressDraft,
  submitProgressDraft,
  type ProgressDraftInput,
  type ProgressDraftRecord,
  type ProgressDraftState,
  type WorkflowModels,
} from './progress-workflow.js';
import type { ProgressAssessmentRecord } from './progress-store.js';

export interface WriteContext {
  principal: Principal;
  models: WorkflowModels & OrganisationDocumentModels;
}

/** A record kind whose history a pillar exposes: its revisions' collection, and whether it is unpublished data. */
export interface HistoryKind {
  collection: string;
  unpublished?: boolean;
  /** The member country a record id belongs to (country-limited editors read only theirs), when the id says. */
  countryOf?: (id: string) => string;
}

/** The kinds every pillar has (keys are the values of its <Pillar>RecordKind enum). */
export const sharedHistoryKinds: Record<string, HistoryKind> = {
  ORGANISATION: { collection: 'organisations' },
  DOCUMENT: { collection: 'documents' },
  PROGRESS_ASSESSMENT: { collection: 'progress_assessments' },
  PROGRESS_DRAFT: { collection: 'progress_assessment_drafts', unpublished: true, countryOf: (id) => id.split(':')[1] ?? '' },
};

/** Revisions are who-did-what records: callers must be authenticated; unpublished kinds need the pillar's editors or admins. */
export function requireHistoryReader(principal: Principal, pillar: PillarSubgraphName, kind: HistoryKind): void {
  requireAuthenticated(principal);
  if (kind.unpublished && !canReadUnpublished(principal, pillar)) {
    throw forbidden(`Forbidden: unpublished ${pillar} records are visible to its MINISTRY_EDITORs and SECRETARIAT_ADMINs only`);
  }
}

function requireUnpublishedReader(principal: Principal, pillar: PillarSubgraphName): void {
  requireHistoryReader(principal, pillar, { collection: '', unpublished: true });
}

const pascal = (pillar: PillarSubgraphName) => pillar.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase());
const camel = (pillar: PillarSubgraphName) => pascal(pillar).replace(/^\w/, (c) => c.toLowerCase());

/** The record as it was at `asOf` (or now), by its audited collection. */
export async function asOfOrCurrent<T extends { _id: string }>(
  ctx: WriteContext,
  collection: string,
  id: string,
  current: T | null,
  asOf: Date | null | undefined,
): Promise<T | null> {
  if (asOf == null) return current;
  return recordAsOf<T>(ctx.models.revisions, collection, id, asOf, current as never);
}

interface RecordListArgs extends PageArgs {
  updatedSince?: Date | null;
}

const notArchived = () => ({ archived: trusted({ $ne: true }) });

type Resolver<A, R> = (parent: unknown, args: A, ctx: WriteContext) => Promise<R>;

/**
 * Mutation and Query resolvers for one pillar. `historyKinds` adds the
 * pillar's own record kinds (e.g. PROJECT) to the shared ones.
 */
export function pillarWriteResolvers(pillar: PillarSubgraphName, historyKinds: Record<string, HistoryKind> = {}) {
  const P = pascal(pillar);
  const p = camel(pillar);
  const kinds = { ...sharedHistoryKinds, ...historyKinds };

  const Mutation: Record<string, Resolver<any, unknown>> = {
    [`create${P}Organisation`]: (_, a: { id?: string | null; input: OrganisationInput }, ctx) => organisationWrites.create(ctx, pillar, a.id, a.input),
    [`update${P}Organisation`]: (_, a: { id: string; input: OrganisationInput }, ctx) => organisationWrites.update(ctx, pillar, a.id, a.input),
    [`archive${P}Organisation`]: (_, a: { id: string }, ctx) => organisationWrites.archive(ctx, pillar, a.id),
    [`create${P}Document`]: (_, a: { id?: string | null; input: DocumentInput }, ctx) => documentWrites.create(ctx, pillar, a.id, a.input),
    [`update${P}Document`]: (_, a: { id: string; input: DocumentInput }, ctx) => documentWrites.update(ctx, pillar, a.id, a.input),
    [`archive${P}Document`]: (_, a: { id: string }, ctx) => documentWrites.archive(ctx, pillar, a.id),
    [`save${P}ProgressDraft`]: (_, a: { input: ProgressDraftInput }, ctx) => saveProgressDraft(ctx, pillar, a.input),
    [`submit${P}ProgressDraft`]: (_, a: { id: string }, ctx) => submitProgressDraft(ctx, pillar, a.id),
    [`approve${P}ProgressDraft`]: (_, a: { id: string }, ctx) => approveProgressDraft(ctx, pillar, a.id),
    [`return${P}ProgressDraft`]: (_, a: { id: string; reason: string }, ctx) => returnProgressDraft(ctx, pillar, a.id, a.reason),
    [`publish${P}ProgressDraft`]: (_, a: { id: string }, ctx) => publishProgressDraft(ctx, pillar, a.id),
  };

  const Query: Record<string, Resolver<any, unknown>> = {
    [`${p}Organisations`]: (_, a: RecordListArgs, ctx) => paginate(ctx.models.organisations, withUpdatedSince(notArchived(), a.updatedSince), a),
    [`${p}Documents`]: (_, a: RecordListArgs, ctx) => paginate(ctx.models.documents, withUpdatedSince(notArchived(), a.updatedSince), a),
    [`${p}Organisation`]: async (_, a: { id: string; asOf?: Date | null }, ctx) =>
      asOfOrCurrent(ctx, 'organisations', a.id, (await ctx.models.organisations.findOne({ _id: a.id }).lean()) as OrganisationRecord | null, a.asOf),
    [`${p}Document`]: async (_, a: { id: string; asOf?: Date | null }, ctx) =>
      asOfOrCurrent(ctx, 'documents', a.id, (await ctx.models.documents.findOne({ _id: a.id }).lean()) as DocumentRecord | null, a.asOf),
    [`${p}ProgressAssessment`]: async (_, a: { id: string; asOf?: Date | null }, ctx) =>
      asOfOrCurrent(ctx, 'progress_assessments', a.id, (await ctx.models.progress.findOne({ _id: a.id }).lean()) as ProgressAssessmentRecord | null, a.asOf),
    [`${p}ProgressDraft`]: async (_, a: { id: string; asOf?: Date | null }, ctx) => {
      requireUnpublishedReader(ctx.principal, pillar);
      const draft = (await ctx.models.progressDrafts.findOne({ _id: a.id }).lean()) as ProgressDraftRecord | null;
      const limit = ctx.principal.role === 'MINISTRY_EDITOR' ? ctx.principal.countryCode : undefined;
      const found = await asOfOrCurrent(ctx, 'progress_assessment_drafts', a.id, draft, a.asOf);
      return found && limit && found.countryCode !== limit ? null : found;
    },
    [`${p}ProgressDrafts`]: async (_, a: { state?: ProgressDraftState | null; countryCode?: string | null; updatedSince?: Date | null; first?: number | null }, ctx) => {
      requireUnpublishedReader(ctx.principal, pillar);
      if (a.state != null && !progressDraftStates.includes(a.state)) throw badUserInput('state', progressDraftStates.join(', '));
      const filter: Record<string, unknown> = {};
      if (a.state != null) filter.state = a.state;
      if (a.countryCode != null) filter.countryCode = a.countryCode;
      // A country-limited editor sees its own country's drafts only.
      const limit = ctx.principal.role === 'MINISTRY_EDITOR' ? ctx.principal.countryCode : undefined;
      if (limit) filter.countryCode = a.countryCode == null || a.countryCode === limit ? limit : trusted({ $in: [] });
      return ctx.models.progressDrafts.find(withUpdatedSince(filter, a.updatedSince)).sort({ _id: 1 }).limit(pageSize(a.first)).lean();
    },
    [`${p}History`]: async (_, a: { kind: string; id: string }, ctx) => {
      const kind = kinds[a.kind];
      if (!kind) throw badUserInput('kind', Object.keys(kinds).join(', '));
      requireHistoryReader(ctx.principal, pillar, kind);
      const limit = ctx.principal.role === 'MINISTRY_EDITOR' ? ctx.principal.countryCode : undefined;
      if (kind.unpublished && limit && kind.countryOf && kind.countryOf(a.id) !== limit) {
        throw forbidden(`Forbidden: editor '${ctx.principal.id}' may only read unpublished records of country ${limit}`);
      }
      return historyOf(ctx.models.revisions, kind.collection, a.id);
    },
  };

  return { Mutation, Query };
}

/** GraphQL revision, archived, updatedAt and history (authenticated callers) of an audited record kind stored in `collection`. */
export const auditedRecordFields = (collection: string) => ({
  ...auditFields,
  history: (r: { _id: string }, _: unknown, ctx: WriteContext) => {
    requireAuthenticated(ctx.principal);
    return historyOf(ctx.models.revisions, collection, r._id);
  },
});

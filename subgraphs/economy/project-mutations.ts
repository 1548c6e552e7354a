// Project mutations: audited writes (platform-kit/audit) whose persistence is
// the project write module, so cells, action counts and leaderboards follow
// every create, update, archive and flow change.
import { withThinkTankFeeds } from '../../platform-kit/export/think-tank-kind.js';
import { projectSearchDocument } from './search-documents.js';
import type { Principal } from '../../platform-kit/access/principal.js';
import { forbidden, requirePillarWriter } from '../../platform-kit/access/authorize.js';
import { writeAudited, type AuditedKind } from '../../platform-kit/audit/write-audited.js';
import { badUserInput } from '../../platform-kit/input-errors.js';
import { recordId } from '../../platform-kit/write-inputs.js';
import type { FinancialFlowInput, ProjectInput } from './generated/resolvers-types.js';
import type { Models } from './models.js';
import { flowFrom, inValueDateOrder, projectFrom } from './project-inputs.js';
import { toProjectRecord, type FinancialFlowRecord, type ProjectRecord } from './project-model.js';
import { upsertProjects } from './project-writes.js';

export interface EconomyWriteCaller {
  models: Models;
  principal: Principal;
}

// Every write also re-indexes the project for search (search-documents.ts) and notes it for mirrors (sync-feed).
export const projectKind = (models: Models): AuditedKind<ProjectRecord> => withThinkTankFeeds(projectKindUnindexed(models), projectSearchDocument);

const projectKindUnindexed = (models: Models): AuditedKind<ProjectRecord> => ({
  collection: 'projects',
  model: models.projects,
  carriesRevision: true,
  // Archive is a stored version with archived: true; the write module takes it out of the rollups.
  persist: async (changes) => {
    await upsertProjects(models, changes.map((c) => c.after).filter((p): p is ProjectRecord => p !== null));
  },
});

/** Economy writers; a country-limited editor only for projects its country participates in (before and after). */
export function requireProjectWriter(principal: Principal, ...versions: Array<ProjectRecord | null>): void {
  requirePillarWriter(principal, 'economy');
  const own = principal.role === 'MINISTRY_EDITOR' ? principal.countryCode : undefined;
  if (!own) return;
  for (const p of versions) {
    if (p && !p.countryCodes.includes(own)) {
      throw forbidden(`Forbidden: editor '${principal.id}' may only write projects in which ${own} participates; ${p._id} involves ${p.countryCodes.join(', ')}`);
    }
  }
}

const missing = (field: string, id: string) => badUserInput(field, `the id of an existing project (${id} not found)`);
const notArchived = (field: string, p: ProjectRecord) => {
  if (p.archived) throw badUserInput(field, `a project that is not archived (${p._id} is)`);
};

async function writeProject(
  c: EconomyWriteCaller,
  id: string,
  action: string,
  change: (before: ProjectRecord | null) => ProjectRecord | Promise<ProjectRecord>,
  createAt?: string,
): Promise<ProjectRecord> {
  const { record } = await writeAudited({
    ...projectKind(c.models),
    revisions: c.models.revisions,
    principal: c.principal,
    action,
    id,
    createAt,
    change: async (before) => {
      requireProjectWriter(c.principal, before);
      // Derived fields (countryCodes, startYear, totals) always follow the written ones.
      const next = toProjectRecord(await change(before));
      requireProjectWriter(c.principal, next);
      return next;
    },
  });
  return record!;
}

/** Access before validation: a limited editor's country must be among the input's countries. */
function requireInputWriter(principal: Principal, input: ProjectInput): void {
  requirePillarWriter(principal, 'economy');
  const own = principal.role === 'MINISTRY_EDITOR' ? principal.countryCode : undefined;
  if (own && !input.participatingCountries.some((s) => s.countryCode === own)) {
    throw forbidden(`Forbidden: editor '${principal.id}' may only write projects in which ${own} participates`);
  }
}

export function createProject(c: EconomyWriteCaller, id: string | null | undefined, input: ProjectInput) {
  requireInputWriter(c.principal, input);
  const newId = recordId(id, 'id', 'proj');
  return writeProject(c, newId, 'CREATE', () => projectFrom(c.models.organisations, newId, input), 'id');
}

export function updateProject(c: EconomyWriteCaller, id: string, input: ProjectInput) {
  requireInputWriter(c.principal, input);
  return writeProject(c, id, 'UPDATE', async (before) => {
    if (!before) throw missing('id', id);
    notArchived('id', before);
    return projectFrom(c.models.organisations, id, input, before.flows);
  });
}

export function archiveProject(c: EconomyWriteCaller, id: string) {
  requirePillarWriter(c.principal, 'economy');
  return writeProject(c, id, 'ARCHIVE', (before) => {
    if (!before) throw missing('id', id);
    return { ...before, archived: true };
  });
}

/** A flow change: the project with new flows (totals re-derived by the write module). */
function changeFlows(c: EconomyWriteCaller, projectId: string, edit: (flows: FinancialFlowRecord[]) => FinancialFlowRecord[]) {
  requirePillarWriter(c.principal, 'economy');
  return writeProject(c, projectId, 'UPDATE', (before) => {
    if (!before) throw missing('projectId', projectId);
    notArchived('projectId', before);
    return { ...before, flows: inValueDateOrder(edit(before.flows)) };
  });
}

const sameFlow = (a: FinancialFlowRecord, b: FinancialFlowRecord) =>
  a.type === b.type && a.valueDate.getTime() === new Date(b.valueDate).getTime() && a.currency === b.currency && a.amount === b.amount && a.usdAmount === b.usdAmount;

export function createFinancialFlow(c: EconomyWriteCaller, projectId: string, input: FinancialFlowInput) {
  const flow = flowFrom(input, 'input');
  // Adding a flow the project already has is a repeat of the same request, not a second flow.
  return changeFlows(c, projectId, (flows) => (flows.some((f) => sameFlow(f, flow)) ? flows : [...flows, flow]));
}

const checkIndex = (flows: FinancialFlowRecord[], index: number) => {
  if (!Number.isInteger(index) || index < 0 || index >= flows.length) {
    throw badUserInput('index', `an index of the project's flows (0..${flows.length - 1})`);
  }
};

export function updateFinancialFlow(c: EconomyWriteCaller, projectId: string, index: number, input: FinancialFlowInput) {
  const flow = flowFrom(input, 'input');
  return changeFlows(c, projectId, (flows) => {
    checkIndex(flows, index);
    return flows.map((f, i) => (i === index ? flow : f));
  });
}

export function deleteFinancialFlow(c: EconomyWriteCaller, projectId: string, index: number) {
  return changeFlows(c, projectId, (flows) => {
    checkIndex(flows, index);
    return flows.filter((_, i) => i !== index);
  });
}

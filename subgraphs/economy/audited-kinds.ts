// The economy records that can be bulk-imported (platform-kit/import), each
// through the same audited kind and checks as its mutations (organisations
// and documents are added for every pillar: organisation-document-kinds.ts):
//  - project:           a row is ProjectInput plus `id` (flows kept when the row has none);
//  - financial-flow:    a row is FinancialFlowInput plus `projectId`; natural key
//                       project + type + valueDate + currency (a new amount replaces the flow);
//  - water-observation: a row is WaterObservationInput; key station|property|time.
// An imported row keeps a record's archived state (re-importing a file does
// not bring archived records back), as in the other pillars (importKindOf).
import { requirePillarWriter } from '../../platform-kit/access/authorize.js';
import { badUserInput } from '../../platform-kit/input-errors.js';
import type { ImportKind, PillarImports } from '../../platform-kit/import/import-kind.js';
import { recordId } from '../../platform-kit/write-inputs.js';
import type { FinancialFlowInput, ProjectInput, WaterObservationInput } from './generated/resolvers-types.js';
import { registerModels, type Models } from './models.js';
import { flowFrom, inValueDateOrder, projectFrom } from './project-inputs.js';
import { toProjectRecord, type FinancialFlowRecord, type ProjectRecord } from './project-model.js';
import { projectKind, requireProjectWriter } from './project-mutations.js';
import type { WaterObservationRecord, WaterStationRecord } from './water-models.js';
import { observationFrom, stationsById, waterObservationKind } from './water-mutations.js';
import { repairEconomyWrites } from './seed.js';

const existingProject = (field: string, id: string, before: ProjectRecord | null): ProjectRecord => {
  if (!before) throw badUserInput(field, `the id of an existing project (${id} not found)`);
  return before;
};

const projects: ImportKind<Models, ProjectRecord> = {
  name: 'project',
  description: 'Projects (id, title.en, title.zh, status, sectorCode, participatingCountries[i].countryCode/percentage, flows[i].*, provenance.*, ...)',
  inputType: 'ProjectInput',
  idField: 'id',
  audited: projectKind,
  keyOf: (row) => String(row.id),
  open: ({ models, principal }) => async (row) => {
    const input = row as unknown as ProjectInput & { id: string };
    const id = recordId(input.id, 'id', 'proj');
    const draft = await projectFrom(models.organisations, id, input);
    requireProjectWriter(principal, draft);
    return {
      recordId: id,
      apply: (before) => {
        // A row without flows keeps the project's flows (as updateProject does).
        const converted = input.flows == null && before ? toProjectRecord({ ...draft, flows: before.flows }) : draft;
        const next = before?.archived ? { ...converted, archived: true } : converted;
        requireProjectWriter(principal, before, next);
        return next;
      },
    };
  },
};

const flowKey = (projectId: string, f: Pick<FinancialFlowRecord, 'type' | 'valueDate' | 'currency'>) =>
  `${projectId}|${f.type}|${new Date(f.valueDate).toISOString()}|${f.currency}`;

const financialFlows: ImportKind<Models, ProjectRecord> = {
  name: 'financial-flow',
  description: "Financial flows of existing projects (projectId, type, valueDate, currency, amount, usdAmount); one per project, type, date and currency",
  inputType: 'FinancialFlowInput',
  idField: 'projectId',
  audited: projectKind,
  keyOf: (row) => flowKey(String(row.projectId), row as unknown as FinancialFlowRecord),
  open: ({ principal }) => (row) => {
    const projectId = String(row.projectId);
    const flow = flowFrom(row as unknown as FinancialFlowInput, 'input');
    const key = flowKey(projectId, flow);
    return {
      recordId: projectId,
      apply: (before) => {
        const project = existingProject('projectId', projectId, before);
        requireProjectWriter(principal, project);
        const others = project.flows.filter((f) => flowKey(projectId, f) !== key);
        const replaced = others.length < project.flows.length;
        const flows = replaced ? project.flows.map((f) => (flowKey(projectId, f) === key ? flow : f)) : [...project.flows, flow];
        return toProjectRecord({ ...project, flows: inValueDateOrder(flows) });
      },
    };
  },
};

const waterObservations: ImportKind<Models, WaterObservationRecord> = {
  name: 'water-observation',
  description: 'Water observations (stationId, property, time, value, quality, provenance.*); one per station, property and time',
  inputType: 'WaterObservationInput',
  audited: waterObservationKind,
  keyOf: (row) => `${row.stationId}|${row.property}|${new Date(row.time as Date).toISOString()}`,
  open: ({ models, principal }) => {
    const stations = new Map<string, WaterStationRecord | undefined>();
    return async (row) => {
      const input = row as unknown as WaterObservationInput;
      if (!stations.has(input.stationId)) stations.set(input.stationId, (await stationsById(models, [input.stationId])).get(input.stationId));
      const station = stations.get(input.stationId);
      const record = observationFrom(station, input, 'input');
      // A country-limited editor writes only its own country's stations.
      requirePillarWriter(principal, 'economy', [station!.countryCode]);
      return { recordId: record._id, apply: () => record };
    };
  },
};

export const economyImports: PillarImports<Models> = {
  pillar: 'economy',
  registerModels,
  repair: repairEconomyWrites,
  kinds: [projects, financialFlows, waterObservations],
};

// economy's export views (platform-kit/export/export-views.ts): one row per
// financial flow, with its project's id, title, sector and provenance.
import type { ExportView } from '../../platform-kit/export/export-views.js';

export const financialFlowsView: ExportView = {
  name: 'financial_flows',
  collection: 'projects',
  rowsOf: (project) =>
    ((project.flows as Array<Record<string, unknown>> | undefined) ?? []).map((flow, index) => ({
      _id: `${project._id}#${index}`,
      projectId: project._id,
      projectTitle: project.title,
      sectorCode: project.sectorCode,
      flowIndex: index,
      ...flow,
      provenance: project.provenance,
      archived: project.archived ?? false,
    })),
};

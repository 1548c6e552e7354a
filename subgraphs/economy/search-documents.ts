// What economy puts in the search index (platform-kit/search): its projects
// (indexed on every write: project-mutations.ts wraps projectKind with
// withSearchIndex), its organisations and documents (indexed on every write by
// their shared kinds) and the plan actions of section 4.2; rebuilt at seed.
import { trusted } from 'mongoose';
import { organisationDocumentSearchDocuments, planActionSearchDocument, rebuildSearchIndex, type SearchDocument } from '../../platform-kit/search/index.js';
import type { Models } from './models.js';
import type { ProjectRecord } from './project-model.js';

export const projectSearchDocument = (p: ProjectRecord): SearchDocument => ({
  type: 'PROJECT',
  id: p._id,
  pillar: 'ECONOMY',
  title: p.title,
  body: [p.description.en, p.description.zh],
  countryCodes: [...p.countryCodes].sort(),
});

/** Rebuilds this pillar's index from its stored records (seed). */
export async function rebuildEconomySearch(models: Models): Promise<void> {
  const [actions, projects, shared] = await Promise.all([
    models.actions.find().lean(),
    models.projects.find({ archived: trusted({ $ne: true }) }).lean() as Promise<ProjectRecord[]>,
    organisationDocumentSearchDocuments(models, 'ECONOMY'),
  ]);
  await rebuildSearchIndex(models.projects.db, [...actions.map(planActionSearchDocument), ...projects.map(projectSearchDocument), ...shared]);
}

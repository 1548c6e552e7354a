// economy's part of the cross-pillar search (SearchResults is owned by
// political-security) and the citation of projects.
import { citationOf, PILLAR_TITLES } from '../../platform-kit/citation.js';
import { pillarSearch } from '../../platform-kit/search/index.js';
import type { SearchResultsResolvers } from './generated/resolvers-types.js';
import type { ProjectRecord } from './project-model.js';

export const searchResultsResolvers: SearchResultsResolvers = {
  __resolveReference: (ref) => ({ key: ref.key! }),
  economy: (r, _, ctx) => pillarSearch(ctx.models.projects.db, r.key, 'ECONOMY'),
};

export const projectCitation = (p: ProjectRecord) =>
  citationOf({ title: p.title, id: p._id, kind: 'project', pillar: PILLAR_TITLES.economy, provenance: p.provenance });

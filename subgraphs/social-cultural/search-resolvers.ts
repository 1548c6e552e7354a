// social-cultural's part of the cross-pillar search (SearchResults is owned
// by political-security) and the citation of programmes and events.
import { citationOf, PILLAR_TITLES } from '../../platform-kit/citation.js';
import { pillarSearch } from '../../platform-kit/search/index.js';
import type { EventRecord, ExchangeProgrammeRecord } from './activity-records.js';
import type { SearchResultsResolvers } from './generated/resolvers-types.js';

export const searchResultsResolvers: SearchResultsResolvers = {
  __resolveReference: (ref) => ({ key: ref.key! }),
  socialCultural: (r, _, ctx) => pillarSearch(ctx.models.programmes.db, r.key, 'SOCIAL_CULTURAL'),
};

const pillar = PILLAR_TITLES['social-cultural'];
export const programmeCitation = (p: ExchangeProgrammeRecord) =>
  citationOf({ title: p.title, id: p._id, kind: 'exchange programme', pillar, provenance: p.provenance });
export const eventCitation = (e: EventRecord) => citationOf({ title: e.title, id: e._id, kind: 'event', pillar, provenance: e.provenance });

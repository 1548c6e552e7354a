// The cross-pillar search (owned here: Query.search, SearchResults.query and
// the merged SearchResults.hits) and political-security's part of it; economy
// and social-cultural add theirs to the same SearchResults entity, resolved
// from its key, and the gateway brings their lists back here for hits (@requires).
import { badUserInput } from '../../platform-kit/input-errors.js';
import { MAX_SEARCH_RESULTS, mergeRankedHits, mergedFirst, pillarSearch, searchArgsOf, searchFirstOf, searchResultsKey } from '../../platform-kit/search/index.js';
import type { QueryResolvers, SearchResultsResolvers } from './generated/resolvers-types.js';

export const searchQuery: Pick<QueryResolvers, 'search'> = {
  search: (_, args) => {
    if (!args.query.trim()) throw badUserInput('query', 'a non-empty query');
    if (args.first != null && (args.first < 0 || args.first > MAX_SEARCH_RESULTS)) throw badUserInput('first', `0..${MAX_SEARCH_RESULTS}`);
    return { key: searchResultsKey(args) };
  },
};

const ownList = (key: string, db: Parameters<typeof pillarSearch>[0]) => pillarSearch(db, key, 'POLITICAL_SECURITY');

export const searchResultsResolvers: SearchResultsResolvers = {
  // The representation as it is: it carries the other pillars' lists when the gateway resolves hits.
  __resolveReference: (ref) => ref,
  query: (r) => searchArgsOf(r.key).query,
  politicalSecurity: (r, _, ctx) => ownList(r.key, ctx.models.meetings.db),
  hits: async (r, args, ctx) => {
    const first = mergedFirst(args.first, searchFirstOf(r.key));
    // The gateway always sends both lists (when one cannot be fetched it does not call here: hits is null, the error names the subgraph).
    return mergeRankedHits([await ownList(r.key, ctx.models.meetings.db), r.economy ?? [], r.socialCultural ?? []], first);
  },
};

// The cross-pillar search (owned here: Query.search and SearchResults.query)
// and political-security's part of it; economy and social-cultural add theirs
// to the same SearchResults entity, resolved from its key.
import { badUserInput } from '../../platform-kit/input-errors.js';
import { MAX_SEARCH_RESULTS, pillarSearch, searchArgsOf, searchResultsKey } from '../../platform-kit/search/index.js';
import type { QueryResolvers, SearchResultsResolvers } from './generated/resolvers-types.js';

export const searchQuery: Pick<QueryResolvers, 'search'> = {
  search: (_, args) => {
    if (!args.query.trim()) throw badUserInput('query', 'a non-empty query');
    if (args.first != null && (args.first < 0 || args.first > MAX_SEARCH_RESULTS)) throw badUserInput('first', `0..${MAX_SEARCH_RESULTS}`);
    return { key: searchResultsKey(args) };
  },
};

export const searchResultsResolvers: SearchResultsResolvers = {
  __resolveReference: (ref) => ({ key: ref.key! }),
  query: (r) => searchArgsOf(r.key).query,
  politicalSecurity: (r, _, ctx) => pillarSearch(ctx.models.meetings.db, r.key, 'POLITICAL_SECURITY'),
};


// Search for the think-tank network (see search-index.ts for the store layout).
// A pillar indexes its records by wrapping each audited kind (withSearchIndex:
// every write re-indexes what it wrote), rebuilds the whole index at seed
// (rebuildSearchIndex) and answers its part of the cross-pillar search
// (searchIndex, searchResultsKey); the owner of the search merges the parts
// into one ranked list (mergeRankedHits). Organisations and documents, which
// every pillar stores, are indexed the same way (organisation-document-search.ts).
import type { AuditedKind } from '../audit/write-audited.js';
import { plan, type SubgraphName } from '../../plan-data/index.js';
import type { PlanActionRecord } from '../plan-actions-store.js';
import { DEFAULT_SEARCH_RESULTS, indexSearchDocuments, searchIndex, searchRef, type SearchDocument, type SearchFilter, type SearchHitRecord } from './search-index.js';

export * from './search-index.js';
export { indexTokens, queryTokens } from './tokenize.js';
export { mergeRankedHits, mergedFirst } from './merged-hits.js';
export { documentSearchDocument, organisationDocumentSearchDocuments, organisationSearchDocument } from './organisation-document-search.js';

export const pillarCodeOf = (subgraph: SubgraphName) =>
  ({ 'political-security': 'POLITICAL_SECURITY', economy: 'ECONOMY', 'social-cultural': 'SOCIAL_CULTURAL' })[subgraph];

/** The kind, with every persisted change re-indexed after it is stored (archived records leave the index). */
export function withSearchIndex<T extends { _id: string; archived?: boolean }>(kind: AuditedKind<T>, toDocument: (record: T) => SearchDocument): AuditedKind<T> {
  return {
    ...kind,
    persist: async (changes) => {
      if (kind.persist) await kind.persist(changes);
      else throw new Error(`withSearchIndex: kind ${kind.collection} has no persist`);
      await indexSearchDocuments(
        kind.model.db,
        changes.map((c) => {
          const record = (c.after ?? c.before)!;
          const doc = toDocument(record);
          return { ref: searchRef(doc.type, doc.id), doc: c.after && !c.after.archived ? toDocument(c.after) : null };
        }),
      );
    },
  };
}

const sectionTitles = new Map(plan.sections.map((s) => [s.code, s.title]));

/** A plan action: its text, under the titles of its section and the section's parents (so "water resources" finds 4.2.5). */
export function planActionSearchDocument(action: PlanActionRecord): SearchDocument {
  const sections: string[] = [];
  for (let code = action.section; code; code = plan.sections.find((s) => s.code === code)?.parent ?? null) {
    const title = sectionTitles.get(code);
    if (title) sections.push(title.en, title.zh);
  }
  return {
    type: 'PLAN_ACTION',
    id: String(action._id),
    pillar: action.chapter === 'IV' ? pillarCodeOf(action.subgraph) : null,
    title: { en: `Action ${action._id}: ${action.text.en}`, zh: `行动${action._id}：${action.text.zh}` },
    body: sections,
    countryCodes: [],
  };
}

/** The cross-pillar search's arguments, as the key of its SearchResults entity (every subgraph answers its part from it). */
export interface SearchArgs extends SearchFilter {
  query: string;
}

export const searchResultsKey = (args: SearchArgs) =>
  JSON.stringify({ query: args.query, pillar: args.pillar ?? null, country: args.country ?? null, type: args.type ?? null, first: args.first ?? null });

export const searchArgsOf = (key: string): SearchArgs => JSON.parse(key) as SearchArgs;

/** How many hits each pillar's list holds for this search. */
export const searchFirstOf = (key: string) => searchArgsOf(key).first ?? DEFAULT_SEARCH_RESULTS;

/**
 * A SearchResults entity as resolvers pass it: its key (the search's
 * arguments) and, in the subgraph that merges the lists, the other pillars'
 * lists the gateway sends along (@requires).
 */
export interface SearchResultsValue {
  key: string;
  economy?: SearchHitRecord[] | null;
  socialCultural?: SearchHitRecord[] | null;
}

/** One pillar's part of a search: none when the search is limited to another pillar. */
export function pillarSearch(connection: Parameters<typeof searchIndex>[0], key: string, pillar: string) {
  const args = searchArgsOf(key);
  if (args.pillar && args.pillar !== pillar) return Promise.resolve([]);
  return searchIndex(connection, args.query, args);
}

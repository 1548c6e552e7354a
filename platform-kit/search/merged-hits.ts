// One ranked list from the pillars' lists of one search (SearchResults.hits).
// Each pillar's list is its best `first` hits in rankOrder, and every pillar
// scores with the same function (search-index.ts), so the best `first` of their
// union are exactly the best `first` of the whole search.
import { badUserInput } from '../input-errors.js';
import { byString, rankOrder, searchRef, type SearchHitRecord } from './search-index.js';

const pillarOf = (h: SearchHitRecord) => h.pillar ?? '';

/** All lists' hits, best first; equal scores by ref, then pillar (the same id may be stored by two pillars). */
export function mergeRankedHits(lists: Array<readonly SearchHitRecord[]>, first: number): SearchHitRecord[] {
  const all = lists.flat();
  const ref = (h: SearchHitRecord) => searchRef(h.type, h.id);
  all.sort((a, b) => rankOrder(a.score, ref(a), b.score, ref(b)) || byString(pillarOf(a), pillarOf(b)));
  return all.slice(0, first);
}

/**
 * The size of the merged list: `first` of hits, by default the search's own
 * `first`; never more, since each pillar's list holds only that many (a longer
 * merged list could miss hits ranked above its tail).
 */
export function mergedFirst(hitsFirst: number | null | undefined, searchFirst: number): number {
  if (hitsFirst == null) return searchFirst;
  if (hitsFirst < 0 || hitsFirst > searchFirst) throw badUserInput('first', `0..${searchFirst} (at most the search's first)`);
  return hitsFirst;
}

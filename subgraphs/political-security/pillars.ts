// How plan sections map to the Pillar enum shared by all subgraph schemas.
import type { SubgraphName } from '../../plan-data/index.js';

export type PillarCode = 'POLITICAL_SECURITY' | 'ECONOMY' | 'SOCIAL_CULTURAL';

export const pillarOfSubgraph: Record<SubgraphName, PillarCode> = {
  'political-security': 'POLITICAL_SECURITY',
  economy: 'ECONOMY',
  'social-cultural': 'SOCIAL_CULTURAL',
};

/** Pillars are the three parts of chapter IV; the framework chapters have none. */
export const pillarOf = (record: { chapter: string; subgraph: SubgraphName }): PillarCode | null =>
  record.chapter === 'IV' ? pillarOfSubgraph[record.subgraph] : null;

// The pillar subgraph names, as the registry spells them (kept here so access
// rules can name a pillar without importing subgraph code).
export const pillarSubgraphNames = ['political-security', 'economy', 'social-cultural'] as const;
export type PillarSubgraphName = (typeof pillarSubgraphNames)[number];

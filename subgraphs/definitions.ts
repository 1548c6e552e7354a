// All three subgraph definitions, for tools that work on every pillar (seed, tests).
import { definition as economy } from './economy/definition.js';
import { definition as politicalSecurity } from './political-security/definition.js';
import { definition as socialCultural } from './social-cultural/definition.js';

export const subgraphDefinitions = { 'political-security': politicalSecurity, economy, 'social-cultural': socialCultural } as const;

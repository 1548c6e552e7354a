// The importable kinds of each pillar (subgraphs/<pillar>/audited-kinds.ts,
// plus the organisations and documents every pillar stores), for the CLI.
import type { PillarSubgraphName } from '../platform-kit/access/pillar-names.js';
import type { PillarImports } from '../platform-kit/import/import-kind.js';
import { withSharedKinds } from '../platform-kit/import/organisation-document-kinds.js';
import { economyImports } from '../subgraphs/economy/audited-kinds.js';
import { politicalSecurityImports } from '../subgraphs/political-security/audited-kinds.js';
import { socialCulturalImports } from '../subgraphs/social-cultural/audited-kinds.js';

export const pillarImports: Record<PillarSubgraphName, PillarImports<any>> = {
  'political-security': withSharedKinds(politicalSecurityImports),
  economy: withSharedKinds(economyImports),
  'social-cultural': withSharedKinds(socialCulturalImports),
};

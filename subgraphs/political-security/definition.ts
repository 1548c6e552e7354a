// political-security subgraph: the plan outline, the six members, section 4.1
// and the framework chapters I–III and V.
import type { SubgraphDefinition } from '../../platform-kit/subgraph-server.js';
import { subgraphInfo } from '../registry.js';
import { createContext, type SubgraphContext } from './context.js';
import { registerModels } from './models.js';
import { resolvers } from './resolvers.js';
import { seedPoliticalSecurity } from './seed.js';
import { seedSyntheticPoliticalSecurity } from './synthetic.js';
import { rebuildPoliticalSecuritySearch } from './search-documents.js';

export const definition: SubgraphDefinition<SubgraphContext> = {
  info: subgraphInfo('political-security'),
  resolvers,
  exportCollections: ['plan_chapters', 'plan_sections', 'countries', 'meetings', 'cooperation_activities', 'mechanism_bodies'],
  open(connection) {
    const models = registerModels(connection);
    return {
      seed: () => seedPoliticalSecurity(models),
      seedSynthetic: async (options) => {
        await seedSyntheticPoliticalSecurity(models, options);
        await rebuildPoliticalSecuritySearch(models);
      },
      createContext: (principal) => createContext(models, principal),
    };
  },
};

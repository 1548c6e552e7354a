// social-cultural subgraph: live data of section 4.3, Social and Cultural Cooperation.
import type { SubgraphDefinition } from '../../platform-kit/subgraph-server.js';
import { subgraphInfo } from '../registry.js';
import { createContext, type SubgraphContext } from './context.js';
import { registerModels } from './models.js';
import { resolvers } from './resolvers.js';
import { seedSocialCulturalPillar } from './seed.js';
import { seedSyntheticSocialCultural } from './synthetic.js';
import { rebuildSocialCulturalSearch } from './search-documents.js';

export const definition: SubgraphDefinition<SubgraphContext> = {
  info: subgraphInfo('social-cultural'),
  resolvers,
  exportCollections: ['exchange_programmes', 'events', 'health_cases', 'tourism_arrivals'],
  open(connection) {
    const models = registerModels(connection);
    return {
      seed: () => seedSocialCulturalPillar(models, (msg) => console.log(`[social-cultural] ${msg}`)),
      seedSynthetic: async (options) => {
        await seedSyntheticSocialCultural(models, options);
        await rebuildSocialCulturalSearch(models);
      },
      createContext: (principal) => createContext(models, principal),
    };
  },
};

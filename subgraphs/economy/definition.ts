// economy subgraph: live data of section 4.2, Economy and Sustainable Development.
import type { SubgraphDefinition } from '../../platform-kit/subgraph-server.js';
import { subgraphInfo } from '../registry.js';
import { createContext, type SubgraphContext } from './context.js';
import { registerModels } from './models.js';
import { resolvers } from './resolvers.js';
import { seedEconomicPillar } from './seed.js';
import { seedEconomySynthetic } from './synthetic.js';
import { rebuildEconomySearch } from './search-documents.js';
import { financialFlowsView } from './export-views.js';

export const definition: SubgraphDefinition<SubgraphContext> = {
  info: subgraphInfo('economy'),
  resolvers,
  exportCollections: ['projects', 'water_stations', 'water_observations', 'economic_indicator_observations'],
  exportViews: [financialFlowsView],
  open(connection) {
    const models = registerModels(connection);
    return {
      seed: () => seedEconomicPillar(models),
      seedSynthetic: async (options) => {
        await seedEconomySynthetic(models, options);
        await rebuildEconomySearch(models);
      },
      createContext: (principal) => createContext(models, principal),
    };
  },
};

// economy subgraph: live data of section 4.2, Economy and Sustainable Development.
import { runSubgraphMain } from '../../platform-kit/subgraph-server.js';
import { subgraphInfo } from '../registry.js';
import { createContext } from './context.js';
import { registerModels } from './models.js';
import { resolvers } from './resolvers.js';
import { seedEconomicPillar } from './seed.js';

runSubgraphMain({
  info: subgraphInfo('economy'),
  resolvers,
  open(connection) {
    const models = registerModels(connection);
    return { seed: () => seedEconomicPillar(models), createContext: () => createContext(models) };
  },
});

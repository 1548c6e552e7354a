// social-cultural subgraph: live data of section 4.3, Social and Cultural Cooperation.
import { runSubgraphMain } from '../../platform-kit/subgraph-server.js';
import { subgraphInfo } from '../registry.js';
import { createContext } from './context.js';
import { registerModels } from './models.js';
import { resolvers } from './resolvers.js';
import { seedSocialCulturalPillar } from './seed.js';

runSubgraphMain({
  info: subgraphInfo('social-cultural'),
  resolvers,
  open(connection) {
    const models = registerModels(connection);
    return { seed: () => seedSocialCulturalPillar(models), createContext: () => createContext(models) };
  },
});

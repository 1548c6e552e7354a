// political-security subgraph: the plan outline, the six members, section 4.1
// and the framework chapters I–III and V.
import { runSubgraphMain } from '../../platform-kit/subgraph-server.js';
import { subgraphInfo } from '../registry.js';
import { createContext } from './context.js';
import { registerModels } from './models.js';
import { resolvers } from './resolvers.js';
import { seedPoliticalSecurity } from './seed.js';

runSubgraphMain({
  info: subgraphInfo('political-security'),
  resolvers,
  open(connection) {
    const models = registerModels(connection);
    return { seed: () => seedPoliticalSecurity(models), createContext: () => createContext(models) };
  },
});

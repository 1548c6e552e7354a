// economy subgraph: live data of section 4.2, Economy and Sustainable Development.
import { runSubgraphMain } from '../../platform-kit/subgraph-server.js';
import { definition } from './definition.js';

runSubgraphMain(definition);

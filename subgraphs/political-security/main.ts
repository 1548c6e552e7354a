// political-security subgraph: the plan outline, the six members, section 4.1
import { runSubgraphMain } from '../../platform-kit/subgraph-server.js';
import { definition } from './definition.js';

runSubgraphMain(definition);

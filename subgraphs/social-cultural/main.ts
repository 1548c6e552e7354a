// social-cultural subgraph: live data of section 4.3, Social and Cultural Cooperation.
import { runSubgraphMain } from '../../platform-kit/subgraph-server.js';
import { definition } from './definition.js';

runSubgraphMain(definition);

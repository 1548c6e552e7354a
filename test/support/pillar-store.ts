// Opens a pillar subgraph's own store the way the subgraph does (same models,
// same write path), for tests that put data in place before reading it through the gateway.
import { connectStore } from '../../platform-kit/mongo-store.js';
import { registerLiveDataModels } from '../../platform-kit/pillar-live-data.js';
import { subgraphInfo, type SubgraphInfo } from '../../subgraphs/registry.js';

export async function openPillarStore(uri: string, name: SubgraphInfo['name']) {
  const connection = await connectStore({ uri, dbName: subgraphInfo(name).defaultDatabase });
  return { connection, models: registerLiveDataModels(connection), close: () => connection.close() };
}

// An embedded store of its own (FerretDB, fresh temp dir) with the economy
// models registered, for tests of the write modules without the platform.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedStore } from '../../embedded-store/launcher.js';
import { connectStore } from '../../platform-kit/mongo-store.js';
import { registerModels, type Models } from '../../subgraphs/economy/models.js';
import { subgraphInfo } from '../../subgraphs/registry.js';

export interface EconomyStore {
  uri: string;
  models: Models;
  close(): Promise<void>;
}

/** Opens the economy models on a store at `uri` (e.g. a platform's embedded store). */
export async function openEconomyModels(uri: string, dbName = subgraphInfo('economy').defaultDatabase) {
  const connection = await connectStore({ uri, dbName });
  return { models: registerModels(connection), close: () => connection.close() };
}

export async function startEconomyStore(dbName = 'lmc_economy_test'): Promise<EconomyStore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lmc-economy-'));
  const store = await startEmbeddedStore({ dataDir });
  const { models, close } = await openEconomyModels(store.uri, dbName);
  return {
    uri: store.uri,
    models,
    close: async () => {
      await close();
      await store.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

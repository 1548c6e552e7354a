// Opens the social-cultural store with this subgraph's own models (the same
// write path as the subgraph), either a platform's store or a fresh embedded one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedStore } from '../../embedded-store/launcher.js';
import { connectStore } from '../../platform-kit/mongo-store.js';
import { registerModels, type Models } from '../../subgraphs/social-cultural/models.js';
import { subgraphInfo } from '../../subgraphs/registry.js';

export interface OwnStore {
  models: Models;
  close(): Promise<void>;
}

export async function openSocialCulturalStore(uri: string, dbName = subgraphInfo('social-cultural').defaultDatabase): Promise<OwnStore> {
  const connection = await connectStore({ uri, dbName });
  return { models: registerModels(connection), close: () => connection.close() };
}

/** A fresh embedded FerretDB store of its own, deleted on close. */
export async function freshEmbeddedStore(): Promise<OwnStore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lmc-sc-test-'));
  const embedded = await startEmbeddedStore({ dataDir });
  const store = await openSocialCulturalStore(embedded.uri, 'lmc_social_cultural_test');
  return {
    models: store.models,
    close: async () => {
      await store.close();
      await embedded.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

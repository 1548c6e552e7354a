// The CLI's connection to a pillar's store, found the way the subgraph finds
// it: <PILLAR>_MONGODB_URI; else the embedded store the running subgraph
// published for its data folder; else an embedded store the CLI starts on
// that folder itself (the platform is not running, as for `npm run seed`).
import { join } from 'node:path';
import type { Connection } from 'mongoose';
import { startEmbeddedStore, type EmbeddedStore } from '../embedded-store/launcher.js';
import { connectStore } from '../platform-kit/mongo-store.js';
import { findRunningStore } from '../platform-kit/running-store.js';
import { repoRoot, type SubgraphInfo } from '../subgraphs/registry.js';

export interface PillarStore {
  connection: Connection;
  /** Where the store is, for the log (no credentials). */
  description: string;
  close(): Promise<void>;
}

export class StoreUnavailable extends Error {}

export async function openPillarStore(info: SubgraphInfo, env: NodeJS.ProcessEnv, dataDirOption?: string): Promise<PillarStore> {
  const dbName = env[info.mongoUriEnv.replace(/_URI$/, '_DB')] ?? info.defaultDatabase;
  let uri = env[info.mongoUriEnv] || undefined;
  let description = info.mongoUriEnv;
  let embedded: EmbeddedStore | null = null;
  if (!uri) {
    const dataDir = join(dataDirOption ?? env.LMC_DATA_DIR ?? join(repoRoot, '.data'), info.name);
    const running = await findRunningStore(dataDir);
    if (running.state === 'unreachable') {
      throw new StoreUnavailable(
        `the ${info.name} subgraph (pid ${running.pid}) holds ${dataDir} but its store at ${running.uri} does not answer; ` +
          `wait for it to finish starting, stop it, or set ${info.mongoUriEnv}`,
      );
    }
    if (running.state === 'running') {
      uri = running.uri;
      description = `the running ${info.name} subgraph's embedded store at ${uri}`;
    } else {
      embedded = await startEmbeddedStore({ dataDir, postgresqlUrl: env.LMC_STORE_POSTGRESQL_URL });
      uri = embedded.uri;
      description = `embedded store with data in ${dataDir}`;
    }
  }
  const connection = await connectStore({ uri, dbName });
  return {
    connection,
    description,
    close: async () => {
      await connection.close();
      await embedded?.stop();
    },
  };
}

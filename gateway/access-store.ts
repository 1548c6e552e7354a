// The access store: database `lmc_access` holding hashed API keys. It is a
// MongoDB URI from ACCESS_MONGODB_URI, or an embedded FerretDB on
// $LMC_DATA_DIR/access started by whichever process needs it first. The
// gateway publishes the URI of its embedded store in that folder so the keys
// CLI talks to the same server instead of opening the same SQLite files twice.
import { join } from 'node:path';
import { Schema, type Connection, type Model } from 'mongoose';
import { startEmbeddedStore, type EmbeddedStore } from '../embedded-store/launcher.js';
import type { PillarSubgraphName } from '../platform-kit/access/pillar-names.js';
import type { Role } from '../platform-kit/access/principal.js';
import { connectStore, strictSchemaOptions } from '../platform-kit/mongo-store.js';
import { findRunningStore, publishRunningStore } from '../platform-kit/running-store.js';
import { repoRoot } from '../subgraphs/registry.js';

export interface ApiKeyRecord {
  /** Key id, e.g. key-0f3a9c2e5b7d1a46; also the principal id of its callers. */
  _id: string;
  /** SHA-256 (hex) of the whole key; the key itself is never stored. */
  hash: string;
  role: Role;
  pillar?: PillarSubgraphName;
  countryCode?: string;
  label?: string;
  createdAt: Date;
  revokedAt: Date | null;
}

export interface AccessModels {
  apiKeys: Model<ApiKeyRecord>;
}

export interface AccessStore {
  models: AccessModels;
  /** Where the store is, for logs (no credentials in it for embedded stores). */
  description: string;
  /** Its MongoDB URI (gateway cluster workers connect to the primary's store with it). */
  uri: string;
  close(): Promise<void>;
}

const apiKeySchema = new Schema<ApiKeyRecord>(
  {
    _id: { type: String, required: true },
    hash: { type: String, required: true },
    role: { type: String, required: true },
    pillar: String,
    countryCode: String,
    label: { type: String, maxlength: 200 },
    createdAt: { type: Date, required: true },
    revokedAt: { type: Date, default: null },
  },
  { ...strictSchemaOptions, collection: 'api_keys' },
);

function registerAccessModels(connection: Connection): AccessModels {
  return { apiKeys: connection.model<ApiKeyRecord>('ApiKey', apiKeySchema) };
}

export const accessDataDir = (env: NodeJS.ProcessEnv) => join(env.LMC_DATA_DIR ?? join(repoRoot, '.data'), 'access');

export interface OpenAccessStoreOptions {
  env?: NodeJS.ProcessEnv;
  log?: (msg: string) => void;
  /** The gateway publishes its embedded store for the CLI; the CLI first looks for one. */
  role: 'gateway' | 'cli';
}

export async function openAccessStore({ env = process.env, log = () => {}, role }: OpenAccessStoreOptions): Promise<AccessStore> {
  const dbName = env.ACCESS_MONGODB_DB || 'lmc_access';
  let uri = env.ACCESS_MONGODB_URI || undefined;
  let description = 'ACCESS_MONGODB_URI';
  let embedded: EmbeddedStore | null = null;
  let withdraw = () => {};
  if (!uri && role === 'cli') {
    uri = await runningGatewayStore(env);
    if (uri) description = `the running gateway's embedded store at ${uri}`;
  }
  if (!uri) {
    const dataDir = accessDataDir(env);
    embedded = await startEmbeddedStore({ dataDir, postgresqlUrl: env.LMC_STORE_POSTGRESQL_URL, log });
    uri = embedded.uri;
    description = `embedded store (FerretDB) at ${uri} with data in ${dataDir}`;
    if (role === 'gateway') withdraw = publishRunningStore(dataDir, uri);
  }
  const connection = await connectStore({ uri, dbName });
  const models = registerAccessModels(connection);
  // Create the collection up front so the first key written is not racing its creation.
  await models.apiKeys.createCollection().catch(() => {});
  return {
    models,
    description,
    uri,
    close: async () => {
      await connection.close();
      if (embedded) {
        withdraw();
        await embedded.stop();
      }
    },
  };
}

/** The URI the gateway published, if that gateway is still alive and its store answers. */
async function runningGatewayStore(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const found = await findRunningStore(accessDataDir(env), 1000);
  return found.state === 'running' ? found.uri : undefined;
}

// One mongoose connection per subgraph, hardened the same way everywhere:
// filters are sanitised (no operator objects smuggled in through input values),
// unknown filter keys throw instead of silently widening a query, and every
// read has a server-side time limit so a pathological query cannot run on.
import mongoose, { type Connection, type Schema } from 'mongoose';

/** Server-side limit for every read (find, count, aggregate); LMC_QUERY_MAX_TIME_MS overrides it. */
export const DEFAULT_QUERY_MAX_TIME_MS = 15_000;

const queryOps = ['find', 'findOne', 'countDocuments', 'distinct', 'findOneAndUpdate', 'findOneAndReplace', 'findOneAndDelete'] as const;

const plugins = new Map<number, (schema: Schema) => void>();

/** A schema plugin giving every query and aggregate a maxTimeMS unless one is set (one per value, so shared schemas get it once). */
export function maxTimePlugin(maxTimeMS: number) {
  const existing = plugins.get(maxTimeMS);
  if (existing) return existing;
  const plugin = (schema: Schema) => {
    for (const op of queryOps) {
      schema.pre(op, function () {
        if (this.getOptions().maxTimeMS === undefined) this.maxTimeMS(maxTimeMS);
      });
    }
    schema.pre('aggregate', function () {
      if (this.options.maxTimeMS === undefined) this.option({ maxTimeMS });
    });
  };
  plugins.set(maxTimeMS, plugin);
  return plugin;
}

export interface StoreOptions {
  uri: string;
  dbName: string;
  /** How long to look for a server before a command fails. */
  serverSelectionTimeoutMS?: number;
  /** Emit driver command events (for tests that count database round trips). */
  monitorCommands?: boolean;
}

/**
 * Whether the server is FerretDB (its buildInfo names its version). FerretDB
 * 1.24 applies an update as read, modify, write with nothing isolating one
 * connection's update from another's: 20 concurrent $inc of one document
 * through a pool left it at 8. Over a single connection its commands run one
 * at a time and none is lost, so FerretDB clients keep one connection.
 */
async function isFerretDb(uri: string, serverSelectionTimeoutMS: number): Promise<boolean> {
  const client = new mongoose.mongo.MongoClient(uri, { serverSelectionTimeoutMS });
  try {
    await client.connect();
    return 'ferretdbVersion' in (await client.db('admin').command({ buildInfo: 1 }));
  } finally {
    await client.close();
  }
}

export async function connectStore({ uri, dbName, serverSelectionTimeoutMS = 5000, monitorCommands = false }: StoreOptions): Promise<Connection> {
  const maxTimeMS = Number(process.env.LMC_QUERY_MAX_TIME_MS) || DEFAULT_QUERY_MAX_TIME_MS;
  const serial = await isFerretDb(uri, serverSelectionTimeoutMS);
  const connection = mongoose.createConnection(uri, {
    dbName,
    serverSelectionTimeoutMS,
    sanitizeFilter: true,
    monitorCommands,
    autoIndex: true,
    ...(serial ? { maxPoolSize: 1 } : {}),
  });
  // Before any model is registered on the connection, so every schema gets it.
  connection.plugin(maxTimePlugin(maxTimeMS), { deduplicate: true });
  await connection.asPromise();
  return connection;
}

/** Schema options for every model: reject unknown paths on write and in filters. */
export const strictSchemaOptions = {
  strict: 'throw',
  strictQuery: 'throw',
  versionKey: false,
} as const;

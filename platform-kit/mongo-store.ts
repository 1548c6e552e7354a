// One mongoose connection per subgraph, hardened the same way everywhere:
// filters are sanitised (no operator objects smuggled in through input values),
// unknown filter keys throw instead of silently widening a query.
import mongoose, { type Connection } from 'mongoose';

export interface StoreOptions {
  uri: string;
  dbName: string;
  /** How long to look for a server before a command fails. */
  serverSelectionTimeoutMS?: number;
  /** Emit driver command events (for tests that count database round trips). */
  monitorCommands?: boolean;
}

export async function connectStore({ uri, dbName, serverSelectionTimeoutMS = 5000, monitorCommands = false }: StoreOptions): Promise<Connection> {
  const connection = mongoose.createConnection(uri, {
    dbName,
    serverSelectionTimeoutMS,
    sanitizeFilter: true,
    monitorCommands,
    autoIndex: true,
  });
  await connection.asPromise();
  return connection;
}

/** Schema options for every model: reject unknown paths on write and in filters. */
export const strictSchemaOptions = {
  strict: 'throw',
  strictQuery: 'throw',
  versionKey: false,
} as const;

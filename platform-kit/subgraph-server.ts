// Runs one pillar subgraph: connects to its own store (a MongoDB URI from env,
// or an embedded FerretDB started for it), seeds it, serves GraphQL over HTTP.
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { parse } from 'graphql';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Connection } from 'mongoose';
import { startEmbeddedStore, type EmbeddedStore } from '../embedded-store/launcher.js';
import { signingSecretFrom, verifySignedPrincipal } from './access/internal-header.js';
import type { Principal } from './access/principal.js';
import { viewerResolvers } from './access/viewer-resolvers.js';
import { repoRoot, subgraphSdl, type SubgraphInfo } from '../subgraphs/registry.js';
import { exitOnSignals, exitWhenLauncherDies } from './child-process.js';
import { connectStore } from './mongo-store.js';
import { storeHealthPlugin } from './store-health.js';
import { formatStoreErrors } from './store-errors.js';
import { publishRunningStore } from './running-store.js';
import { exportHandler } from './export/export-http.js';
import type { ExportView } from './export/export-views.js';
import { answerWithApollo, BodyTooLarge, graphqlError, parsedBody, readBody, sendJson } from './http/graphql-over-node.js';

/** Largest request body a subgraph reads (the gateway limits clients far below; import batches are ≤ 1 MiB of content). */
const MAX_SUBGRAPH_BODY_BYTES = 8 * 1024 * 1024;

export interface SubgraphDefinition<TContext> {
  info: SubgraphInfo;
  resolvers: unknown;
  /** The pillar's own collections served by GET /export (export/export-http.ts adds the shared ones). */
  exportCollections: string[];
  /** Row-per-element views served beside them (e.g. one row per financial flow). */
  exportViews?: ExportView[];
  /** Registers models on the connection and returns the seeding and per-request context functions. */
  open(connection: Connection): OpenSubgraph<TContext>;
}

export interface SyntheticOptions {
  /** 1 is the small, fast development set; counts grow linearly with it. */
  scale: number;
  /** Fixed random seed: the same options always generate the same records. */
  randomSeed: number;
  log?: (msg: string) => void;
}

export interface OpenSubgraph<TContext> {
  /** Real reference data (the plan, the members). Idempotent. */
  seed(): Promise<void>;
  /** Synthetic demo data, every record marked synthetic. Idempotent for the same options. */
  seedSynthetic?(options: SyntheticOptions): Promise<void>;
  /** Per-request context for the caller the gateway vouched for. */
  createContext(principal: Principal): TContext;
}

export const DEFAULT_RANDOM_SEED = 20180110; // the Phnom Penh Leaders' Meeting date, as a fixed seed

export interface RunningSubgraph {
  url: string;
  stop(): Promise<void>;
}

export interface RunHooks {
  /** Called with the store connection before seeding (tests use it to watch commands). */
  onConnection?(connection: Connection): void;
  monitorCommands?: boolean;
}

export async function runSubgraph<TContext extends object>(
  definition: SubgraphDefinition<TContext>,
  env: NodeJS.ProcessEnv = process.env,
  hooks: RunHooks = {},
): Promise<RunningSubgraph> {
  const { info } = definition;
  const log = (msg: string) => console.log(`[${info.name}] ${msg}`);
  const port = Number(env[info.portEnv] ?? info.defaultPort);
  const host = env.LMC_HOST ?? '127.0.0.1';
  // Checked before any slow start-up work: without it every request would be refused.
  const signingSecret = signingSecretFrom(env);

  let embedded: EmbeddedStore | null = null;
  let unpublishStore = () => {};
  let uri = env[info.mongoUriEnv];
  if (!uri) {
    const dataDir = join(env.LMC_DATA_DIR ?? join(repoRoot, '.data'), info.name);
    embedded = await startEmbeddedStore({ dataDir, postgresqlUrl: env.LMC_STORE_POSTGRESQL_URL, log });
    uri = embedded.uri;
    log(`embedded store (FerretDB) at ${uri} with data in ${dataDir}`);
    // The import CLI finds this server here instead of opening the same files.
    unpublishStore = publishRunningStore(dataDir, uri);
  }
  const dbName = env[`${info.mongoUriEnv.replace(/_URI$/, '_DB')}`] ?? info.defaultDatabase;
  const connection = await connectStore({ uri, dbName, monitorCommands: hooks.monitorCommands });
  hooks.onConnection?.(connection);
  const { seed, seedSynthetic, createContext } = definition.open(connection);
  await seed();
  // <NAME>_SYNTHETIC_SCALE overrides LMC_SYNTHETIC_SCALE for one pillar.
  const scale = Number(env[info.mongoUriEnv.replace(/_MONGODB_URI$/, '_SYNTHETIC_SCALE')] || env.LMC_SYNTHETIC_SCALE || 0);
  if (scale > 0 && seedSynthetic) {
    const started = Date.now();
    await seedSynthetic({ scale, randomSeed: Number(env.LMC_SYNTHETIC_SEED ?? DEFAULT_RANDOM_SEED), log });
    log(`synthetic data at scale ${scale} in ${Date.now() - started} ms`);
  }

  const server = new ApolloServer<TContext>({
    // Traces are for Apollo's hosted studio, which we do not use; the health plugin answers the gateway's /readyz probe.
    plugins: [ApolloServerPluginInlineTraceDisabled(), storeHealthPlugin(connection)],
    formatError: formatStoreErrors(info.name),
    schema: buildSubgraphSchema({
      typeDefs: parse(subgraphSdl(info)),
      resolvers: withViewer(definition.resolvers as GraphQLResolverMap<unknown>),
    }),
  });
  await server.start();
  // Only the gateway's signed principal header gets in (GraphQL, _entities and _service included, and exports).
  const principalOf = (req: IncomingMessage) => verifySignedPrincipal(req.headers, signingSecret);
  const serveExport = exportHandler({ pillar: info.name, connection, collections: definition.exportCollections, views: definition.exportViews, principalOf });
  const httpServer = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
    const url = new URL(req.url ?? '/', 'http://subgraph');
    const answer = async () => {
      if (url.pathname === '/export' || url.pathname.startsWith('/export/')) return serveExport(req, res, url);
      let body: unknown;
      if (req.method === 'POST') {
        const parsed = parsedBody(req, await readBody(req, MAX_SUBGRAPH_BODY_BYTES));
        if (!parsed.ok) return sendJson(res, 400, graphqlError('BAD_REQUEST', 'Request body is not valid JSON'));
        body = parsed.body;
      }
      await answerWithApollo(server, req, res, { search: url.search, body, context: async () => createContext(principalOf(req)) });
    };
    answer().catch((err: Error) => {
      if (err instanceof BodyTooLarge) return sendJson(res, 413, graphqlError('PAYLOAD_TOO_LARGE', `Request body is larger than ${MAX_SUBGRAPH_BODY_BYTES} bytes`), { connection: 'close' });
      log(`request failed: ${err.stack ?? err.message}`);
      if (!res.headersSent) sendJson(res, 500, graphqlError('INTERNAL_SERVER_ERROR', 'Internal server error'));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, host, () => resolve());
  });
  const address = httpServer.address() as AddressInfo;
  const anyInterface = address.address === '0.0.0.0' || address.address === '::';
  const url = `http://${anyInterface ? 'localhost' : address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}/`;
  log(`serving ${url}`);

  const stop = async () => {
    await new Promise<void>((resolve) => {
      httpServer.close(() => resolve());
      httpServer.closeIdleConnections();
    });
    await server.stop();
    await connection.close();
    unpublishStore();
    await embedded?.stop();
  };
  return { url, stop };
}

/** The subgraph's resolvers plus `Query.viewer` (platform-kit/access/access.graphql). */
function withViewer(resolvers: GraphQLResolverMap<unknown>): GraphQLResolverMap<unknown> {
  return { ...resolvers, Query: { ...(resolvers.Query as object), ...viewerResolvers.Query } } as GraphQLResolverMap<unknown>;
}

/** Entry point for a subgraph's main.ts: run it and stop cleanly on signals. */
export function runSubgraphMain<TContext extends object>(definition: SubgraphDefinition<TContext>): void {
  exitWhenLauncherDies();
  runSubgraph(definition).then(
    (running) => exitOnSignals(running.stop),
    (err: Error) => {
      console.error(`[${definition.info.name}] failed to start: ${err.message}`);
      process.exit(1);
    },
  );
}

// The Apollo gateway: loads the statically composed supergraph, authenticates
// and rate-limits each client request, refuses abusive operations
// (graphql-armor limits, CSRF prevention, body size, safelist), answers from
// the response cache when it can, and calls each subgraph over a keep-alive
// pool with the caller's principal in a signed internal header
// (subgraph-data-source.ts). Serves /healthz, /readyz and /metrics beside
// GraphQL (http-handler.ts).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError } from 'graphql';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Authenticator } from './authenticate.js';
import { newContext, type GatewayContext } from './gateway-context.js';
import type { GatewaySettings } from './gateway-config.js';
import { GatewayMetrics } from './gateway-metrics.js';
import { maskError } from './error-masking.js';
import { createRequestHandler, type Admission } from './http-handler.js';
import { exportRoute } from './export-route.js';
import type { Principal } from '../platform-kit/access/principal.js';
import type { QueryStore } from './persisted-queries.js';
import { callerKey, memoryRateLimiter, redisRateLimiter, type RateLimiter } from './rate-limit.js';
import { readinessChecker, type Readiness } from './readiness.js';
import { pooledFetcher, SubgraphDataSource, subgraphAgent } from './subgraph-data-source.js';
import { staticRoutes } from '../dashboard/serve-static.js';

export type { GatewayContext } from './gateway-context.js';

export interface GatewayOptions {
  supergraphSdl: string;
  /** Subgraph name → URL; names not listed keep the URL composed into the supergraph. */
  subgraphUrls: Record<string, string | undefined>;
  port: number;
  host?: string;
  authenticate: Authenticator;
  /** LMC_GATEWAY_SIGNING_SECRET, shared with every subgraph. */
  signingSecret: string;
  settings: GatewaySettings;
  logger: Logger;
  /** Shared state for limits, cache and persisted queries (REDIS_URL). */
  redis?: Redis;
  /** Persisted-query store (APQ); defaults to Apollo's in-memory one. */
  persistedQueries?: QueryStore;
  admit?: Admission;
  /** Extra Apollo plugins, e.g. the response cache. */
  plugins?: (metrics: GatewayMetrics) => ApolloServerPlugin<GatewayContext>[];
}

export interface RunningGateway {
  url: string;
  server: Server;
  metrics: GatewayMetrics;
  readiness(): Promise<Readiness>;
  stop(): Promise<void>;
}

/** The subgraph name → URL map the gateway calls: configured URLs over composed ones. */
function subgraphTargets(supergraphSdl: string, configured: Record<string, string | undefined>): Array<{ name: string; url: string }> {
  const targets: Array<{ name: string; url: string }> = [];
  // join__Graph enum values: NAME @join__graph(name: "economy", url: "http://…")
  for (const m of supergraphSdl.matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]*)"\)/g)) {
    targets.push({ name: m[1], url: configured[m[1]] ?? m[2] });
  }
  return targets;
}

function rateLimited(retryAfterSeconds: number) {
  return new GraphQLError(`Too many requests; retry after ${retryAfterSeconds} s`, {
    extensions: { code: 'RATE_LIMITED', http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) } },
  });
}

/** Logs unexpected errors with the request id (clients only see masked messages) and records error codes. */
function observabilityPlugin(logger: Logger): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation, operationName }) {
          contextValue.outcome.operationName = operationName ?? undefined;
          contextValue.outcome.operationType = operation?.operation;
        },
        async didEncounterErrors({ contextValue, errors }) {
          for (const error of errors) {
            const code = (error.extensions?.code as string | undefined) ?? 'INTERNAL_SERVER_ERROR';
            contextValue?.outcome?.errorCodes.push(code);
            if (['INTERNAL_SERVER_ERROR', 'DOWNSTREAM_SERVICE_ERROR', 'SUBGRAPH_UNAVAILABLE'].includes(code)) {
              logger.warn(
                { reqId: contextValue?.requestId, code, serviceName: error.extensions?.serviceName, err: error.originalError ?? error },
                error.message,
              );
            }
          }
        },
      };
    },
  };
}

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const { settings, logger } = options;
  const { protection } = settings;
  const metrics = new GatewayMetrics();
  const agent = subgraphAgent(settings.subgraphFetch);
  const fetcher = pooledFetcher(agent, settings.subgraphFetch.timeoutMs, settings.subgraphFetch.deduplicate);
  const targets = subgraphTargets(options.supergraphSdl, options.subgraphUrls);

  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    experimental_approximateQueryPlanStoreMiB: settings.cache.queryPlanCacheMiB,
    buildService: ({ name, url }) =>
      new SubgraphDataSource({
        name,
        url: options.subgraphUrls[name] ?? url!,
        fetcher,
        settings: settings.subgraphFetch,
        signingSecret: options.signingSecret,
        onFetch: (subgraph, seconds, outcome) => metrics.subgraphFetch(subgraph, seconds, outcome),
      }),
  });

  const armor = new ApolloArmor({
    maxDepth: { n: protection.maxDepth },
    maxAliases: { n: protection.maxAliases },
    maxDirectives: { n: protection.maxDirectives },
    // graphql-armor's token limit throws from a plugin hook, which Apollo Server 5 answers with a
    // 500; graphql-js counts tokens the same way (lexer) in parse(), refused as a 400 parse error.
    maxTokens: { enabled: false },
    costLimit: { maxCost: protection.maxCost },
    blockFieldSuggestion: { enabled: true },
  }).protect();

  const server = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !protection.production,
    csrfPrevention: true,
    allowBatchedHttpRequests: protection.allowBatching,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: true,
    formatError: maskError,
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: protection.maxTokens },
    persistedQueries: options.persistedQueries ? { cache: options.persistedQueries } : undefined,
    logger: {
      debug: (m) => logger.debug(m),
      info: (m) => logger.info(m),
      warn: (m) => logger.warn(m),
      error: (m) => logger.error(m),
    },
    plugins: [
      // graphql-armor's types name the CommonJS build of @apollo/server; the plugins are the same objects.
      ...(armor.plugins as unknown as ApolloServerPlugin<GatewayContext>[]),
      // Cache policies are computed from the subgraph SDL hints (response-cache.ts), not HTTP headers.
      ApolloServerPluginCacheControl({ calculateHttpHeaders: false }),
      ...(protection.production ? [ApolloServerPluginLandingPageDisabled()] : []),
      observabilityPlugin(logger),
      ...(options.plugins?.(metrics) ?? []),
    ],
  });
  await server.start();

  const limiter: RateLimiter | undefined =
    settings.rateLimit.limit === 0
      ? undefined
      : options.redis
        ? redisRateLimiter(options.redis, settings.rateLimit, (err) => logger.warn({ err }, 'rate limit check failed (Redis); request let through'))
        : memoryRateLimiter(settings.rateLimit);
  const readiness = readinessChecker(agent, targets, options.signingSecret, { timeoutMs: Math.min(2000, settings.subgraphFetch.timeoutMs) });

  const clientIp = (req: IncomingMessage) => req.socket.remoteAddress ?? 'unknown';
  /** The rate limit, per principal (per IP for anonymous callers); throws RATE_LIMITED. */
  const admitCaller = async (req: IncomingMessage, principal: Principal) => {
    if (!limiter) return;
    const decision = await limiter.check(callerKey(principal, clientIp(req)));
    if (!decision.allowed) {
      metrics.rateLimitRejection(principal.role === 'ANONYMOUS' ? 'ip' : 'principal');
      throw rateLimited(decision.retryAfterSeconds);
    }
  };

  const handler = createRequestHandler({
    apollo: server,
    maxBodyBytes: protection.maxBodyBytes,
    corsOrigins: protection.corsOrigins,
    admit: options.admit,
    routes: {
      readiness,
      metrics: async () => ({ contentType: metrics.registry.contentType, body: await metrics.registry.metrics() }),
    },
    context: async (req: IncomingMessage, requestId: string) => {
      const principal = await options.authenticate(req.headers);
      await admitCaller(req, principal);
      return newContext(requestId, clientIp(req), principal);
    },
    exportRoute: exportRoute({
      agent,
      subgraphs: targets,
      signingSecret: options.signingSecret,
      authenticate: (req) => options.authenticate(req.headers),
      admitCaller,
    }),
    onAnswered: ({ requestId, status, seconds, context, method, path }) => {
      const outcome = context?.outcome;
      const result =
        status >= 400 || !context ? 'rejected' : outcome?.errorCodes.length ? (status === 200 ? 'partial' : 'error') : 'success';
      metrics.request(outcome?.operationName, result, seconds);
      logger.info(
        {
          reqId: requestId,
          method,
          path,
          status,
          ms: Math.round(seconds * 1000),
          operation: outcome?.operationName,
          principal: context?.principal.id,
          cache: outcome?.cache,
          errors: outcome?.errorCodes.length ? outcome.errorCodes : undefined,
        },
        'request',
      );
    },
  });

  // The dashboard page and, outside production, the GraphiQL explorer (built assets; dashboard/).
  const serveStatic = staticRoutes({ production: protection.production });
  const httpServer = createServer({ keepAliveTimeout: 65_000 }, (req, res) => serveStatic(req, res) || handler(req, res));
  httpServer.headersTimeout = 30_000;
  httpServer.requestTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = httpServer.address() as AddressInfo;
  const anyInterface = address.address === '0.0.0.0' || address.address === '::';
  const host = anyInterface ? 'localhost' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}/`,
    server: httpServer,
    metrics,
    readiness,
    stop: async () => {
      await new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeIdleConnections();
      });
      await server.stop();
      await agent.close();
    },
  };
}

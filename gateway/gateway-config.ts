// Gateway settings that come from the environment, read and checked in one
// place so a typo fails at start-up instead of silently using a default.
// Every variable is listed in the README's configuration table.

export interface ProtectionSettings {
  /** NODE_ENV=production: no introspection, no landing page / explorer. */
  production: boolean;
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  maxCost: number;
  /** Request bodies larger than this are refused with 413 before parsing. */
  maxBodyBytes: number;
  /** HTTP batching (a JSON array of operations); off unless configured. */
  allowBatching: boolean;
  /** Origins allowed by CORS; empty: no cross-origin browser access. '*' allows any. */
  corsOrigins: string[];
}

export interface RateLimitSettings {
  /** Requests per window per caller; 0 turns rate limiting off. */
  limit: number;
  windowMs: number;
}

export interface SubgraphFetchSettings {
  timeoutMs: number;
  /** Extra attempts for query fetches that failed to connect; mutations are never retried. */
  retries: number;
  /** Keep-alive connections per subgraph. */
  connections: number;
  /** Identical query fetches in flight for the same caller share one subgraph request. */
  deduplicate: boolean;
}

export interface CacheSettings {
  /** The response cache; off: every request executes. */
  responseCache: boolean;
  /** Max age (s) of fields without a @cacheControl hint (Apollo's defaultMaxAge). */
  defaultMaxAgeSeconds: number;
  /** In-memory entries per worker when Redis is not configured. */
  maxEntries: number;
  /** Query plans kept, as approximate MiB (Apollo gateway experimental_approximateQueryPlanStoreMiB). */
  queryPlanCacheMiB: number;
}

export interface GatewaySettings {
  protection: ProtectionSettings;
  rateLimit: RateLimitSettings;
  subgraphFetch: SubgraphFetchSettings;
  cache: CacheSettings;
  /** REDIS_URL: share rate limits, the response cache and APQ between workers and gateways. */
  redisUrl?: string;
  /** LMC_SAFELIST: path of an operation manifest; only its operations run. */
  safelistPath?: string;
  workers: number;
  logLevel: string;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer ≥ ${min} (got ${JSON.stringify(raw)})`);
  return value;
}

function onOff(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'on', 'true', 'yes'].includes(raw)) return true;
  if (['0', 'off', 'false', 'no'].includes(raw)) return false;
  throw new Error(`${name} must be on or off (got ${JSON.stringify(env[name])})`);
}

export function gatewaySettingsFrom(env: NodeJS.ProcessEnv): GatewaySettings {
  const logLevel = env.LMC_LOG_LEVEL || 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new Error(`LMC_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got ${JSON.stringify(logLevel)})`);
  }
  return {
    protection: {
      production: env.NODE_ENV === 'production',
      // The dashboard query (examples/dashboard.graphql) has depth 5, 265 tokens and cost 498
      // (graphql-armor's static cost: objects 2, scalars 1, ×1.5 per level, × `first`/`last`);
      // a full 100-project export page costs about 10,700.
      maxDepth: integer(env, 'LMC_MAX_DEPTH', 8, 1),
      maxAliases: integer(env, 'LMC_MAX_ALIASES', 15, 0),
      maxDirectives: integer(env, 'LMC_MAX_DIRECTIVES', 20, 0),
      maxTokens: integer(env, 'LMC_MAX_TOKENS', 1000, 1),
      maxCost: integer(env, 'LMC_MAX_COST', 20_000, 1),
      maxBodyBytes: integer(env, 'LMC_MAX_BODY_BYTES', 100_000, 1),
      allowBatching: onOff(env, 'LMC_ALLOW_BATCHING', false),
      corsOrigins: (env.LMC_CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
    },
    rateLimit: {
      limit: integer(env, 'LMC_RATE_LIMIT', 600),
      windowMs: integer(env, 'LMC_RATE_LIMIT_WINDOW_MS', 60_000, 1),
    },
    subgraphFetch: {
      timeoutMs: integer(env, 'SUBGRAPH_TIMEOUT_MS', 10_000, 1),
      retries: integer(env, 'LMC_SUBGRAPH_RETRIES', 1),
      connections: integer(env, 'LMC_SUBGRAPH_CONNECTIONS', 64, 1),
      deduplicate: onOff(env, 'LMC_SUBGRAPH_DEDUPLICATE', true),
    },
    cache: {
      responseCache: onOff(env, 'LMC_RESPONSE_CACHE', true),
      defaultMaxAgeSeconds: integer(env, 'LMC_CACHE_DEFAULT_MAX_AGE', 10),
      maxEntries: integer(env, 'LMC_CACHE_MAX_ENTRIES', 5000, 1),
      queryPlanCacheMiB: integer(env, 'LMC_QUERY_PLAN_CACHE_MIB', 30, 1),
    },
    redisUrl: env.REDIS_URL || undefined,
    safelistPath: env.LMC_SAFELIST || undefined,
    workers: integer(env, 'LMC_GATEWAY_WORKERS', 1, 1),
    logLevel,
  };
}

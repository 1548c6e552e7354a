// Gateway entry point. Reads gateway/supergraph.graphql (npm run compose) and
// subgraph URLs from <SUBGRAPH>_URL, e.g. ECONOMY_URL=http://127.0.0.1:4002/graphql.
// Access: LMC_GATEWAY_SIGNING_SECRET (required), LMC_JWT_* (JWTs),
// ACCESS_MONGODB_URI or an embedded store in $LMC_DATA_DIR/access (API keys),
// LMC_API_KEY_CACHE_TTL_MS (how long an accepted key is cached, default 30000).
// Protection, caching and operations: gateway-config.ts (README, configuration).
// With LMC_GATEWAY_WORKERS > 1 this process is the cluster primary: it opens
// the access store once and forks workers that share the port (and, with
// REDIS_URL, rate limits, the response cache and persisted queries).
import cluster from 'node:cluster';
import { existsSync, readFileSync } from 'node:fs';
import { pino } from 'pino';
import { signingSecretFrom } from '../platform-kit/access/internal-header.js';
import { exitOnSignals, exitWhenLauncherDies } from '../platform-kit/child-process.js';
import { subgraphs } from '../subgraphs/registry.js';
import { openAccessStore } from './access-store.js';
import { createApiKeyVerifier } from './api-keys.js';
import { createAuthenticator } from './authenticate.js';
import { supergraphPath } from './compose-supergraph.js';
import { gatewaySettingsFrom, type GatewaySettings } from './gateway-config.js';
import { startGateway } from './gateway-server.js';
import { createJwtVerifier, jwtSettingsFrom } from './jwt-verifier.js';
import { loadSafelist, memoryQueryStore, redisQueryStore, safelistAdmission, withSafelist, type Safelist } from './persisted-queries.js';
import { connectRedis } from './redis-connection.js';
import { responseCachePlugin } from './response-cache.js';
import { startTracing } from './tracing.js';
import { memoryCacheStore, redisCacheStore } from './response-cache-store.js';

const log = (msg: string) => console.log(`[gateway] ${msg}`);
const fail = (msg: string): never => {
  console.error(`[gateway] ${msg}`);
  process.exit(1);
};

exitWhenLauncherDies();
if (!existsSync(supergraphPath)) fail(`${supergraphPath} is missing: run "npm run compose" first`);
let settings!: GatewaySettings;
let signingSecret = '';
let verifyJwt;
let safelist: Safelist | undefined;
try {
  settings = gatewaySettingsFrom(process.env);
  signingSecret = signingSecretFrom(process.env);
  verifyJwt = await createJwtVerifier(jwtSettingsFrom(process.env));
  if (settings.safelistPath) safelist = loadSafelist(settings.safelistPath);
} catch (err) {
  fail((err as Error).message);
}

if (cluster.isPrimary && settings.workers > 1) await runPrimary();
else await runWorker();

/** Opens the access store once and forks the workers, which use it by URI. */
async function runPrimary(): Promise<void> {
  const accessStore = await openAccessStore({ role: 'gateway', log }).catch((err: Error) => fail(`access store failed to open: ${err.message}`));
  log(`access store: ${accessStore.description}`);
  const workerEnv = { ACCESS_MONGODB_URI: accessStore.uri };
  let stopping = false;
  let listening = 0;
  const fork = () => {
    const worker = cluster.fork(workerEnv);
    worker.on('message', (message: { serving?: string }) => {
      if (message.serving && ++listening === settings.workers) log(`serving ${message.serving} (${settings.workers} workers)`);
    });
  };
  for (let i = 0; i < settings.workers; i++) fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    log(`worker ${worker.process.pid} exited (${code ?? signal}); starting another`);
    fork();
  });
  exitOnSignals(async () => {
    stopping = true;
    await Promise.all(
      Object.values(cluster.workers ?? {}).map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (!worker || worker.isDead()) return resolve();
            worker.once('exit', () => resolve());
            worker.kill('SIGTERM');
          }),
      ),
    );
    await accessStore.close();
  }, 10_000);
}

async function runWorker(): Promise<void> {
  const logger = pino({ level: settings.logLevel, base: { service: 'gateway', pid: process.pid } });
  const tracing = startTracing(process.env);
  if (tracing) log('tracing: OpenTelemetry spans exported over OTLP/HTTP');
  // Redis first: an unreachable one stops start-up before any store is opened.
  const redis = settings.redisUrl ? await connectRedis(settings.redisUrl).catch((err: Error) => fail(err.message)) : undefined;
  const accessStore = await openAccessStore({ role: 'gateway', log }).catch((err: Error) => fail(`access store failed to open: ${err.message}`));
  if (!cluster.isWorker) log(`access store: ${accessStore.description}`);
  const onRedisError = (what: string) => (err: Error) => logger.warn({ err }, `${what} failed (Redis)`);
  const queryStore = redis ? redisQueryStore(redis, 'lmc:apq:', onRedisError('persisted query lookup')) : memoryQueryStore();
  const cacheStore = settings.cache.responseCache
    ? redis
      ? redisCacheStore(redis, onRedisError('response cache'))
      : memoryCacheStore(settings.cache.maxEntries)
    : undefined;

  const subgraphUrls = Object.fromEntries(subgraphs.map((s) => [s.name, process.env[s.urlEnv]]));
  const gateway = await startGateway({
    supergraphSdl: readFileSync(supergraphPath, 'utf8'),
    subgraphUrls,
    port: Number(process.env.GATEWAY_PORT ?? 4000),
    host: process.env.LMC_HOST ?? '127.0.0.1',
    authenticate: createAuthenticator(verifyJwt!, createApiKeyVerifier(accessStore.models, Number(process.env.LMC_API_KEY_CACHE_TTL_MS ?? 30_000))),
    signingSecret,
    settings,
    logger,
    redis,
    persistedQueries: safelist ? withSafelist(safelist, queryStore) : queryStore,
    admit: safelist ? safelistAdmission(safelist) : undefined,
    plugins: (metrics) => (cacheStore ? [responseCachePlugin({ store: cacheStore, settings: settings.cache, metrics })] : []),
  });

  // Start-up readiness report: the gateway serves anyway (partial data), but says what is missing.
  const readiness = await gateway.readiness();
  for (const s of readiness.subgraphs) {
    if (s.ready) log(`subgraph ${s.name} ready at ${s.url}`);
    else log(`subgraph ${s.name} NOT ready at ${s.url}: ${s.detail}`);
  }
  log(
    `protection: depth ${settings.protection.maxDepth}, aliases ${settings.protection.maxAliases}, tokens ${settings.protection.maxTokens}, cost ${settings.protection.maxCost}; ` +
      `rate limit ${settings.rateLimit.limit || 'off'}/${settings.rateLimit.windowMs} ms; response cache ${cacheStore ? (redis ? 'Redis' : 'memory') : 'off'}; ` +
      `safelist ${safelist ? `${safelist.operations.size} operations` : 'off'}${settings.protection.production ? '; production (no introspection)' : ''}`,
  );
  if (cluster.isWorker) process.send?.({ serving: gateway.url });
  else log(`serving ${gateway.url}`);
  exitOnSignals(async () => {
    await gateway.stop();
    await tracing?.shutdown();
    redis?.disconnect();
    await accessStore.close();
  });
}

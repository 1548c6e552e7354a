// The platform the resilience scenarios break: the suite starts every store
// itself (one embedded FerretDB per pillar and one for the gateway's access
// data), passes their URIs to the subgraphs and the gateway, and keeps the
// process handles so a scenario can SIGKILL, SIGSTOP or restart any one of
// them on the same port with the same data.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { ensureStoreBinary } from '../embedded-store/build.js';
import { startEmbeddedStore, type EmbeddedStore } from '../embedded-store/launcher.js';
import { composeSupergraph, supergraphPath } from '../gateway/compose-supergraph.js';
import { freePort } from '../platform-kit/free-port.js';
import { startService, type ServiceProcess } from '../platform-launcher/service-process.js';
import { repoRoot, subgraphs, type SubgraphInfo } from '../subgraphs/registry.js';
import { testJwtSecret, testSigningSecret } from '../test/support/identities.js';

export type PillarName = SubgraphInfo['name'];
/** Stores by name: the three pillars and `access` (the gateway's API keys). */
export type StoreName = PillarName | 'access';

export interface ResiliencePlatformOptions {
  /** Gateway settings on top of the suite's defaults (e.g. SUBGRAPH_TIMEOUT_MS). */
  env?: NodeJS.ProcessEnv;
  startTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface ResiliencePlatform {
  gatewayUrl: string;
  gateway: ServiceProcess;
  subgraphTimeoutMs: number;
  subgraph(name: PillarName): ServiceProcess;
  store(name: StoreName): EmbeddedStore;
  /** URI of a pillar's store including its database name. */
  storeDatabase(name: PillarName): { uri: string; dbName: string };
  /** SIGKILL (no clean-up at all) and wait until the process is gone. */
  killSubgraph(name: PillarName): Promise<void>;
  /** Start the subgraph again on its port, with its store. */
  restartSubgraph(name: PillarName): Promise<void>;
  killStore(name: StoreName): Promise<void>;
  /** Start the store again on its port and data folder. */
  restartStore(name: StoreName): Promise<void>;
  /** Another gateway process in front of the same subgraphs and access store, with its own settings (stop it when done). */
  startExtraGateway(env: NodeJS.ProcessEnv): Promise<ServiceProcess & { subgraphTimeoutMs: number }>;
  /** Every process the suite runs, by a readable name (for RSS sampling). */
  processes(): Array<{ name: string; pid: number }>;
  /** Recent output lines of every process (for failure reports). */
  recentOutput(): string[];
  dispose(): Promise<void>;
}

/** Defaults for the gateway and subgraphs: no cache or rate limit (every request must really run), a short subgraph timeout. */
export const resilienceEnv = (subgraphTimeoutMs: number): NodeJS.ProcessEnv => ({
  LMC_JWT_HS256_SECRET: testJwtSecret,
  LMC_GATEWAY_SIGNING_SECRET: testSigningSecret,
  LMC_JWT_RS256_PUBLIC_KEY: '',
  LMC_JWT_RS256_PUBLIC_KEY_FILE: '',
  LMC_JWT_ISSUER: '',
  LMC_JWT_AUDIENCE: '',
  LMC_SYNTHETIC_SCALE: '0',
  LMC_RESPONSE_CACHE: 'off',
  LMC_RATE_LIMIT: '0',
  REDIS_URL: '',
  LMC_SAFELIST: '',
  LMC_GATEWAY_WORKERS: '1',
  LMC_LOG_LEVEL: 'warn',
  // As deployed (Dockerfile): no stack traces in subgraph answers, no introspection.
  NODE_ENV: 'production',
  SUBGRAPH_TIMEOUT_MS: String(subgraphTimeoutMs),
  LMC_SUBGRAPH_RETRIES: '1',
});

export async function startResiliencePlatform(options: ResiliencePlatformOptions = {}): Promise<ResiliencePlatform> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lmc-resilience-'));
  const startTimeoutMs = options.startTimeoutMs ?? 180_000;
  const lines: string[] = [];
  const onLine = (line: string) => {
    lines.push(line);
    if (lines.length > 200) lines.shift();
    options.log?.(line);
  };
  const env: NodeJS.ProcessEnv = { ...process.env, ...resilienceEnv(10_000), ...options.env, LMC_DATA_DIR: dataDir };
  const subgraphTimeoutMs = Number(env.SUBGRAPH_TIMEOUT_MS);
  ensureStoreBinary((m) => onLine(`[resilience] ${m}`));
  writeFileSync(supergraphPath, composeSupergraph().supergraphSdl);

  const stores = new Map<StoreName, EmbeddedStore>();
  const services = new Map<string, ServiceProcess>();
  const subgraphPorts = new Map<PillarName, number>();
  const storeNames: StoreName[] = [...subgraphs.map((s) => s.name), 'access'];
  const storeDir = (name: StoreName) => join(dataDir, name);

  const startStore = async (name: StoreName, port?: number) => {
    const store = await startEmbeddedStore({ dataDir: storeDir(name), port, log: (m) => onLine(`[store ${name}] ${m}`) });
    stores.set(name, store);
  };
  const startSubgraph = async (info: SubgraphInfo) => {
    const service = await startService({
      name: info.name,
      entry: join(info.dir, 'main.ts'),
      env: { ...env, [info.portEnv]: String(subgraphPorts.get(info.name)), [info.mongoUriEnv]: stores.get(info.name)!.uri },
      onLine,
      startTimeoutMs,
    });
    services.set(info.name, service);
  };
  const exited = (child: ChildProcess) =>
    child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const kill = async (child: ChildProcess) => {
    const gone = exited(child);
    child.kill('SIGKILL');
    await gone;
  };

  const dispose = async () => {
    await Promise.all([...services.values()].map((s) => s.stop()));
    await Promise.all([...stores.values()].map((s) => s.stop()));
    rmSync(dataDir, { recursive: true, force: true });
  };

  const startGateway = async (extraEnv: NodeJS.ProcessEnv = {}) =>
    startService({
      name: 'gateway',
      entry: join(repoRoot, 'gateway', 'main.ts'),
      env: {
        ...env,
        GATEWAY_PORT: String(await freePort()),
        ACCESS_MONGODB_URI: stores.get('access')!.uri,
        ...Object.fromEntries(subgraphs.map((s) => [s.urlEnv, services.get(s.name)!.url])),
        ...extraEnv,
      },
      onLine,
      startTimeoutMs,
    });

  try {
    await Promise.all(storeNames.map((name) => startStore(name)));
    for (const info of subgraphs) subgraphPorts.set(info.name, await freePort());
    await Promise.all(subgraphs.map(startSubgraph));
    const gateway = await startGateway();
    services.set('gateway', gateway);
    return {
      gatewayUrl: gateway.url,
      gateway,
      subgraphTimeoutMs,
      subgraph: (name) => services.get(name)!,
      store: (name) => stores.get(name)!,
      storeDatabase: (name) => {
        const info = subgraphs.find((s) => s.name === name)!;
        return { uri: stores.get(name)!.uri, dbName: info.defaultDatabase };
      },
      killSubgraph: (name) => kill(services.get(name)!.process),
      restartSubgraph: (name) => startSubgraph(subgraphs.find((s) => s.name === name)!),
      killStore: (name) => kill(stores.get(name)!.process),
      restartStore: (name) => startStore(name, stores.get(name)!.port),
      startExtraGateway: async (extraEnv) => ({
        ...(await startGateway(extraEnv)),
        subgraphTimeoutMs: Number(extraEnv.SUBGRAPH_TIMEOUT_MS ?? subgraphTimeoutMs),
      }),
      processes: () => [
        ...[...services.entries()].map(([name, s]) => ({ name, pid: s.process.pid! })),
        ...[...stores.entries()].map(([name, s]) => ({ name: `store ${name}`, pid: s.process.pid! })),
      ],
      recentOutput: () => [...lines],
      dispose,
    };
  } catch (err) {
    await dispose();
    throw new Error(`${(err as Error).message}\n--- platform output ---\n${lines.slice(-40).join('\n')}`);
  }
}

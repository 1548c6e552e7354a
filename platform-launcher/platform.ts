// Starts the whole platform: each subgraph as its own process (each with its
// own store: a MongoDB URI from env, or an embedded FerretDB), then the gateway.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { ensureStoreBinary } from '../embedded-store/build.js';
import { composeSupergraph, supergraphPath } from '../gateway/compose-supergraph.js';
import { signingSecretEnv } from '../platform-kit/access/internal-header.js';
import { freePort } from '../platform-kit/free-port.js';
import { repoRoot, subgraphs } from '../subgraphs/registry.js';
import { startService, type ServiceProcess } from './service-process.js';

export interface PlatformOptions {
  /** Gateway port; 0 picks a free one. */
  gatewayPort?: number;
  /** Subgraph ports by name; 0 or missing with freePorts picks a free one. */
  subgraphPorts?: Partial<Record<string, number>>;
  freePorts?: boolean;
  /** Where embedded stores keep their files (one folder per subgraph). */
  dataDir?: string;
  env?: NodeJS.ProcessEnv;
  onLine?: (line: string) => void;
  /** How long each service may take to start (seeding included); default 60 s. */
  startTimeoutMs?: number;
}

export interface Platform {
  gatewayUrl: string;
  subgraphs: Record<string, ServiceProcess>;
  gateway: ServiceProcess;
  stop(): Promise<void>;
}

export async function startPlatform(options: PlatformOptions = {}): Promise<Platform> {
  const env = { ...process.env, ...options.env };
  if (options.dataDir) env.LMC_DATA_DIR = options.dataDir;
  // One fresh secret per run unless configured: only this run's gateway can sign for its subgraphs.
  if (!env[signingSecretEnv]) env[signingSecretEnv] = randomBytes(32).toString('base64url');
  // Build the store once here rather than racing builds in the children (the gateway's access store too).
  if (!env.ACCESS_MONGODB_URI || subgraphs.some((s) => !env[s.mongoUriEnv])) ensureStoreBinary((m) => options.onLine?.(`[platform] ${m}`));

  // Compose now so the gateway never serves a supergraph older than the SDL files.
  writeFileSync(supergraphPath, composeSupergraph().supergraphSdl);

  const started: ServiceProcess[] = [];
  const stop = async () => {
    await Promise.all(started.map((s) => s.stop()));
  };
  try {
    const running = await Promise.all(
      subgraphs.map(async (s) => {
        const wanted = options.subgraphPorts?.[s.name] ?? (options.freePorts ? 0 : Number(env[s.portEnv] ?? s.defaultPort));
        const port = wanted === 0 ? await freePort() : wanted;
        const service = await startService({
          name: s.name,
          entry: join(s.dir, 'main.ts'),
          env: { ...env, [s.portEnv]: String(port) },
          onLine: options.onLine,
          startTimeoutMs: options.startTimeoutMs,
        });
        started.push(service);
        return service;
      }),
    );
    const gatewayWanted = options.gatewayPort ?? (options.freePorts ? 0 : Number(env.GATEWAY_PORT ?? 4000));
    const gatewayPort = gatewayWanted === 0 ? await freePort() : gatewayWanted;
    const gateway = await startService({
      name: 'gateway',
      entry: join(repoRoot, 'gateway', 'main.ts'),
      env: {
        ...env,
        GATEWAY_PORT: String(gatewayPort),
        ...Object.fromEntries(subgraphs.map((s, i) => [s.urlEnv, running[i].url])),
      },
      onLine: options.onLine,
      startTimeoutMs: options.startTimeoutMs,
    });
    started.push(gateway);
    return {
      gatewayUrl: gateway.url,
      gateway,
      subgraphs: Object.fromEntries(running.map((s) => [s.name, s])),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

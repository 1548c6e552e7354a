// Starts the real platform (embedded stores, three subgraph processes, gateway)
// on free ports with a fresh data directory, for one test file.
import { mkdtempSync, rmSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPlatform, type Platform } from '../../platform-launcher/platform.js';
import { subgraphs } from '../../subgraphs/registry.js';
import { testJwtSecret, testSigningSecret } from './identities.js';

export interface PlatformFixture extends Platform {
  dataDir: string;
  /** Embedded store URI of each subgraph, as it logged it at start-up. */
  storeUris: Record<string, string>;
  /** Stop the platform and delete its data. */
  dispose(): Promise<void>;
}

export interface TestPlatformOptions {
  dataDir?: string;
  /** LMC_SYNTHETIC_SCALE for the subgraphs: 0 (default) seeds only the plan and the members. */
  syntheticScale?: number;
  env?: NodeJS.ProcessEnv;
}

export async function startTestPlatform(options: TestPlatformOptions = {}): Promise<PlatformFixture> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'lmc-test-'));
  const env = {
    // A developer's own MongoDB URIs and credentials settings must not leak into tests.
    ...Object.fromEntries(subgraphs.map((s) => [s.mongoUriEnv, ''])),
    ACCESS_MONGODB_URI: '',
    LMC_JWT_RS256_PUBLIC_KEY: '',
    LMC_JWT_RS256_PUBLIC_KEY_FILE: '',
    LMC_JWT_ISSUER: '',
    LMC_JWT_AUDIENCE: '',
    // This test process's random secrets (identities.ts), so tests can sign as any principal.
    LMC_JWT_HS256_SECRET: testJwtSecret,
    LMC_GATEWAY_SIGNING_SECRET: testSigningSecret,
    LMC_SYNTHETIC_SCALE: String(options.syntheticScale ?? 0),
    // Suites read right after writing straight to the stores and send many requests from one IP:
    // the response cache and rate limits are off unless a test turns them on (test/gateway/).
    LMC_RESPONSE_CACHE: 'off',
    LMC_RATE_LIMIT: '0',
    REDIS_URL: '',
    LMC_SAFELIST: '',
    LMC_GATEWAY_WORKERS: '1',
    ...options.env,
  };
  const lines: string[] = [];
  const storeUris: Record<string, string> = {};
  const onLine = (line: string) => {
    lines.push(line);
    const store = line.match(/^\[([\w-]+)\] embedded store \(FerretDB\) at (mongodb:\/\/\S+)/);
    if (store) storeUris[store[1]] = store[2];
  };
  // Test files start platforms in parallel on a 2-core machine: seeding can take minutes there.
  const platform = await startPlatform({ freePorts: true, dataDir, env, onLine, startTimeoutMs: 180_000 }).catch((err) => {
    throw new Error(`${(err as Error).message}\n--- platform output ---\n${lines.slice(-40).join('\n')}`);
  });
  return {
    ...platform,
    dataDir,
    storeUris,
    dispose: async () => {
      await platform.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * One platform for the calling test file: started before its tests, disposed
 * of after them. The returned object forwards to the started platform, so it
 * is read only inside tests and hooks.
 */
export function platformForFile(options: TestPlatformOptions = {}): PlatformFixture {
  let started: PlatformFixture | undefined;
  beforeAll(async () => {
    started = await startTestPlatform(options);
  }, 240_000);
  afterAll(async () => {
    await started?.dispose();
  });
  return new Proxy({} as PlatformFixture, {
    get: (_, key) => {
      if (!started) throw new Error('the test platform is not started (read it inside tests and hooks)');
      return started[key as keyof PlatformFixture];
    },
  });
}

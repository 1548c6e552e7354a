// Starts the real platform (embedded stores, three subgraph processes, gateway)
// on free ports with a fresh data directory, for one test file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPlatform, type Platform } from '../../platform-launcher/platform.js';
import { subgraphs } from '../../subgraphs/registry.js';

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
    // A developer's own MongoDB URIs must not leak into tests.
    ...Object.fromEntries(subgraphs.map((s) => [s.mongoUriEnv, ''])),
    LMC_SYNTHETIC_SCALE: String(options.syntheticScale ?? 0),
    ...options.env,
  };
  const lines: string[] = [];
  const storeUris: Record<string, string> = {};
  const onLine = (line: string) => {
    lines.push(line);
    const store = line.match(/^\[([\w-]+)\] embedded store \(FerretDB\) at (mongodb:\/\/\S+)/);
    if (store) storeUris[store[1]] = store[2];
  };
  const platform = await startPlatform({ freePorts: true, dataDir, env, onLine }).catch((err) => {
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

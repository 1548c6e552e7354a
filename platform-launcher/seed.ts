// `npm run seed -- --scale N [--random-seed S] [--only economy] [--data-dir DIR]`
// Fills the stores with the plan and deterministic synthetic data at scale N
// (1 = the small development set). Stores: <SUBGRAPH>_MONGODB_URI, or the
// embedded store in DIR/<subgraph> (default .data, the one `./lmc start` uses;
// stop the platform first: two servers must not share one SQLite directory).
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startEmbeddedStore, type EmbeddedStore } from '../embedded-store/launcher.js';
import { connectStore } from '../platform-kit/mongo-store.js';
import { DEFAULT_RANDOM_SEED } from '../platform-kit/subgraph-server.js';
import { subgraphDefinitions } from '../subgraphs/definitions.js';
import { repoRoot } from '../subgraphs/registry.js';

export interface SeedOptions {
  scale: number;
  randomSeed?: number;
  only?: string[];
  dataDir?: string;
  env?: NodeJS.ProcessEnv;
  log?: (msg: string) => void;
}

export async function seedStores(options: SeedOptions): Promise<void> {
  const env = options.env ?? process.env;
  const log = options.log ?? (() => {});
  for (const [name, definition] of Object.entries(subgraphDefinitions)) {
    if (options.only?.length && !options.only.includes(name)) continue;
    let embedded: EmbeddedStore | null = null;
    let uri = env[definition.info.mongoUriEnv];
    if (!uri) {
      embedded = await startEmbeddedStore({ dataDir: join(options.dataDir ?? join(repoRoot, '.data'), name), postgresqlUrl: env.LMC_STORE_POSTGRESQL_URL });
      uri = embedded.uri;
    }
    const connection = await connectStore({ uri, dbName: env[definition.info.mongoUriEnv.replace(/_URI$/, '_DB')] ?? definition.info.defaultDatabase });
    try {
      const started = Date.now();
      const opened = definition.open(connection);
      await opened.seed();
      await opened.seedSynthetic?.({ scale: options.scale, randomSeed: options.randomSeed ?? DEFAULT_RANDOM_SEED, log: (m) => log(`[${name}] ${m}`) });
      log(`[${name}] seeded at scale ${options.scale} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } finally {
      await connection.close();
      await embedded?.stop();
    }
  }
}

if (process.argv[1]?.endsWith('seed.ts')) {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: '1' },
      'random-seed': { type: 'string' },
      only: { type: 'string', multiple: true },
      'data-dir': { type: 'string' },
    },
  });
  const scale = Number(values.scale);
  if (!(scale > 0)) {
    console.error('--scale must be a positive number');
    process.exit(2);
  }
  await seedStores({
    scale,
    randomSeed: values['random-seed'] ? Number(values['random-seed']) : undefined,
    only: values.only,
    dataDir: values['data-dir'],
    log: console.log,
  }).catch((err: Error) => {
    console.error(`seed failed: ${err.message}`);
    process.exit(1);
  });
}

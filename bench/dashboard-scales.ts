// Benchmark: the README's dashboard query at two data scales, side by side in
// one run on one machine, through the real gateway, subgraphs and embedded
// stores. Prints p50/p95 per scale and the p95 ratio, and writes a JSON file.
//   npm run bench:dashboard -- [--small 1] [--large 100] [--requests 200] [--concurrency 4] [--scaled economy ...]
// Scale 1 ≈ 10k water observations, scale 100 ≈ 1M (see subgraphs/economy/synthetic.ts).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import mongoose from 'mongoose';
import { startPlatform } from '../platform-launcher/platform.js';
import { seedStores } from '../platform-launcher/seed.js';
import { subgraphDefinitions } from '../subgraphs/definitions.js';
import { repoRoot, subgraphs } from '../subgraphs/registry.js';
import { runLoad, type LoadResult } from './load.js';

const { values } = parseArgs({
  options: {
    small: { type: 'string', default: '1' },
    large: { type: 'string', default: '100' },
    requests: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '20' },
    concurrency: { type: 'string', default: '4' },
    // FerretDB's PostgreSQL backend instead of SQLite: a server URL without a
    // database (e.g. postgres://postgres@127.0.0.1:5432); a fresh database is made per scale with psql.
    postgresql: { type: 'string' },
    // Pillars seeded at the large scale; the others stay at the small one.
    scaled: { type: 'string', multiple: true, default: ['political-security', 'economy', 'social-cultural'] },
  },
});

export const dashboardQuery = readFileSync(join(repoRoot, 'examples', 'dashboard.graphql'), 'utf8');
export const dashboardVariables = { year: 2020, from: '2020-01-01T00:00:00.000Z', to: '2021-01-01T00:00:00.000Z' };

async function countObservations(storeDir: string, pgUrl?: string): Promise<number> {
  // Counted on the economy store after the run, for the report.
  const { startEmbeddedStore } = await import('../embedded-store/launcher.js');
  const store = await startEmbeddedStore({ dataDir: join(storeDir, 'economy'), postgresqlUrl: pgUrl });
  const client = await new mongoose.mongo.MongoClient(store.uri).connect();
  try {
    return await client.db('lmc_economy').collection('water_observations').estimatedDocumentCount();
  } finally {
    await client.close();
    await store.stop();
  }
}

async function measure(scale: number): Promise<LoadResult & { scale: number; observations: number; seedSeconds: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), `lmc-bench-${scale}-`));
  const env: NodeJS.ProcessEnv = { ...process.env, ...Object.fromEntries(subgraphs.map((s) => [s.mongoUriEnv, ''])), LMC_SYNTHETIC_SCALE: '0' };
  if (values.postgresql) {
    const database = `lmc_bench_${scale}_${Date.now()}`;
    execFileSync('psql', [values.postgresql + '/postgres', '-q', '-c', `create database ${database}`]);
    env.LMC_STORE_POSTGRESQL_URL = `${values.postgresql}/${database}`;
  }
  try {
    const seedStart = Date.now();
    const small = Number(values.small);
    const scaled = values.scaled as string[];
    const others = Object.keys(subgraphDefinitions).filter((n) => !scaled.includes(n));
    await seedStores({ scale, only: scaled, dataDir, env, log: (m) => console.log(`  ${m}`) });
    if (others.length) await seedStores({ scale: small, only: others, dataDir, env, log: (m) => console.log(`  ${m}`) });
    const seedSeconds = (Date.now() - seedStart) / 1000;
    const platform = await startPlatform({ freePorts: true, dataDir, env });
    let result: LoadResult;
    try {
      result = await runLoad({
        url: platform.gatewayUrl,
        body: JSON.stringify({ query: dashboardQuery, variables: dashboardVariables }),
        requests: Number(values.requests),
        warmup: Number(values.warmup),
        concurrency: Number(values.concurrency),
      });
    } finally {
      await platform.stop();
    }
    return { ...result, scale, observations: await countObservations(dataDir, env.LMC_STORE_POSTGRESQL_URL), seedSeconds };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const rows = [];
for (const scale of [Number(values.small), Number(values.large)]) {
  console.log(`scale ${scale}: seeding and measuring ...`);
  rows.push(await measure(scale));
}
const [small, large] = rows;
const report = {
  benchmark: 'dashboard query p95 at two data scales',
  date: new Date().toISOString(),
  machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
  store: `embedded FerretDB 1.24.2 (${values.postgresql ? 'PostgreSQL' : 'SQLite'} backend)`,
  settings: { requests: Number(values.requests), warmup: Number(values.warmup), concurrency: Number(values.concurrency), scaledPillars: values.scaled },
  rows,
  p95Ratio: large.p95 / small.p95,
};
console.log('\n| scale | observations | requests | errors | rps | p50 ms | p95 ms | p99 ms |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of rows)
  console.log(`| ${r.scale} | ${r.observations} | ${r.requests} | ${r.errors} | ${r.rps.toFixed(1)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} |`);
console.log(`\np95 ratio (scale ${large.scale} / scale ${small.scale}): ${report.p95Ratio.toFixed(2)}`);
mkdirSync(join(repoRoot, 'bench', 'results'), { recursive: true });
const out = join(repoRoot, 'bench', 'results', `dashboard-scales-${values.postgresql ? 'postgresql' : 'sqlite'}-${report.date.slice(0, 10)}.json`);
writeFileSync(out, JSON.stringify(report, null, 2) + '\n');
console.log(`wrote ${out}`);

// Benchmark: the README's dashboard query at two data scales, side by side in
// one run on one machine, through the real gateway, subgraphs and embedded
// stores: both platforms run at once and take turns in rounds. Prints
// p50/p95 per scale and the p95 ratio, and writes a JSON file.
//   npm run bench:dashboard -- [--small 1] [--large 100] [--requests 200] [--rounds 8] [--concurrency 4] [--scaled economy ...]
//     [--postgresql postgres://postgres@127.0.0.1:5432 [--reuse-postgresql db_small,db_large]]
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
import { runLoad, summarise } from './load.js';

const { values } = parseArgs({
  options: {
    small: { type: 'string', default: '1' },
    large: { type: 'string', default: '100' },
    requests: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '20' },
    concurrency: { type: 'string', default: '4' },
    rounds: { type: 'string', default: '8' },
    // Two databases already seeded by an earlier run (small,large): measure without reseeding.
    'reuse-postgresql': { type: 'string' },
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

interface SeededScale {
  scale: number;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  seedSeconds: number;
}

/** Fresh stores seeded at `scale` (the --scaled pillars; the others at --small), or reused PostgreSQL databases. */
async function seeded(scale: number, reuseDatabase?: string): Promise<SeededScale> {
  const dataDir = mkdtempSync(join(tmpdir(), `lmc-bench-${scale}-`));
  const env: NodeJS.ProcessEnv = { ...process.env, ...Object.fromEntries(subgraphs.map((s) => [s.mongoUriEnv, ''])), LMC_SYNTHETIC_SCALE: '0' };
  if (values.postgresql) {
    const database = reuseDatabase ?? `lmc_bench_${scale}_${Date.now()}`;
    if (!reuseDatabase) execFileSync('psql', [values.postgresql + '/postgres', '-q', '-c', `create database ${database}`]);
    env.LMC_STORE_POSTGRESQL_URL = `${values.postgresql}/${database}`;
    console.log(`  scale ${scale}: PostgreSQL database ${database}${reuseDatabase ? ' (reused, not reseeded)' : ''}`);
  }
  const seedStart = Date.now();
  if (!reuseDatabase) {
    const small = Number(values.small);
    const scaled = values.scaled as string[];
    const others = Object.keys(subgraphDefinitions).filter((n) => !scaled.includes(n));
    await seedStores({ scale, only: scaled, dataDir, env, log: (m) => console.log(`  ${m}`) });
    if (others.length) await seedStores({ scale: small, only: others, dataDir, env, log: (m) => console.log(`  ${m}`) });
  }
  return { scale, dataDir, env, seedSeconds: (Date.now() - seedStart) / 1000 };
}

// Both platforms run at once and take turns, round by round, so machine noise
// (a shared machine) falls on both scales alike instead of on whichever ran second.
async function measureInterleaved(sets: SeededScale[]) {
  const platforms = [];
  try {
    for (const s of sets) platforms.push(await startPlatform({ freePorts: true, dataDir: s.dataDir, env: s.env }));
    const body = JSON.stringify({ query: dashboardQuery, variables: dashboardVariables });
    const rounds = Number(values.rounds);
    const perRound = Math.max(1, Math.ceil(Number(values.requests) / rounds));
    const collected = sets.map(() => ({ latencies: [] as number[], errors: 0, seconds: 0 }));
    for (const p of platforms) await runLoad({ url: p.gatewayUrl, body, requests: 0, warmup: Number(values.warmup), concurrency: 1 });
    for (let r = 0; r < rounds; r++) {
      for (const [i, p] of platforms.entries()) {
        const res = await runLoad({ url: p.gatewayUrl, body, requests: perRound, warmup: 0, concurrency: Number(values.concurrency) });
        collected[i].latencies.push(...res.latencies);
        collected[i].errors += res.errors;
        collected[i].seconds += res.seconds;
      }
    }
    return collected.map((c) => summarise(c.latencies, c.errors, c.seconds));
  } finally {
    await Promise.all(platforms.map((p) => p.stop()));
  }
}

const reuse = values['reuse-postgresql']?.split(',');
if (reuse && (!values.postgresql || reuse.length !== 2)) throw new Error('--reuse-postgresql needs --postgresql and two database names: small,large');
const sets: SeededScale[] = [];
for (const [i, scale] of [Number(values.small), Number(values.large)].entries()) {
  console.log(`scale ${scale}: ${reuse ? 'reusing' : 'seeding'} ...`);
  sets.push(await seeded(scale, reuse?.[i]));
}
console.log(`measuring both scales in ${values.rounds} interleaved rounds ...`);
const results = await measureInterleaved(sets);
const rows = [];
for (const [i, s] of sets.entries()) {
  const { latencies: _all, ...result } = results[i];
  rows.push({ ...result, scale: s.scale, observations: await countObservations(s.dataDir, s.env.LMC_STORE_POSTGRESQL_URL), seedSeconds: s.seedSeconds });
  rmSync(s.dataDir, { recursive: true, force: true });
}
const [small, large] = rows;
const report = {
  benchmark: 'dashboard query p95 at two data scales',
  date: new Date().toISOString(),
  machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
  store: `embedded FerretDB 1.24.2 (${values.postgresql ? 'PostgreSQL' : 'SQLite'} backend)`,
  settings: { requests: Number(values.requests), rounds: Number(values.rounds), warmup: Number(values.warmup), concurrency: Number(values.concurrency), scaledPillars: values.scaled, interleaved: true },
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

// `npm run bench:gateway -- [--scale 1] [--connections 8] [--warmup 3] [--duration 10] [--no-hive]`
// One machine, one run: starts the stores and the three subgraphs seeded at
// --scale, then drives, with the same closed-loop load (bench/gateway-load.ts):
//   ours          our gateway, response cache off (NODE_ENV=production)
//   ours-cached   our gateway, in-memory response cache on (warm after warm-up)
//   hive          Hive Gateway (@graphql-hive/gateway, installed on first use in
//                 bench/.tools/) serving the same supergraph against the same subgraphs
//   direct        the query plan's subgraph fetches replayed straight at the subgraphs
//   ours@1, direct@1  the same at one connection, for the p50 ratio (no concurrency effects)
// on (a) the README's dashboard query and (b) an entity-heavy query (every plan
// action with its pillar's live data). Writes bench/results/gateway-compare-<date>.json and .md.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem, type as osType, release } from 'node:os';
import { join } from 'node:path';
import { composeSupergraph, repositorySubgraphs } from '../gateway/compose-supergraph.js';
import { stopChild } from '../platform-kit/child-process.js';
import { freePort } from '../platform-kit/free-port.js';
import { startPlatform } from '../platform-launcher/platform.js';
import { startService, type ServiceProcess } from '../platform-launcher/service-process.js';
import { repoRoot, subgraphs } from '../subgraphs/registry.js';
import { countFetches, directSender, replayPlan, startRecordingProxies } from './gateway-direct-path.js';
import { graphqlPoster, poolFor, runLoad, type LoadResult, type LoadSettings } from './gateway-load.js';

const hiveVersion = '2.15.1';
const hiveDir = join(repoRoot, 'bench', '.tools', 'hive-gateway');

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}
const scale = option('scale', 1);
const load: LoadSettings = { connections: option('connections', 8), warmupSeconds: option('warmup', 3), durationSeconds: option('duration', 10) };
const withHive = !process.argv.includes('--no-hive');
const log = (msg: string) => console.log(`[bench] ${msg}`);

const queries = {
  dashboard: {
    query: readFileSync(join(repoRoot, 'examples', 'dashboard.graphql'), 'utf8'),
    operationName: 'Dashboard',
    variables: { year: 2020, from: '2020-01-01T00:00:00.000Z', to: '2021-01-01T00:00:00.000Z' },
  },
  entityHeavy: {
    query: `query ActionsWithPillarData($year: Int!) {
  plan { actions { number pillar text { en }
    ... on PoliticalSecurityAction { stewardSubgraph cooperationActivityCount progress(year: $year) { countryCode status } }
    ... on EconomicAction { stewardSubgraph projectCount progress(year: $year) { countryCode status }
      projects(first: 3) { edges { node { id title { en } totals { committedUsd } } } } }
    ... on SocialCulturalAction { stewardSubgraph programmeCount eventCount progress(year: $year) { countryCode status } }
    ... on FrameworkAction { stewardSubgraph progress(year: $year) { countryCode status } } } }
}`,
    operationName: 'ActionsWithPillarData',
    variables: { year: 2020 },
  },
};
type QueryName = keyof typeof queries;

/** Installs the pinned Hive Gateway into bench/.tools (npm registry) unless it is there; the error when it cannot. */
function ensureHive(): { bin: string } | { error: string } {
  const bin = join(hiveDir, 'node_modules', '@graphql-hive', 'gateway', 'dist', 'bin.js');
  if (existsSync(bin)) return { bin };
  mkdirSync(hiveDir, { recursive: true });
  writeFileSync(join(hiveDir, 'package.json'), JSON.stringify({ name: 'bench-hive-gateway', private: true }));
  try {
    log(`installing @graphql-hive/gateway@${hiveVersion} into ${hiveDir}`);
    execFileSync('npm', ['install', '--no-audit', '--no-fund', `@graphql-hive/gateway@${hiveVersion}`], { cwd: hiveDir, stdio: 'pipe' });
    return { bin };
  } catch (err) {
    return { error: String((err as { stderr?: Buffer }).stderr ?? (err as Error).message).trim().split('\n').slice(-5).join('\n') };
  }
}

async function waitForGraphQL(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ countries { code } }' }) });
      if (res.ok && !((await res.json()) as { errors?: unknown }).errors) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

const bodyOf = (name: QueryName) => JSON.stringify(queries[name]);

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'lmc-bench-gateway-'));
  const signingSecret = randomBytes(32).toString('base64url');
  const quietEnv = { LMC_SYNTHETIC_SCALE: String(scale), LMC_GATEWAY_SIGNING_SECRET: signingSecret, LMC_LOG_LEVEL: 'warn', NODE_ENV: 'production', LMC_RATE_LIMIT: '0', LMC_RESPONSE_CACHE: 'off', REDIS_URL: '', LMC_SAFELIST: '' };
  log(`starting stores and subgraphs at scale ${scale} (data in ${dataDir})`);
  const platform = await startPlatform({ freePorts: true, dataDir, env: quietEnv });
  const started: ServiceProcess[] = [];
  const subgraphUrls = Object.fromEntries(subgraphs.map((s) => [s.name, platform.subgraphs[s.name].url]));
  const startOurs = async (env: NodeJS.ProcessEnv, urls = subgraphUrls) => {
    const service = await startService({
      name: 'gateway',
      entry: join(repoRoot, 'gateway', 'main.ts'),
      env: {
        ...process.env,
        ...quietEnv,
        LMC_DATA_DIR: mkdtempSync(join(dataDir, 'gateway-')),
        GATEWAY_PORT: String(await freePort()),
        ...Object.fromEntries(subgraphs.map((s) => [s.urlEnv, urls[s.name]])),
        ...env,
      },
    });
    started.push(service);
    return service;
  };
  const results: Record<string, Record<string, LoadResult | { error: string }>> = {};
  const record = (target: string, name: QueryName, result: LoadResult | { error: string }) => {
    (results[target] ??= {})[name] = result;
    log(`${target} ${name}: ${'error' in result ? result.error : `${result.rps.toFixed(1)} rps, p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, ${result.errors} errors`}`);
  };
  let hiveNote = '';
  try {
    const gatewayTargets: Record<string, string> = { ours: platform.gatewayUrl, 'ours-cached': (await startOurs({ LMC_RESPONSE_CACHE: 'on' })).url };

    if (withHive) {
      const hive = ensureHive();
      if ('error' in hive) {
        hiveNote = `Hive Gateway could not be installed: ${hive.error}`;
      } else {
        const supergraphPath = join(dataDir, 'supergraph.graphql');
        const sources = repositorySubgraphs().map((s) => ({ ...s, url: subgraphUrls[s.name] }));
        writeFileSync(supergraphPath, composeSupergraph(sources).supergraphSdl);
        const port = await freePort();
        const hiveUrl = `http://127.0.0.1:${port}/graphql`;
        const hiveOutput: string[] = [];
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', hive.bin, 'supergraph', supergraphPath, '--port', String(port), '--host', '127.0.0.1', '--config-path', join(repoRoot, 'bench', 'gateway-hive-config.ts')],
          { env: { ...process.env, LMC_GATEWAY_SIGNING_SECRET: signingSecret, BENCH_SUPERGRAPH_PATH: supergraphPath, NODE_ENV: 'production' }, stdio: ['ignore', 'pipe', 'pipe'] },
        );
        for (const stream of [child.stdout, child.stderr]) stream.on('data', (c: Buffer) => hiveOutput.push(c.toString()));
        started.push({ name: 'hive-gateway', url: hiveUrl, process: child, stop: () => stopChild(child) });
        const hiveProcess = { url: hiveUrl };
        try {
          await waitForGraphQL(hiveProcess.url);
          gatewayTargets.hive = hiveProcess.url;
        } catch (err) {
          hiveNote = `Hive Gateway did not serve the supergraph: ${(err as Error).message}; its output: ${hiveOutput.join('').slice(-1500)}`;
        }
      }
      if (hiveNote) log(hiveNote);
    }

    // Record the subgraph requests of one execution of each query, then replay them directly.
    const proxies = await startRecordingProxies(subgraphUrls);
    const recorder = await startOurs({}, proxies.urls);
    const supergraphSdl = composeSupergraph(repositorySubgraphs()).supergraphSdl;
    const direct: Record<string, ReturnType<typeof replayPlan>> = {};
    for (const name of Object.keys(queries) as QueryName[]) {
      proxies.fetches.length = 0;
      const res = await fetch(recorder.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bodyOf(name) });
      const body = (await res.json()) as { errors?: unknown[] };
      if (body.errors) throw new Error(`${name} fails through the gateway: ${JSON.stringify(body.errors).slice(0, 500)}`);
      direct[name] = replayPlan(supergraphSdl, queries[name].query, queries[name].operationName, proxies.fetches);
      log(`${name}: ${countFetches(direct[name])} subgraph fetches per request`);
    }
    proxies.close();

    for (const name of Object.keys(queries) as QueryName[]) {
      for (const [target, url] of Object.entries(gatewayTargets)) {
        const pool = poolFor(url, load.connections);
        record(target, name, await runLoad(graphqlPoster(pool, url, bodyOf(name)), load));
        await pool.close();
      }
      const pools = Object.fromEntries(Object.entries(subgraphUrls).map(([s, url]) => [s, poolFor(url, load.connections)]));
      const paths = Object.fromEntries(Object.entries(subgraphUrls).map(([s, url]) => [s, new URL(url).pathname]));
      const sendDirect = directSender(direct[name], pools, paths, signingSecret);
      record('direct', name, await runLoad(sendDirect, load));
      // Latency without concurrency: the gateways' in-flight deduplication and queueing play no
      // part, so ours@1 / direct@1 is what the gateway hop itself adds.
      const single = { ...load, connections: 1 };
      record('direct@1', name, await runLoad(sendDirect, single));
      const oursPool = poolFor(gatewayTargets.ours, 1);
      record('ours@1', name, await runLoad(graphqlPoster(oursPool, gatewayTargets.ours, bodyOf(name)), single));
      await oursPool.close();
      await Promise.all(Object.values(pools).map((p) => p.close()));
    }
  } finally {
    await Promise.all(started.map((s) => s.stop()));
    await platform.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  report(results, hiveNote);
}

function report(results: Record<string, Record<string, LoadResult | { error: string }>>, hiveNote: string) {
  const get = (target: string, name: QueryName) => {
    const r = results[target]?.[name];
    return r && !('error' in r) ? r : undefined;
  };
  const ratio = (a?: number, b?: number) => (a !== undefined && b !== undefined && b > 0 ? Number((a / b).toFixed(2)) : null);
  const ratios = Object.fromEntries(
    (Object.keys(queries) as QueryName[]).map((name) => [
      name,
      {
        oursOverHiveRps: ratio(get('ours', name)?.rps, get('hive', name)?.rps),
        oursOverDirectP50: ratio(get('ours@1', name)?.p50, get('direct@1', name)?.p50),
        cachedOverUncachedRps: ratio(get('ours-cached', name)?.rps, get('ours', name)?.rps),
      },
    ]),
  );
  const date = new Date().toISOString();
  const machine = {
    cpu: cpus()[0]?.model,
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${osType()} ${release()}`,
    node: process.version,
    // Other work on the machine skews every figure: the 1/5/15-minute load averages at the end.
    loadAverage: loadavg().map((l) => Number(l.toFixed(1))),
  };
  const output = { date, machine, scale, load, hiveVersion, hiveNote: hiveNote || undefined, results, ratios, targets: { 'ours ratio targets': 'uncached RPS ≥ 1.2 × Hive on dashboard; cached ≥ 10 × uncached; p50 ≤ 1.25 × direct' } };
  mkdirSync(join(repoRoot, 'bench', 'results'), { recursive: true });
  const stem = join(repoRoot, 'bench', 'results', `gateway-compare-${date.slice(0, 10)}`);
  writeFileSync(`${stem}.json`, JSON.stringify(output, null, 2) + '\n');
  const rows = Object.entries(results).flatMap(([target, byQuery]) =>
    Object.entries(byQuery).map(([name, r]) =>
      'error' in r ? `| ${name} | ${target} | – | – | – | ${r.error} |` : `| ${name} | ${target} | ${r.rps.toFixed(1)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.errors} |`,
    ),
  );
  const md = [
    `# Gateway comparison, ${date}`,
    '',
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}. Client and servers on the same machine; load average at the end ${machine.loadAverage.join(' / ')}.`,
    `Data: synthetic scale ${scale}. Load: ${load.connections} connections, ${load.warmupSeconds} s warm-up, ${load.durationSeconds} s measured, closed loop.`,
    hiveNote ? `\nHive Gateway: ${hiveNote}\n` : `Hive Gateway ${hiveVersion}.`,
    '',
    '| query | target | RPS | p50 ms | p99 ms | errors |',
    '|---|---|---|---|---|---|',
    ...rows.sort(),
    '',
    '| query | ours / Hive RPS (target ≥ 1.2) | ours@1 / direct@1 p50 (target ≤ 1.25) | cached / uncached RPS (target ≥ 10) |',
    '|---|---|---|---|',
    ...Object.entries(ratios).map(([name, r]) => `| ${name} | ${r.oursOverHiveRps ?? 'n/a'} | ${r.oursOverDirectP50 ?? 'n/a'} | ${r.cachedOverUncachedRps ?? 'n/a'} |`),
    '',
  ].join('\n');
  writeFileSync(`${stem}.md`, md);
  console.log(`\n${md}\nwrote ${stem}.json and .md`);
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    console.error(`[bench] failed: ${err.stack ?? err.message}`);
    process.exit(1);
  },
);

// A hanging subgraph (SIGSTOPped: the kernel still accepts connections, nothing
// answers): every query gets the other pillars' data and an error within
// SUBGRAPH_TIMEOUT_MS, and the gateway's connections to it do not pile up.
import { alive } from '../../test/support/processes.js';
import { closedLoop, connectionsTo, percentile, round, sleep, timedPost, type ScenarioResult } from '../measure.js';
import type { ServiceProcess } from '../../platform-launcher/service-process.js';
import type { PillarName, ResiliencePlatform } from '../platform.js';
import { countryField, crossPillarQuery, crossPillarVariables, describe } from '../traffic.js';

export interface SubgraphHangingOptions {
  /** SUBGRAPH_TIMEOUT_MS of a gateway started for this scenario (short, so hangs show quickly); default: the platform's gateway. */
  timeoutMs?: number;
  victim?: Exclude<PillarName, 'political-security'>;
  /** Concurrent clients while it hangs. */
  workers?: number;
  hangMs?: number;
  /** How long after SIGCONT its connections may take to settle. */
  settleMs?: number;
}

export async function subgraphHanging(platform: ResiliencePlatform, options: SubgraphHangingOptions = {}): Promise<ScenarioResult> {
  const { victim = 'economy', workers = 4, hangMs = 6000, settleMs = 3000 } = options;
  const ownGateway = options.timeoutMs ? await platform.startExtraGateway({ SUBGRAPH_TIMEOUT_MS: String(options.timeoutMs) }) : undefined;
  try {
    return await hangWith(platform, ownGateway ?? { ...platform.gateway, subgraphTimeoutMs: platform.subgraphTimeoutMs }, { victim, workers, hangMs, settleMs });
  } finally {
    await ownGateway?.stop();
  }
}

async function hangWith(
  platform: ResiliencePlatform,
  gateway: ServiceProcess & { subgraphTimeoutMs: number },
  { victim, workers, hangMs, settleMs }: Required<Omit<SubgraphHangingOptions, 'timeoutMs'>>,
): Promise<ScenarioResult> {
  const timeoutMs = gateway.subgraphTimeoutMs;
  const gatewayUrl = gateway.url;
  const limitMs = timeoutMs + 1500;
  const failures: string[] = [];
  const gatewayPid = gateway.process.pid!;
  const victimPort = Number(new URL(platform.subgraph(victim).url).port);
  const victimProcess = platform.subgraph(victim).process;

  // Warm the pool so "before" counts the keep-alive connections of normal traffic.
  for (let i = 0; i < 3; i++) {
    const res = await timedPost(gatewayUrl, { query: crossPillarQuery, variables: crossPillarVariables });
    if (res.status !== 200 || res.body.errors?.length) failures.push(`before: ${describe(res)}`);
  }
  const before = connectionsTo(gatewayPid, victimPort);
  const latencies: number[] = [];
  let peak = before;
  victimProcess.kill('SIGSTOP');
  let resumed = false;
  // Sampled all along, not only between answers: a stuck socket shows while requests wait.
  const sampler = setInterval(() => (peak = Math.max(peak, connectionsTo(gatewayPid, victimPort))), 100);
  try {
    // A different year per worker: identical fetches in flight would be shared (deduplicated), hiding per-request sockets.
    const load = closedLoop(workers, async (worker) => {
      const res = await timedPost(gatewayUrl, { query: crossPillarQuery, variables: { year: 2000 + worker } });
      latencies.push(res.ms);
      peak = Math.max(peak, connectionsTo(gatewayPid, victimPort));
      const countries = (res.body.data as any)?.countries as any[] | undefined;
      const partial =
        res.status === 200 &&
        countries?.length === 6 &&
        countries.every((c) => c[countryField[victim]] === null && c.politicalSecurity) &&
        res.body.errors?.every((e) => e.extensions?.serviceName === victim && e.extensions?.code === 'SUBGRAPH_UNAVAILABLE' && /did not answer within/.test(e.message));
      if (!partial) failures.push(`hanging: not a partial answer naming ${victim}'s timeout: ${describe(res)}`);
      if (res.ms > limitMs) failures.push(`hanging: answered after ${round(res.ms)} ms (limit ${limitMs} ms)`);
    });
    await sleep(hangMs);
    await load.stop();
  } finally {
    clearInterval(sampler);
    victimProcess.kill('SIGCONT');
    resumed = true;
  }
  const whileHanging = connectionsTo(gatewayPid, victimPort);
  await sleep(settleMs);
  const after = connectionsTo(gatewayPid, victimPort);
  // Timed-out requests must not leave a socket each: what may stay is the keep-alive pool,
  // at most one connection per concurrent client on top of those before.
  if (after > before + workers) failures.push(`${after} connections to ${victim} remain after ${latencies.length} timed-out requests (before: ${before}, clients: ${workers})`);
  const again = await timedPost(gatewayUrl, { query: crossPillarQuery, variables: crossPillarVariables });
  if (again.status !== 200 || again.body.errors?.length) failures.push(`after SIGCONT: ${describe(again)}`);
  if (!resumed || !alive(gatewayPid)) failures.push('gateway process died');
  if (latencies.length === 0) failures.push('no request answered while the subgraph hung');

  return {
    name: 'hanging subgraph',
    figures: {
      victim,
      timeoutMs,
      requests: latencies.length,
      p50Ms: round(percentile(latencies, 50)),
      maxMs: round(Math.max(...latencies)),
      minMs: round(Math.min(...latencies)),
      connectionsBefore: before,
      connectionsPeak: peak,
      connectionsWhileHanging: whileHanging,
      connectionsAfter: after,
    },
    failures: failures.slice(0, 20),
  };
}

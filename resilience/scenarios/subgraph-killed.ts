// A subgraph SIGKILLed during closed-loop read load: while it is gone every
// answer carries the other pillars' data and an error naming it, the gateway
// keeps answering /healthz, and once it is restarted (same port, same store)
// full answers come back.
import { alive } from '../../test/support/processes.js';
import { closedLoop, healthy, round, sleep, timedPost, type ScenarioResult, type Timed } from '../measure.js';
import type { PillarName, ResiliencePlatform } from '../platform.js';
import { countryField, crossPillarQuery, crossPillarVariables, describe } from '../traffic.js';

export interface SubgraphKilledOptions {
  /** Not political-security: it owns `countries`, so without it there is no partial answer to give. */
  victim?: Exclude<PillarName, 'political-security'>;
  workers?: number;
  /** Load before the kill, and how long the subgraph stays dead. */
  beforeMs?: number;
  downMs?: number;
  /** Load after the first full answer following the restart. */
  afterMs?: number;
  /** How long after the restart full answers must be back. */
  recoveryLimitMs?: number;
}

type Kind = 'full' | 'partial' | 'failed';

export async function subgraphKilled(platform: ResiliencePlatform, options: SubgraphKilledOptions = {}): Promise<ScenarioResult> {
  const { victim = 'economy', workers = 4, beforeMs = 3000, downMs = 4000, afterMs = 3000, recoveryLimitMs = 30_000 } = options;
  const failures: string[] = [];
  const counts: Record<Kind, number> = { full: 0, partial: 0, failed: 0 };
  let phase: 'before' | 'down' | 'restarting' | 'after' = 'before';
  let firstFullAfterRestart = 0;
  let healthChecks = 0;
  let healthFailures = 0;

  const classify = (res: Timed): Kind => {
    const countries = (res.body.data as any)?.countries as any[] | undefined;
    if (res.status !== 200 || !countries || countries.length !== 6) return 'failed';
    if (!res.body.errors?.length) return countries.every((c) => c.politicalSecurity && c.economy && c.socialCultural) ? 'full' : 'failed';
    // Partial: only the victim's field is null and every error names the victim.
    const namesVictim = res.body.errors.every((e) => e.extensions?.serviceName === victim && e.message.includes(`"${victim}"`));
    const othersThere = countries.every((c) => c[countryField[victim]] === null && Object.values(countryField).every((f) => f === countryField[victim] || c[f]));
    return namesVictim && othersThere ? 'partial' : 'failed';
  };

  const load = closedLoop(workers, async () => {
    const sentIn = phase;
    const res = await timedPost(platform.gatewayUrl, { query: crossPillarQuery, variables: crossPillarVariables });
    const kind = classify(res);
    counts[kind]++;
    // A request in flight across the kill or the recovery may go either way; within one phase it may not.
    const samePhase = sentIn === phase;
    if (kind === 'failed') failures.push(`${phase}: ${describe(res)}`);
    else if (kind === 'partial' && samePhase && phase === 'before') failures.push(`partial answer before the kill: ${describe(res)}`);
    else if (kind === 'partial' && samePhase && phase === 'after') failures.push(`partial answer after recovery: ${describe(res)}`);
    if (kind === 'full' && phase === 'restarting' && !firstFullAfterRestart) firstFullAfterRestart = performance.now();
  });
  // /healthz must answer all along, also while the subgraph is gone.
  let probing = true;
  const probe = (async () => {
    while (probing) {
      healthChecks++;
      if (!(await healthy(platform.gatewayUrl))) healthFailures++;
      await sleep(250);
    }
  })();

  let killedAt = 0;
  let restartedAt = 0;
  try {
    await sleep(beforeMs);
    const partialBefore = counts.partial;
    phase = 'down';
    killedAt = performance.now();
    await platform.killSubgraph(victim);
    await sleep(downMs);
    if (counts.partial === partialBefore) failures.push(`no partial answers while ${victim} was down`);
    phase = 'restarting';
    await platform.restartSubgraph(victim);
    restartedAt = performance.now();
    const deadline = restartedAt + recoveryLimitMs;
    while (!firstFullAfterRestart && performance.now() < deadline) await sleep(50);
    if (!firstFullAfterRestart) failures.push(`no full answer within ${recoveryLimitMs} ms of restarting ${victim}`);
    else {
      phase = 'after';
      await sleep(afterMs);
    }
  } finally {
    await load.stop();
    probing = false;
    await probe;
  }
  if (healthFailures > 0) failures.push(`gateway /healthz failed ${healthFailures} of ${healthChecks} times`);
  if (!alive(platform.gateway.process.pid!)) failures.push('gateway process died');

  return {
    name: 'subgraph killed during load',
    figures: {
      victim,
      requests: counts.full + counts.partial + counts.failed,
      full: counts.full,
      partial: counts.partial,
      failed: counts.failed,
      healthChecks,
      healthFailures,
      restartMs: round(restartedAt - killedAt - downMs),
      recoveryAfterRestartMs: firstFullAfterRestart ? round(Math.max(0, firstFullAfterRestart - restartedAt)) : 'none',
      outageMs: firstFullAfterRestart ? round(firstFullAfterRestart - killedAt) : 'none',
    },
    failures: failures.slice(0, 20),
  };
}

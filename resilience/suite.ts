// The resilience scenarios in the order they run, with their settings for
// the short version (CI, test/resilience) and the full one (npm run resilience).
import type { ScenarioResult } from './measure.js';
import type { ResiliencePlatform } from './platform.js';
import { hostileInput } from './scenarios/hostile-input.js';
import { soak } from './scenarios/soak.js';
import { storeRestarted } from './scenarios/store-restarted.js';
import { subgraphHanging } from './scenarios/subgraph-hanging.js';
import { subgraphKilled } from './scenarios/subgraph-killed.js';

export interface SuiteOptions {
  short: boolean;
  soakSeconds?: number;
}

export interface Scenario {
  key: string;
  run(platform: ResiliencePlatform): Promise<ScenarioResult>;
}

/**
 * SUBGRAPH_TIMEOUT_MS of the platform's gateway: the default (10 s), above the stores'
 * server selection timeout (5 s), so a store outage reaches clients as the subgraph's own
 * error; an organisation write on a busy 2-core machine can take 4 s.
 */
export const suiteSubgraphTimeoutMs = 10_000;
/** SUBGRAPH_TIMEOUT_MS of the gateway the hanging-subgraph scenario starts for itself. */
export const hangingTimeoutMs = 2000;

export function scenarios({ short, soakSeconds }: SuiteOptions): Scenario[] {
  const soakMs = (soakSeconds ?? (short ? 30 : 600)) * 1000;
  return [
    {
      key: 'subgraph-killed',
      run: (p) => subgraphKilled(p, short ? { workers: 3, beforeMs: 2000, downMs: 3000, afterMs: 2000 } : { workers: 6, beforeMs: 10_000, downMs: 10_000, afterMs: 10_000 }),
    },
    {
      key: 'store-restarted',
      // The store stays down longer than the driver's server selection timeout (5 s), so a write straight at the subgraph fails too.
      run: (p) => storeRestarted(p, short ? { workers: 3, beforeMs: 3000, downMs: 7000, afterMs: 3000 } : { workers: 4, beforeMs: 10_000, downMs: 10_000, afterMs: 10_000 }),
    },
    { key: 'subgraph-hanging', run: (p) => subgraphHanging(p, short ? { timeoutMs: hangingTimeoutMs, workers: 3, hangMs: 5000 } : { timeoutMs: hangingTimeoutMs, workers: 6, hangMs: 20_000 }) },
    { key: 'hostile-input', run: (p) => hostileInput(p, { randomQueries: short ? 60 : 400 }) },
    {
      key: 'soak',
      run: (p) => soak(p, { durationMs: soakMs, warmUpMs: short ? Math.min(10_000, soakMs / 3) : undefined, enforceMemoryBound: !short }),
    },
  ];
}

/** One line of figures: `name: key=value, …`. */
export const figuresLine = (r: ScenarioResult) => `${r.name}: ${Object.entries(r.figures).map(([k, v]) => `${k}=${v}`).join(', ')}`;

// The short resilience suite (resilience/suite.ts) on one real platform: the
// same scenario functions `npm run resilience` runs, each as its own test,
// asserting no failures plus the figures that prove the fault really happened.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { figuresLine, hangingTimeoutMs, scenarios, suiteSubgraphTimeoutMs } from '../../resilience/suite.js';
import type { ScenarioResult } from '../../resilience/measure.js';
import { startResiliencePlatform, type ResiliencePlatform } from '../../resilience/platform.js';

let platform: ResiliencePlatform;
const suite = Object.fromEntries(scenarios({ short: true, soakSeconds: 25 }).map((s) => [s.key, s]));

beforeAll(async () => {
  platform = await startResiliencePlatform({ env: { SUBGRAPH_TIMEOUT_MS: String(suiteSubgraphTimeoutMs) } });
}, 240_000);
afterAll(async () => {
  await platform?.dispose();
}, 60_000);

async function run(key: string): Promise<ScenarioResult> {
  const result = await suite[key].run(platform);
  console.log(figuresLine(result));
  return result;
}

describe('resilience (short)', () => {
  it('a subgraph SIGKILLed under load: partial answers naming it, gateway up, full answers after its restart', async () => {
    const r = await run('subgraph-killed');
    expect(r.failures, r.failures.join('\n')).toEqual([]);
    expect(r.figures.partial).toBeGreaterThan(0);
    expect(r.figures.full).toBeGreaterThan(0);
    expect(r.figures.failed).toBe(0);
    expect(r.figures.healthFailures).toBe(0);
    expect(r.figures.recoveryAfterRestartMs).toEqual(expect.any(Number));
  }, 90_000);

  it('the store SIGKILLed and restarted under writes: timely errors, reconnection, no acknowledged write lost', async () => {
    const r = await run('store-restarted');
    expect(r.failures, r.failures.join('\n')).toEqual([]);
    expect(r.figures.acknowledged).toBeGreaterThan(0);
    expect(r.figures.failed).toBeGreaterThan(0);
    expect(r.figures.lost).toBe(0);
    expect(r.figures.maxErrorMs).toBeLessThanOrEqual(r.figures.errorLimitMs as number);
    expect(r.figures.reconnectMs).toEqual(expect.any(Number));
  }, 90_000);

  it('a hanging subgraph: errors within the timeout and no connections left hanging', async () => {
    const r = await run('subgraph-hanging');
    expect(r.failures, r.failures.join('\n')).toEqual([]);
    expect(r.figures.requests).toBeGreaterThan(0);
    expect(r.figures.timeoutMs).toBe(hangingTimeoutMs);
    expect(r.figures.maxMs).toBeLessThanOrEqual(hangingTimeoutMs + 1500);
  }, 90_000);

  it('malformed and hostile input: 4xx or coded GraphQL errors, no crash, no data change', async () => {
    const r = await run('hostile-input');
    expect(r.failures, r.failures.join('\n')).toEqual([]);
    expect(r.figures.requests).toBeGreaterThan(90);
    expect(r.figures.changedCollections).toBe(0);
    expect(r.figures.collectionsCompared).toBeGreaterThan(10);
  }, 90_000);

  it('soak: mixed reads and writes with zero unexpected errors and every write kept', async () => {
    const r = await run('soak');
    expect(r.failures, r.failures.join('\n')).toEqual([]);
    expect(r.figures.unexpectedErrors).toBe(0);
    expect(r.figures.lost).toBe(0);
    expect(r.figures.reads).toBeGreaterThan(0);
    expect(r.figures.writes).toBeGreaterThan(0);
    // Every process was sampled at start and end.
    expect(Object.keys(r.figures).filter((k) => k.startsWith('rss ')).length).toBe(8);
  }, 90_000);
});

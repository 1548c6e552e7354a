// Soak: mixed reads (cross-pillar and dashboard queries) and writes (new
// organisations in every pillar) for a fixed time. Memory (VmRSS) of every
// process is sampled after a warm-up and at the end; any error is unexpected
// here, and every acknowledged write must read back.
import { alive } from '../../test/support/processes.js';
import { subgraphs } from '../../subgraphs/registry.js';
import { closedLoop, percentile, round, rssMb, sleep, timedPost, type ScenarioResult } from '../measure.js';
import type { PillarName, ResiliencePlatform } from '../platform.js';
import { createOrganisation, crossPillarQuery, crossPillarVariables, dashboardQuery, dashboardVariables, describe, readBackOrganisations } from '../traffic.js';

export interface SoakOptions {
  durationMs: number;
  /** Load before the first memory sample (caches, JIT and pools fill up). */
  warmUpMs?: number;
  readers?: number;
  writers?: number;
  /** Fail on growth above both bounds (the full run; short runs are too short to judge memory). */
  enforceMemoryBound?: boolean;
  maxGrowthRatio?: number;
  maxGrowthMb?: number;
}

export async function soak(platform: ResiliencePlatform, options: SoakOptions): Promise<ScenarioResult> {
  const { durationMs, readers = 3, writers = 2, enforceMemoryBound = false, maxGrowthRatio = 0.5, maxGrowthMb = 100 } = options;
  const warmUpMs = options.warmUpMs ?? Math.min(60_000, Math.round(durationMs / 4));
  const failures: string[] = [];
  const readLatencies: number[] = [];
  const writeLatencies: number[] = [];
  const written: Record<PillarName, string[]> = { 'political-security': [], economy: [], 'social-cultural': [] };
  const run = `soak-${Date.now().toString(36)}`;
  let unexpected = 0;
  let n = 0;

  const note = (what: string) => {
    unexpected++;
    if (failures.length < 20) failures.push(what);
  };
  const reads = closedLoop(readers, async (worker, i) => {
    const dashboard = (worker + i) % 4 === 0;
    const res = await timedPost(platform.gatewayUrl, dashboard ? { query: dashboardQuery, variables: dashboardVariables } : { query: crossPillarQuery, variables: crossPillarVariables });
    readLatencies.push(res.ms);
    if (res.status !== 200 || res.body.errors?.length || !res.body.data) note(`read: ${describe(res)}`);
  });
  const writes = closedLoop(writers, async () => {
    const i = n++;
    const pillar = subgraphs[i % subgraphs.length].name;
    const id = `${run}-${i}`;
    const res = await createOrganisation(platform.gatewayUrl, pillar, id, i);
    writeLatencies.push(res.ms);
    if (res.acknowledged) written[pillar].push(id);
    else note(`write: ${describe(res)}`);
  });

  const processes = platform.processes();
  // RSS every 2 s after the warm-up; start and end are medians of the first and last three
  // samples, so one garbage collection's moment does not count as growth.
  const samples: Array<Record<string, number>> = [];
  const sample = () => samples.push(Object.fromEntries(processes.map((p) => [p.name, rssMb(p.pid)])));
  let sampler: NodeJS.Timeout | undefined;
  try {
    await sleep(warmUpMs);
    sample();
    sampler = setInterval(sample, 2000);
    await sleep(Math.max(0, durationMs - warmUpMs));
    sample();
  } finally {
    clearInterval(sampler);
    await Promise.all([reads.stop(), writes.stop()]);
  }
  const median = (name: string, from: Array<Record<string, number>>) => percentile(from.map((s) => s[name]), 50);
  const start = Object.fromEntries(processes.map((p) => [p.name, median(p.name, samples.slice(0, 3))]));
  const end = Object.fromEntries(processes.map((p) => [p.name, median(p.name, samples.slice(-3))]));

  for (const p of processes) if (!alive(p.pid)) failures.push(`${p.name} (pid ${p.pid}) died`);
  let lost = 0;
  for (const pillar of subgraphs.map((s) => s.name)) {
    const found = await readBackOrganisations(platform.gatewayUrl, pillar, written[pillar]);
    lost += written[pillar].length - found.size;
  }
  if (lost) failures.push(`${lost} acknowledged writes lost`);
  const growth: Record<string, string> = {};
  for (const p of processes) {
    const delta = end[p.name] - start[p.name];
    growth[p.name] = `${round(start[p.name])}→${round(end[p.name])} MB (${delta >= 0 ? '+' : ''}${round(delta)})`;
    const tooMuch = delta > maxGrowthMb && delta > start[p.name] * maxGrowthRatio;
    if (tooMuch && enforceMemoryBound) failures.push(`${p.name} grew ${round(delta)} MB (${round((100 * delta) / start[p.name])}%)`);
  }

  return {
    name: 'soak',
    figures: {
      seconds: round(durationMs / 1000),
      warmUpSeconds: round(warmUpMs / 1000),
      reads: readLatencies.length,
      writes: writeLatencies.length,
      readP50Ms: round(percentile(readLatencies, 50)),
      readP99Ms: round(percentile(readLatencies, 99)),
      writeP50Ms: round(percentile(writeLatencies, 50)),
      writeP99Ms: round(percentile(writeLatencies, 99)),
      unexpectedErrors: unexpected,
      rssSamples: samples.length,
      lost,
      ...Object.fromEntries(Object.entries(growth).map(([name, g]) => [`rss ${name}`, g])),
    },
    failures,
  };
}

// npm run resilience -- [--short] [--soak-seconds N] [--only subgraph-killed,soak] [--log FILE]
// Runs every resilience scenario against one fresh platform (resilience/platform.ts),
// prints each one's figures, writes them to bench/results/resilience-<date>.json
// (full run), and exits 1 on any lost write, crash or unexpected error. --log keeps
// every process's output in FILE, to see why a scenario failed.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '../subgraphs/registry.js';
import type { ScenarioResult } from './measure.js';
import { startResiliencePlatform } from './platform.js';
import { figuresLine, scenarios, suiteSubgraphTimeoutMs } from './suite.js';

const { values } = parseArgs({ options: { short: { type: 'boolean', default: false }, 'soak-seconds': { type: 'string' }, only: { type: 'string' }, log: { type: 'string' } } });
const short = values.short!;
const soakSeconds = values['soak-seconds'] === undefined ? undefined : Number(values['soak-seconds']);
if (soakSeconds !== undefined && !(soakSeconds >= 5)) throw new Error('--soak-seconds must be a number ≥ 5');
const only = values.only?.split(',');

const started = new Date();
console.log(`resilience suite (${short ? 'short' : 'full'}), starting the platform…`);
const logFile = values.log;
if (logFile) writeFileSync(logFile, '');
const platform = await startResiliencePlatform({
  env: { SUBGRAPH_TIMEOUT_MS: String(suiteSubgraphTimeoutMs) },
  log: logFile ? (line) => appendFileSync(logFile, `${new Date().toISOString()} ${line}\n`) : undefined,
});
const results: ScenarioResult[] = [];
try {
  for (const scenario of scenarios({ short, soakSeconds })) {
    if (only && !only.includes(scenario.key)) continue;
    const t0 = performance.now();
    let result: ScenarioResult;
    try {
      result = await scenario.run(platform);
    } catch (err) {
      result = { name: scenario.key, figures: {}, failures: [`scenario threw: ${(err as Error).stack ?? err}`] };
    }
    result.figures.scenarioSeconds = Math.round((performance.now() - t0) / 100) / 10;
    results.push(result);
    console.log(`${result.failures.length ? 'FAIL' : 'ok  '} ${figuresLine(result)}`);
    for (const f of result.failures) console.log(`       ✗ ${f}`);
  }
} finally {
  await platform.dispose();
}

const failed = results.filter((r) => r.failures.length);
console.log('\nfigures');
for (const r of results) {
  console.log(`  ${r.name}`);
  for (const [k, v] of Object.entries(r.figures)) console.log(`    ${k.padEnd(28)} ${v}`);
}
if (!short) {
  const dir = join(repoRoot, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `resilience-${started.toISOString().slice(0, 10)}.json`);
  writeFileSync(file, JSON.stringify({ startedAt: started.toISOString(), short, soakSeconds: soakSeconds ?? 600, subgraphTimeoutMs: suiteSubgraphTimeoutMs, results }, null, 2) + '\n');
  console.log(`\nwritten to ${file}`);
}
console.log(failed.length ? `\n${failed.length} scenario(s) failed: ${failed.map((r) => r.name).join(', ')}` : '\nall scenarios passed');
process.exit(failed.length ? 1 : 0);

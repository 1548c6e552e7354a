// No process outlives the platform launcher, however it dies.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { alive, waitUntil } from './support/processes.js';
import { repoRoot } from '../subgraphs/registry.js';


let dataDir: string;
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

describe('platform launcher', () => {
  it('takes every subgraph, store and the gateway down with it when SIGKILLed', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'lmc-lifecycle-'));
    const script = `
      import { startPlatform } from ${JSON.stringify(join(repoRoot, 'platform-launcher/platform.ts'))};
      const p = await startPlatform({ freePorts: true, dataDir: ${JSON.stringify(dataDir)},
        env: { POLITICAL_SECURITY_MONGODB_URI: '', ECONOMY_MONGODB_URI: '', SOCIAL_CULTURAL_MONGODB_URI: '', LMC_SYNTHETIC_SCALE: '0' } });
      const pids = [p.gateway.process.pid, ...Object.values(p.subgraphs).map((s) => s.process.pid)];
      console.log('PIDS=' + pids.join(','));
      setInterval(() => {}, 1000);`;
    const launcher = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const pids = await new Promise<number[]>((resolve, reject) => {
      let out = '';
      launcher.stdout!.on('data', (b: Buffer) => {
        out += b.toString();
        const m = out.match(/PIDS=([\d,]+)/);
        if (m) resolve(m[1].split(',').map(Number));
      });
      launcher.once('exit', () => reject(new Error('launcher exited early')));
    });
    // Their children: each subgraph's embedded store (and any helper process).
    const childPids = (pid: number) => {
      try {
        return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
      } catch {
        return []; // pgrep exits 1 when there are none
      }
    };
    const storePids = pids.flatMap(childPids);
    expect(pids).toHaveLength(4);
    expect(storePids.length).toBeGreaterThanOrEqual(3);
    launcher.kill('SIGKILL');
    await waitUntil(() => ![...pids, ...storePids].some(alive), 15_000);
    expect([...pids, ...storePids].filter(alive)).toEqual([]);
  });
});

// The Dockerfile, parsed without Docker: builds once in a build stage, runs
// production dependencies as a non-root user, carries no secrets.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, subgraphs } from '../../subgraphs/registry.js';

interface Instruction {
  keyword: string;
  args: string;
}
interface Stage {
  base: string;
  name?: string;
  instructions: Instruction[];
}

/** Instructions (continuation lines joined, comments dropped) grouped by FROM. */
function stagesOf(dockerfile: string): Stage[] {
  const lines = dockerfile.replace(/\\\r?\n/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, keyword, args] = /^(\S+)\s*(.*)$/.exec(line)!;
    if (keyword.toUpperCase() === 'FROM') {
      const [, base, name] = /^(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args)!;
      stages.push({ base, name, instructions: [] });
    } else {
      if (!stages.length) throw new Error(`${keyword} before the first FROM`);
      stages.at(-1)!.instructions.push({ keyword: keyword.toUpperCase(), args });
    }
  }
  return stages;
}

const dockerfile = readFileSync(join(repoRoot, 'Dockerfile'), 'utf8');
const stages = stagesOf(dockerfile);
const runtime = stages.at(-1)!;
const build = stages[0];
const all = (stage: Stage, keyword: string) => stage.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);

describe('Dockerfile', () => {
  it('builds in its own stage: install, compose, codegen, type check, dashboard, then drops dev dependencies', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const runs = all(build, 'RUN').join(' && ');
    const steps = ['npm ci', 'npm run compose', 'npm run codegen', 'npx tsc --noEmit', 'npm run dashboard:build', 'npm prune --omit=dev'];
    const positions = steps.map((step) => runs.indexOf(step));
    expect(positions.every((p) => p >= 0), `build stage runs ${steps.join(', ')}`).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // The lockfile is installed before the sources are copied, so dependency layers are reused.
    const order = build.instructions.map((i) => `${i.keyword} ${i.args}`);
    expect(order.findIndex((i) => i.startsWith('RUN npm ci'))).toBeLessThan(order.indexOf('COPY . .'));
  });

  it('runs the built tree in a separate stage as a non-root user with NODE_ENV=production', () => {
    expect(runtime.name).not.toBe(build.name);
    expect(all(runtime, 'RUN'), 'nothing is installed or built at run time').toEqual([]);
    expect(all(runtime, 'COPY').some((args) => args.startsWith(`--from=${build.name} `))).toBe(true);
    const users = all(runtime, 'USER');
    expect(users.length).toBeGreaterThan(0);
    expect(['root', '0', '0:0', 'root:root']).not.toContain(users.at(-1));
    // USER comes before CMD, so the service never starts as root.
    const keywords = runtime.instructions.map((i) => i.keyword);
    expect(keywords.lastIndexOf('USER')).toBeLessThan(keywords.indexOf('CMD'));
    expect(all(runtime, 'ENV')).toContain('NODE_ENV=production');
  });

  it('starts the gateway or any subgraph, picked by SERVICE, with tsx kept as a production dependency', () => {
    const [cmd] = all(runtime, 'CMD');
    expect(cmd, 'exec form, so signals reach the shell that execs node').toMatch(/^\[/);
    const script = (JSON.parse(cmd) as string[]).join(' ');
    expect(script).toContain('exec node --import tsx gateway/main.ts');
    for (const subgraph of subgraphs) expect(script).toContain(subgraph.name);
    expect(script).toContain('exec node --import tsx "subgraphs/$SERVICE/main.ts"');
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(pkg.dependencies).toHaveProperty('tsx');
  });

  it('carries no secrets and keeps local state out of the build context', () => {
    for (const stage of stages) {
      for (const args of [...all(stage, 'ENV'), ...all(stage, 'ARG')]) {
        expect(args, 'secrets come from the environment at run time').not.toMatch(/SECRET|PASSWORD|TOKEN|_KEY\b/i);
      }
    }
    const ignored = readFileSync(join(repoRoot, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim());
    for (const entry of ['node_modules', '.git', '.data', '.env', 'test-artifacts', 'embedded-store/bin']) expect(ignored).toContain(entry);
  });
});

// npm run dashboard:build: typed client (graphql-codegen), type check, then Vite
// into dashboard/dist. Skipped when its inputs (page sources, examples, SDL,
// lockfile) are unchanged since the last build, so ./lmc start stays quick.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const dashboardDir = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = join(dashboardDir, '..');
const stampFile = join(dashboardDir, 'dist', '.inputs-sha256');

function filesUnder(dir: string, skip: (path: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (skip(path)) return [];
    return statSync(path).isDirectory() ? filesUnder(path, skip) : [path];
  });
}

function inputsHash(): string {
  const generated = new Set([join(dashboardDir, 'dist'), join(dashboardDir, 'src', 'gql')]);
  const files = [
    ...filesUnder(dashboardDir, (p) => generated.has(p)),
    ...filesUnder(join(repoRoot, 'examples'), (p) => statSync(p).isFile() && !p.endsWith('.graphql')),
    ...filesUnder(join(repoRoot, 'subgraphs'), (p) => statSync(p).isFile() && !p.endsWith('.graphql')),
    join(repoRoot, 'platform-kit', 'common.graphql'),
    join(repoRoot, 'package-lock.json'),
  ].sort();
  const hash = createHash('sha256');
  for (const file of files) hash.update(relative(repoRoot, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

const force = process.argv.includes('--force');
const hash = inputsHash();
if (!force && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === hash) {
  console.log('dashboard: up to date');
  process.exit(0);
}
const bin = (name: string) => join(repoRoot, 'node_modules', '.bin', name);
execFileSync(bin('graphql-codegen'), ['--config', 'dashboard/codegen.ts', '--silent'], { cwd: repoRoot, stdio: 'inherit' });
execFileSync(bin('tsc'), ['-p', 'dashboard/tsconfig.json'], { cwd: repoRoot, stdio: 'inherit' });
const { build } = await import('vite');
await build({ configFile: join(dashboardDir, 'vite.config.ts') });
writeFileSync(stampFile, hash);
console.log(`dashboard: built into ${relative(repoRoot, join(dashboardDir, 'dist'))}`);

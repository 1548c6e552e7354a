// The environment variables the running code reads (found in its sources) and
// the ones the README's configuration table documents.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, subgraphs } from '../../subgraphs/registry.js';

/** Folders whose code runs in a deployment or on an operator's machine (not tests, benchmarks or the browser). */
const runtimeFolders = ['gateway', 'platform-kit', 'subgraphs', 'embedded-store', 'platform-launcher', 'import-cli'];

function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'generated' || name === 'bin') return [];
    if (statSync(path).isDirectory()) return typeScriptFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

const envName = '[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Z][A-Z0-9]+';
const readPatterns = [
  // process.env.NAME, env.NAME, env['NAME']
  new RegExp(`\\benv\\.(${envName})\\b`, 'g'),
  new RegExp(`\\benv\\[['"](${envName})['"]\\]`, 'g'),
  // gateway-config.ts helpers: integer(env, 'NAME', …), onOff(env, 'NAME', …)
  new RegExp(`\\(env, '(${envName})'`, 'g'),
  // named constants such as signingSecretEnv = 'LMC_GATEWAY_SIGNING_SECRET'
  new RegExp(`\\w+Env = '(${envName})'`, 'g'),
];

/** Names built from the subgraph registry (subgraphs/registry.ts, platform-kit/subgraph-server.ts). */
export const registryNames = (): string[] =>
  subgraphs.flatMap((s) => [
    s.portEnv,
    s.urlEnv,
    s.mongoUriEnv,
    s.mongoUriEnv.replace(/_URI$/, '_DB'),
    s.mongoUriEnv.replace(/_MONGODB_URI$/, '_SYNTHETIC_SCALE'),
  ]);

/** Every environment variable the runtime code reads. */
export function namesTheCodeReads(): Set<string> {
  const names = new Set(registryNames());
  for (const file of runtimeFolders.flatMap((f) => typeScriptFiles(join(repoRoot, f)))) {
    const source = readFileSync(file, 'utf8');
    for (const pattern of readPatterns) for (const [, name] of source.matchAll(pattern)) names.add(name);
  }
  return names;
}

/** Variables the image's start command reads (`$NAME` in the Dockerfile's CMD). */
export function namesTheImageReads(dockerfile: string): Set<string> {
  const cmd = dockerfile.split('\n').filter((line) => /^(CMD|ENTRYPOINT)\b/.test(line)).join('\n');
  return new Set([...cmd.matchAll(/\$\{?([A-Z][A-Z0-9_]*)/g)].map(([, name]) => name));
}

/** Backticked names in the first column of the README's "## Configuration" table. */
export function namesTheReadmeDocuments(): Set<string> {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((s) => s.startsWith('Configuration'));
  if (!section) throw new Error('README.md has no "## Configuration" section');
  const names = new Set<string>();
  for (const line of section.split('\n').filter((l) => l.startsWith('| `'))) {
    const firstColumn = line.split('|')[1];
    for (const [, name] of firstColumn.matchAll(/`([A-Z][A-Z0-9_]*)`/g)) names.add(name);
  }
  return names;
}

// The three pillar subgraphs: names, folders, default ports and the env vars
// that configure them. Composition, codegen, the gateway and the launcher read this.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface SubgraphInfo {
  /** Service name in the supergraph (lowercase, as in errors' serviceName). */
  name: 'political-security' | 'economy' | 'social-cultural';
  dir: string;
  defaultPort: number;
  /** Env var with a MongoDB URI; when set, no embedded store is started for this subgraph. */
  mongoUriEnv: string;
  /** Env var with this subgraph's URL, as the gateway should call it. */
  urlEnv: string;
  portEnv: string;
  defaultDatabase: string;
}

const info = (name: SubgraphInfo['name'], defaultPort: number): SubgraphInfo => {
  const envPrefix = name.toUpperCase().replace(/-/g, '_');
  return {
    name,
    dir: join(repoRoot, 'subgraphs', name),
    defaultPort,
    mongoUriEnv: `${envPrefix}_MONGODB_URI`,
    urlEnv: `${envPrefix}_URL`,
    portEnv: `${envPrefix}_PORT`,
    defaultDatabase: `lmc_${envPrefix.toLowerCase()}`,
  };
};

export const subgraphs: SubgraphInfo[] = [
  info('political-security', 4001),
  info('economy', 4002),
  info('social-cultural', 4003),
];

export const commonSdlPath = join(repoRoot, 'platform-kit', 'common.graphql');

/** A subgraph's full SDL: the shared value types plus its own schema.graphql. */
export function subgraphSdl(subgraph: SubgraphInfo): string {
  return `${readFileSync(join(subgraph.dir, 'schema.graphql'), 'utf8')}\n${readFileSync(commonSdlPath, 'utf8')}`;
}

export const subgraphInfo = (name: SubgraphInfo['name']): SubgraphInfo => subgraphs.find((s) => s.name === name)!;

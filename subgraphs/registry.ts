// The three pillar subgraphs: names, folders, default ports and the env vars
// that configure them. Composition, codegen, the gateway and the launcher read this.
import { existsSync, readFileSync } from 'node:fs';
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
/** The `viewer` query every subgraph answers from the gateway-signed principal. */
export const accessSdlPath = join(repoRoot, 'platform-kit', 'access', 'access.graphql');

/** The import result types (platform-kit/import). */
export const importSdlPath = join(repoRoot, 'platform-kit', 'import', 'import.graphql');

/** The search and change-feed value types (platform-kit/search, platform-kit/export). */
export const searchSdlPath = join(repoRoot, 'platform-kit', 'search', 'search.graphql');

/** Queries and mutations every pillar has under its own name: a template (see the file). */
export const pillarRecordsSdlPath = join(repoRoot, 'platform-kit', 'pillar-records.graphql');

/** `political-security` → `PoliticalSecurity`, the prefix of the pillar's shared fields. */
export const pillarTypePrefix = (name: SubgraphInfo['name']) =>
  name.replace(/(^|-)([a-z])/g, (_, _dash: string, c: string) => c.toUpperCase());

const pillarRecordsSdl = (subgraph: SubgraphInfo) => {
  const Pillar = pillarTypePrefix(subgraph.name);
  const pillar = Pillar[0].toLowerCase() + Pillar.slice(1);
  return readFileSync(pillarRecordsSdlPath, 'utf8').replace(/\{\{Pillar\}\}/g, Pillar).replace(/\{\{pillar\}\}/g, pillar);
};

/** A subgraph's full SDL: its own schema.graphql (and import.graphql) plus the pillar-records template and the shared value, access, import and search types. */
export function subgraphSdl(subgraph: SubgraphInfo): string {
  const own = [join(subgraph.dir, 'schema.graphql'), join(subgraph.dir, 'import.graphql')].filter((p) => existsSync(p));
  const shared = [commonSdlPath, accessSdlPath, importSdlPath, searchSdlPath].filter((p) => existsSync(p));
  return [...own.map((p) => readFileSync(p, 'utf8')), pillarRecordsSdl(subgraph), ...shared.map((p) => readFileSync(p, 'utf8'))].join('\n');
}

export const subgraphInfo = (name: SubgraphInfo['name']): SubgraphInfo => subgraphs.find((s) => s.name === name)!;

// Composes the three subgraph SDL files into gateway/supergraph.graphql.
// Exits non-zero on any composition error, so the build and CI fail.
import { composeServices } from '@apollo/composition';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import { repoRoot, subgraphs, subgraphSdl } from '../subgraphs/registry.js';

export const supergraphPath = join(repoRoot, 'gateway', 'supergraph.graphql');

export interface SubgraphSource {
  name: string;
  url: string;
  sdl: string;
}

/** The repository's three subgraphs, at their default URLs (the gateway overrides them from <NAME>_URL). */
export const repositorySubgraphs = (): SubgraphSource[] =>
  subgraphs.map((s) => ({ name: s.name, url: `http://127.0.0.1:${s.defaultPort}/`, sdl: subgraphSdl(s) }));

export function composeSupergraph(sources: SubgraphSource[] = repositorySubgraphs()): { supergraphSdl: string; hints: string[] } {
  const result = composeServices(sources.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
  if (result.errors?.length) {
    throw new Error(`supergraph composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  }
  return { supergraphSdl: result.supergraphSdl!, hints: (result.hints ?? []).map((h) => `${h.definition.code}: ${h.message}`) };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const { supergraphSdl, hints } = composeSupergraph();
    writeFileSync(supergraphPath, supergraphSdl);
    for (const hint of hints) console.log(`hint ${hint}`);
    console.log(`wrote ${supergraphPath}`);
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
}

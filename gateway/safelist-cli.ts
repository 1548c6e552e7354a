// `npm run safelist [-- --out <file>] [<.graphql files or folders>]`: extracts
// every named operation (with the fragments it uses) from the given files, by
// default the example queries (examples/*.graphql) and the dashboard page's
// operations (its generated typed client), into an operation manifest
// (default: gateway/safelist.json). Run the gateway with LMC_SAFELIST=<file>
// to accept only these operations; clients send the query text, or just its
// id as extensions.persistedQuery.sha256Hash.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Kind, parse, print, visit, type DefinitionNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { repoRoot } from '../subgraphs/registry.js';
import { sha256, type SafelistManifest } from './persisted-queries.js';

export const defaultSafelistPath = join(repoRoot, 'gateway', 'safelist.json');

function graphqlFiles(paths: string[]): string[] {
  return paths.flatMap((p) =>
    statSync(p).isDirectory()
      ? readdirSync(p)
          .filter((f) => f.endsWith('.graphql'))
          .sort()
          .map((f) => join(p, f))
      : [p],
  );
}

/** The operation and, transitively, the fragments it spreads, printed as one document. */
function operationBody(operation: OperationDefinitionNode, fragments: Map<string, FragmentDefinitionNode>): string {
  const needed = new Map<string, FragmentDefinitionNode>();
  const collect = (node: DefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        const fragment = fragments.get(name);
        if (!fragment) throw new Error(`fragment ${name} is not defined`);
        if (!needed.has(name)) {
          needed.set(name, fragment);
          collect(fragment);
        }
      },
    });
  collect(operation);
  return print({ kind: Kind.DOCUMENT, definitions: [operation, ...[...needed.values()].sort((a, b) => a.name.value.localeCompare(b.name.value))] });
}

/** A GraphQL document and where it comes from (for error messages). */
export interface OperationSource {
  label: string;
  text: string;
}

export const fileSources = (files: string[]): OperationSource[] => files.map((f) => ({ label: relative(repoRoot, f), text: readFileSync(f, 'utf8') }));

/** The dashboard page's operations, exactly as its typed client sends them (dashboard/src/gql, made by dashboard:build). */
export async function dashboardSources(): Promise<OperationSource[]> {
  const generated = join(repoRoot, 'dashboard', 'src', 'gql', 'graphql.ts');
  if (!existsSync(generated)) throw new Error('dashboard/src/gql is missing: run "npm run dashboard:build" first');
  const client = (await import(pathToFileURL(generated).href)) as Record<string, unknown>;
  return Object.entries(client)
    .filter(([name, value]) => name.endsWith('Document') && value instanceof String)
    .map(([name, value]) => ({ label: `dashboard ${name}`, text: String(value) }));
}

export function buildSafelist(sources: OperationSource[]): SafelistManifest {
  const operations: SafelistManifest['operations'] = [];
  for (const { label, text } of sources) {
    const document = parse(text);
    const fragments = new Map(
      document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
    );
    for (const def of document.definitions) {
      if (def.kind !== Kind.OPERATION_DEFINITION) continue;
      if (!def.name) throw new Error(`${label}: every registered operation needs a name`);
      const body = operationBody(def, fragments);
      if (operations.some((o) => o.name === def.name!.value)) throw new Error(`operation ${def.name.value} is defined twice`);
      operations.push({ id: sha256(body), name: def.name.value, type: def.operation, body });
    }
  }
  operations.sort((a, b) => a.name.localeCompare(b.name));
  return { format: 'apollo-persisted-query-manifest', version: 1, operations };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const outAt = args.indexOf('--out');
  const out = outAt >= 0 ? resolve(args[outAt + 1]) : defaultSafelistPath;
  const inputs = args.filter((_, i) => i !== outAt && i !== outAt + 1);
  try {
    const sources = inputs.length ? fileSources(graphqlFiles(inputs)) : [...fileSources(graphqlFiles([join(repoRoot, 'examples')])), ...(await dashboardSources())];
    const manifest = buildSafelist(sources);
    writeFileSync(out, JSON.stringify(manifest, null, 2) + '\n');
    for (const op of manifest.operations) console.log(`${op.id}  ${op.type} ${op.name}`);
    console.log(`wrote ${manifest.operations.length} operations to ${relative(process.cwd(), out)}`);
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
}

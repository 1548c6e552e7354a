// `npm run import -- --pillar economy --kind projects --file projects.csv [--format csv|json|ndjson]
//    [--rejects rejects.csv] [--api-key KEY] [--data-dir DIR] [--json]`
// Imports a file of any size straight into the pillar's store (see
// pillar-store.ts for how the store is found), row by row, resumably. It acts
// as the API key's principal (--api-key or LMC_API_KEY), else as a local
// operator recorded in revisions as cli:<user> (whoever can open the store
// directly can write it anyway). Exit code: 0 all rows imported, 1 some rows
// rejected, 2 nothing imported (usage, file, store or permission problem).
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { parse } from 'graphql';
import { createHash } from 'node:crypto';
import { createReadStream, statSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { openAccessStore } from '../gateway/access-store.js';
import { createApiKeyVerifier } from '../gateway/api-keys.js';
import { CredentialRejected } from '../gateway/jwt-verifier.js';
import { pillarSubgraphNames, type PillarSubgraphName } from '../platform-kit/access/pillar-names.js';
import type { Principal } from '../platform-kit/access/principal.js';
import { requirePillarWriter } from '../platform-kit/access/authorize.js';
import { repairPendingWrites } from '../platform-kit/audit/write-audited.js';
import { checkpointModel, type ImportReject } from '../platform-kit/import/checkpoints.js';
import { runImport, type ImportSummary } from '../platform-kit/import/import-engine.js';
import { fileChunks, ImportFileError, importFormats, type ImportFormat } from '../platform-kit/import/row-sources.js';
import { subgraphDefinitions } from '../subgraphs/definitions.js';
import { subgraphInfo, subgraphSdl } from '../subgraphs/registry.js';
import { pillarImports } from './pillar-imports.js';
import { openPillarStore, StoreUnavailable } from './pillar-store.js';
import { progressReporter } from './progress.js';

const usage = `usage: npm run import -- --pillar <${pillarSubgraphNames.join('|')}> --kind <kind> --file <path>
         [--format csv|json|ndjson] [--rejects <file.csv>] [--api-key <key>] [--data-dir <dir>] [--json]`;

export interface CliIo {
  stdout: NodeJS.WriteStream;
  stderr: (line: string) => void;
}

class UsageError extends Error {}

const formatOf = (file: string, given?: string): ImportFormat => {
  const format = (given ?? { '.csv': 'csv', '.json': 'json', '.ndjson': 'ndjson', '.jsonl': 'ndjson' }[extname(file).toLowerCase()]) as ImportFormat | undefined;
  if (!format || !importFormats.includes(format)) throw new UsageError(`--format must be csv, json or ndjson (not given, and not clear from the file name ${file})`);
  return format;
};

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function principalOf(apiKey: string | undefined, env: NodeJS.ProcessEnv): Promise<Principal> {
  if (!apiKey) return { id: `cli:${userInfo().username}`, role: 'SECRETARIAT_ADMIN' };
  const access = await openAccessStore({ env, role: 'cli' });
  try {
    return await createApiKeyVerifier(access.models, 0)(apiKey);
  } finally {
    await access.close();
  }
}

const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const rejectsCsv = (rejects: ImportReject[]) =>
  ['line,field,reason', ...rejects.map((r) => [String(r.line), r.field ?? '', r.reason].map(csvCell).join(','))].join('\n') + '\n';

const summaryLine = (s: ImportSummary, pillar: string, file: string) =>
  `${pillar}/${s.kind} from ${file} (${s.format}): ${s.rowsRead} rows read, ${s.written} written, ${s.unchanged} unchanged, ${s.rejected} rejected` +
  (s.resumedAfterRow ? ` (resumed after row ${s.resumedAfterRow} of an interrupted run)` : '');

export async function runImportCommand(argv: string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
  let store: Awaited<ReturnType<typeof openPillarStore>> | null = null;
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        pillar: { type: 'string' },
        kind: { type: 'string' },
        file: { type: 'string' },
        format: { type: 'string' },
        rejects: { type: 'string' },
        'api-key': { type: 'string' },
        'data-dir': { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    });
    if (!values.pillar || !values.kind || !values.file) throw new UsageError('--pillar, --kind and --file are required');
    const pillar = values.pillar as PillarSubgraphName;
    if (!pillarSubgraphNames.includes(pillar)) throw new UsageError(`--pillar must be one of ${pillarSubgraphNames.join(', ')}`);
    const imports = pillarImports[pillar];
    // Plural names are accepted too (--kind projects).
    const kind = imports.kinds.find((k) => k.name === values.kind || `${k.name}s` === values.kind);
    if (!kind) throw new UsageError(`--kind for ${pillar} must be one of: ${imports.kinds.map((k) => `${k.name} (${k.description})`).join('; ')}`);
    const file = values.file;
    const format = formatOf(file, values.format);
    const totalBytes = statSync(file).size;

    const principal = await principalOf(values['api-key'] ?? (env.LMC_API_KEY || undefined), env);
    // Refused before the store is even opened (the start-up repair below writes).
    requirePillarWriter(principal, pillar);
    const info = subgraphInfo(pillar);
    const schema = buildSubgraphSchema({
      typeDefs: parse(subgraphSdl(info)),
      resolvers: subgraphDefinitions[pillar].resolvers as GraphQLResolverMap<unknown>,
    });
    const fileHash = await sha256Of(file);
    store = await openPillarStore(info, env, values['data-dir']);
    io.stderr(`importing ${pillar}/${kind.name} from ${file} into ${store.description} as ${principal.id} (${principal.role})`);
    const models = imports.registerModels(store.connection);
    // A run killed mid-write may have left records behind their revisions, or rollups behind their records: complete them first.
    await repairPendingWrites(models.revisions, Object.fromEntries(imports.kinds.map((k) => [k.audited(models).collection, k.audited(models)])));
    await imports.repair?.(models);

    let bytesRead = 0;
    async function* counted() {
      for await (const chunk of fileChunks(file)) {
        bytesRead += Buffer.byteLength(chunk);
        yield chunk;
      }
    }
    const progress = progressReporter(io.stdout, totalBytes, `${pillar}/${kind.name}`);
    const summary = await runImport({
      pillar,
      kind,
      models,
      principal,
      schema,
      format,
      chunks: counted(),
      checkpoint: { model: checkpointModel(store.connection), fileHash },
      onProgress: (p) => progress.update(p, bytesRead),
    });
    progress.done();

    if (values.rejects) writeFileSync(values.rejects, rejectsCsv(summary.rejects));
    else for (const r of summary.rejects) io.stderr(`line ${r.line}${r.field ? `, ${r.field}` : ''}: ${r.reason}`);
    if (values.json) io.stdout.write(`${JSON.stringify(summary)}\n`);
    else io.stdout.write(`${summaryLine(summary, pillar, file)}\n`);
    return summary.rejected > 0 ? 1 : 0;
  } catch (err) {
    const e = err as Error & { extensions?: { code?: string } };
    if (err instanceof UsageError || (e as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') io.stderr(`${e.message}\n${usage}`);
    else if (err instanceof ImportFileError || err instanceof StoreUnavailable) io.stderr(`import failed: ${e.message}`);
    else if (e.extensions?.code === 'FORBIDDEN' || e.extensions?.code === 'UNAUTHENTICATED') io.stderr(`import refused: ${e.message}`);
    else if ((e as { code?: string }).code === 'ENOENT') io.stderr(`import failed: ${e.message}`);
    else if (err instanceof CredentialRejected) io.stderr(`import refused: ${e.message}`);
    else io.stderr(`import failed: ${e.stack ?? e.message}`);
    return 2;
  } finally {
    await store?.close();
  }
}

if (process.argv[1]?.endsWith('import-cli/main.ts')) {
  const code = await runImportCommand(process.argv.slice(2), process.env, { stdout: process.stdout, stderr: (line) => console.error(line) });
  process.exit(code);
}

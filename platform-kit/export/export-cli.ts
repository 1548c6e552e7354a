// Bulk export, snapshot and mirror sync, with a progress bar on stderr and the
// result as JSON on stdout.
// From the gateway, as a think tank (--gateway URL, credential in --api-key,
// LMC_API_KEY or LMC_BEARER_TOKEN; published collections only):
//   npm run export   -- --gateway URL --pillar P --kind K --format ndjson|csv --out DIR [--updated-since ISO]
//   npm run snapshot -- --gateway URL --out DIR          every published collection + manifest.json (mirror.ts)
//   npm run sync     -- --gateway URL --mirror DIR       bring that snapshot up to date (changes only)
// From the stores, as an operator (found as the import CLI finds them: import-cli/pillar-store.ts):
//   npm run export   -- --pillar P --kind K --format F --out DIR [--updated-since ISO] [--data-dir DIR]
//   npm run snapshot -- --out DIR [--data-dir DIR]       every collection, internal ones too (snapshot.ts)
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openPillarStore, type PillarStore } from '../../import-cli/pillar-store.js';
import { pillarSubgraphNames, type PillarSubgraphName } from '../access/pillar-names.js';
import { subgraphInfo } from '../../subgraphs/registry.js';
import { allRecords, exportFormats, exportRecords, recordsChangedSince, type ExportFormat } from './collection-export.js';
import { collectionNames, writeSnapshot } from './snapshot.js';
import { viewRows } from './export-views.js';
import { subgraphDefinitions } from '../../subgraphs/definitions.js';
import { GatewayExportClient, GatewayExportError } from './gateway-export-client.js';
import { pullSnapshot, syncMirror } from './mirror.js';
import { progressBar } from './progress-bar.js';

const usage = `usage: npm run export -- [--gateway <url>] --pillar <${pillarSubgraphNames.join('|')}> --kind <collection> --format <ndjson|csv> --out <dir> [--updated-since <ISO time>] [--data-dir <dir>]
       npm run snapshot -- [--gateway <url>] --out <dir> [--data-dir <dir>]
       npm run sync -- --gateway <url> --mirror <dir>
with --gateway, the credential comes from --api-key, LMC_API_KEY or LMC_BEARER_TOKEN (a THINK_TANK_READER or SECRETARIAT_ADMIN)`;

class UsageError extends Error {}

/** A bar per file, fed with (count, bytes, total). */
const barFor = (label: string) => {
  let bar: ReturnType<typeof progressBar> | null = null;
  return (count: number, bytes: number, total: number | null, final?: boolean) => {
    bar ??= progressBar(label, total);
    if (final) bar.done(count, bytes);
    else bar.update(count, bytes);
  };
};

const print = (result: unknown): void => void process.stdout.write(`${JSON.stringify(result)}\n`);

function parse(argv: string[]) {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      gateway: { type: 'string' },
      'api-key': { type: 'string' },
      pillar: { type: 'string' },
      kind: { type: 'string' },
      format: { type: 'string', default: 'ndjson' },
      out: { type: 'string' },
      mirror: { type: 'string' },
      'data-dir': { type: 'string' },
      'updated-since': { type: 'string' },
    },
  });
  if (!['export', 'snapshot', 'sync'].includes(command)) throw new UsageError(`unknown command ${command ?? '(none)'}`);
  const dir = command === 'sync' ? values.mirror ?? values.out : values.out;
  if (!dir) throw new UsageError(command === 'sync' ? '--mirror <dir> is required' : '--out <dir> is required');
  if (command === 'sync' && !values.gateway) throw new UsageError('sync reads changes from the gateway: --gateway <url> is required');
  const since = values['updated-since'] ? new Date(values['updated-since']) : null;
  if (since && Number.isNaN(since.getTime())) throw new UsageError(`--updated-since ${values['updated-since']} is not an ISO 8601 time`);
  if (command === 'export') {
    if (!pillarSubgraphNames.includes(values.pillar as PillarSubgraphName)) throw new UsageError(`--pillar must be one of ${pillarSubgraphNames.join(', ')}`);
    if (!values.kind) throw new UsageError('--kind <collection> is required');
    if (!exportFormats.includes(values.format as ExportFormat)) throw new UsageError(`--format must be one of ${exportFormats.join(', ')}`);
  }
  return { command, dir, values, since, pillar: values.pillar as PillarSubgraphName, format: values.format as ExportFormat, kind: values.kind! };
}

type Options = ReturnType<typeof parse>;

async function fromGateway(o: Options): Promise<void> {
  const client = new GatewayExportClient(o.values.gateway!, {
    apiKey: o.values['api-key'] ?? (process.env.LMC_API_KEY || undefined),
    bearerToken: process.env.LMC_BEARER_TOKEN || undefined,
  });
  if (o.command === 'snapshot') {
    const manifest = await pullSnapshot(client, o.dir, barFor);
    return print({ manifest: join(o.dir, 'manifest.json'), files: manifest.files.length });
  }
  if (o.command === 'sync') {
    const { synced } = await syncMirror(client, o.dir, barFor);
    return print({ manifest: join(o.dir, 'manifest.json'), synced: synced.filter((s) => s.upserted || s.deleted) });
  }
  const file = join(o.dir, `${o.kind}${o.since ? '-changes' : ''}.${o.format}`);
  const got = await client.download(o.pillar, o.kind, o.format, o.since?.toISOString() ?? null, file, barFor(o.kind));
  print(got);
}

async function fromStores(o: Options): Promise<number> {
  const open = (pillar: PillarSubgraphName) => openPillarStore(subgraphInfo(pillar), process.env, o.values['data-dir']);
  if (o.command === 'snapshot') {
    const stores: PillarStore[] = [];
    try {
      for (const pillar of pillarSubgraphNames) stores.push(await open(pillar));
      const bars = new Map<string, ReturnType<typeof progressBar>>();
      const manifest = await writeSnapshot(
        pillarSubgraphNames.map((pillar, i) => ({ pillar, connection: stores[i].connection })),
        o.dir,
        (label, count) => (bars.get(label) ?? bars.set(label, progressBar(label, null)).get(label)!).update(count),
      );
      print({ manifest: join(o.dir, 'manifest.json'), files: manifest.files.length });
      return 0;
    } finally {
      for (const s of stores) await s.close();
    }
  }
  const store = await open(o.pillar);
  try {
    const names = await collectionNames(store.connection);
    const views = subgraphDefinitions[o.pillar].exportViews ?? [];
    const view = views.find((v) => v.name === o.kind);
    if (!names.includes(o.kind) && !view) {
      console.error(`no collection or view ${o.kind} in ${o.pillar}; one of: ${[...names, ...views.map((v) => v.name)].join(', ')}`);
      return 2;
    }
    const source = view ? viewRows(store.connection, view, o.since) : o.since ? recordsChangedSince(store.connection, o.kind, o.since) : allRecords(store.connection, o.kind);
    const total = view || o.since ? null : await store.connection.collection(o.kind).estimatedDocumentCount();
    const bar = progressBar(o.kind, total);
    const result = await exportRecords(source, o.format, join(o.dir, `${o.kind}.${o.format}`), (n) => bar.update(n));
    bar.done(result.count, result.bytes);
    print(result);
    return 0;
  } finally {
    await store.close();
  }
}

async function main(argv: string[]): Promise<number> {
  let options: Options;
  try {
    options = parse(argv);
  } catch (err) {
    console.error(`${(err as Error).message}\n${usage}`);
    return 2;
  }
  mkdirSync(options.dir, { recursive: true });
  if (!options.values.gateway) return fromStores(options);
  try {
    await fromGateway(options);
    return 0;
  } catch (err) {
    if (!(err instanceof GatewayExportError)) {
      console.error(`error: ${(err as Error).message}`);
      return 1;
    }
    console.error(`${err.code}: ${err.message}`);
    return err.code === 'UNAUTHENTICATED' || err.code === 'FORBIDDEN' ? 3 : 1;
  }
}

process.exitCode = await main(process.argv.slice(2));

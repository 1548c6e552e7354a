// `npm run export -- --pillar economy --kind projects --format ndjson|csv --out DIR [--updated-since ISO] [--data-dir DIR]`
//   streams one collection (a record kind, by collection name) or view (financial_flows:
//   one row per flow) to DIR/<kind>.<format>;
//   with --updated-since, only the records written since then (archived ones with archived: true);
// `npm run snapshot -- --out DIR [--data-dir DIR]`
//   writes every collection of every pillar plus manifest.json (snapshot.ts).
// Stores are found as the import CLI finds them (import-cli/pillar-store.ts).
// Progress goes to stderr; the result (file, count, sha256) to stdout as JSON.
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

const usage = `usage: npm run export -- --pillar <${pillarSubgraphNames.join('|')}> --kind <collection> --format <ndjson|csv> --out <dir> [--updated-since <ISO time>] [--data-dir <dir>]
       npm run snapshot -- --out <dir> [--data-dir <dir>]`;

const progress = (label: string, count: number) => process.stderr.write(`${process.stderr.isTTY ? '\r' : ''}${label}: ${count} records${process.stderr.isTTY ? '\x1b[K' : '\n'}`);

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: { pillar: { type: 'string' }, kind: { type: 'string' }, format: { type: 'string', default: 'ndjson' }, out: { type: 'string' }, 'data-dir': { type: 'string' }, 'updated-since': { type: 'string' } },
  });
  if (!values.out || (command !== 'export' && command !== 'snapshot')) {
    console.error(usage);
    return 2;
  }
  const open = (pillar: PillarSubgraphName) => openPillarStore(subgraphInfo(pillar), process.env, values['data-dir']);
  mkdirSync(values.out, { recursive: true });
  if (command === 'snapshot') {
    const stores: Array<{ pillar: string; store: PillarStore }> = [];
    try {
      for (const pillar of pillarSubgraphNames) stores.push({ pillar, store: await open(pillar) });
      const manifest = await writeSnapshot(stores.map((s) => ({ pillar: s.pillar, connection: s.store.connection })), values.out, progress);
      process.stdout.write(`${JSON.stringify({ manifest: join(values.out, 'manifest.json'), files: manifest.files.length })}\n`);
      return 0;
    } finally {
      for (const s of stores) await s.store.close();
    }
  }
  const pillar = values.pillar as PillarSubgraphName;
  const format = values.format as ExportFormat;
  const since = values['updated-since'] ? new Date(values['updated-since']) : null;
  if (!pillarSubgraphNames.includes(pillar) || !values.kind || !exportFormats.includes(format) || (since && Number.isNaN(since.getTime()))) {
    console.error(usage);
    return 2;
  }
  const store = await open(pillar);
  try {
    const names = await collectionNames(store.connection);
    const view = subgraphDefinitions[pillar].exportViews?.find((v) => v.name === values.kind);
    if (!names.includes(values.kind) && !view) {
      console.error(`no collection or view ${values.kind} in ${pillar}; one of: ${[...names, ...(subgraphDefinitions[pillar].exportViews ?? []).map((v) => v.name)].join(', ')}`);
      return 2;
    }
    const source = view
      ? viewRows(store.connection, view, since)
      : since
        ? recordsChangedSince(store.connection, values.kind, since)
        : allRecords(store.connection, values.kind);
    const result = await exportRecords(source, format, join(values.out, `${values.kind}.${format}`), (n) => progress(values.kind!, n));
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

process.exitCode = await main(process.argv.slice(2));

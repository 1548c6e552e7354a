// `npx tsx bench/export-throughput.ts [--scale 5] [--collection projects]`
// Seeds the economy pillar at --scale in a fresh embedded store, then reads the
// collection three ways and prints records/s and the ratio to a raw driver
// cursor read of the same collection (same _id order): NDJSON export, CSV
// export (two passes: columns, then rows). Also the peak RSS growth of each,
// which stays flat whatever the collection's size (streaming, one batch at a time).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedStore } from '../embedded-store/launcher.js';
import { exportCollection } from '../platform-kit/export/collection-export.js';
import { connectStore } from '../platform-kit/mongo-store.js';
import { DEFAULT_RANDOM_SEED } from '../platform-kit/subgraph-server.js';
import { subgraphDefinitions } from '../subgraphs/definitions.js';
import { subgraphInfo } from '../subgraphs/registry.js';

const option = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
};
const scale = Number(option('scale', '5'));
const collection = option('collection', 'projects');

async function measure(label: string, run: () => Promise<number>) {
  global.gc?.();
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = process.hrtime.bigint();
  const count = await run();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(timer);
  return { label, count, seconds, perSecond: count / seconds, peakRssGrowthMb: (peak - rss0) / 2 ** 20 };
}

const dir = mkdtempSync(join(tmpdir(), 'lmc-export-bench-'));
const store = await startEmbeddedStore({ dataDir: join(dir, 'store') });
const info = subgraphInfo('economy');
const connection = await connectStore({ uri: store.uri, dbName: info.defaultDatabase });
try {
  const opened = subgraphDefinitions.economy.open(connection);
  await opened.seed();
  await opened.seedSynthetic?.({ scale, randomSeed: DEFAULT_RANDOM_SEED });
  // One untimed read first, so no variant pays for a cold store.
  for await (const doc of connection.collection(collection).find({}).batchSize(500)) void doc;
  const raw = await measure('raw driver cursor', async () => {
    let n = 0;
    for await (const doc of connection.collection(collection).find({}).sort({ _id: 1 }).batchSize(500)) if (doc) n += 1;
    return n;
  });
  const ndjson = await measure('export ndjson', async () => (await exportCollection(connection, collection, 'ndjson', join(dir, `${collection}.ndjson`))).count);
  const csv = await measure('export csv', async () => (await exportCollection(connection, collection, 'csv', join(dir, `${collection}.csv`))).count);
  console.log(`economy.${collection} at scale ${scale}: ${raw.count} records`);
  for (const r of [raw, ndjson, csv]) {
    console.log(
      `${r.label.padEnd(18)} ${r.perSecond.toFixed(0).padStart(8)} records/s  ratio to raw ${(r.perSecond / raw.perSecond).toFixed(2)}  peak RSS growth ${r.peakRssGrowthMb.toFixed(1)} MB`,
    );
  }
} finally {
  await connection.close();
  await store.stop();
  rmSync(dir, { recursive: true, force: true });
}

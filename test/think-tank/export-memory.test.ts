// Export memory stays flat: a synthetic collection over twice as large as
// the exporting process's heap limit streams out whole (an exporter that held
// the collection in memory would die of heap exhaustion).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startEmbeddedStore, type EmbeddedStore } from '../../embedded-store/launcher.js';
import { connectStore } from '../../platform-kit/mongo-store.js';
import { repoRoot } from '../../subgraphs/registry.js';

const RECORDS = 40_000;
const HEAP_LIMIT_MB = 32;
const DB = 'lmc_export_memory';
const COLLECTION = 'synthetic_observations';

let dir: string;
let store: EmbeddedStore;
let connection: Connection;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lmc-export-memory-'));
  store = await startEmbeddedStore({ dataDir: join(dir, 'store') });
  connection = await connectStore({ uri: store.uri, dbName: DB });
  const filler = 'synthetic observation note '.repeat(80); // ~2.2 KB a record
  for (let i = 0; i < RECORDS; i += 2000) {
    const batch = Array.from({ length: Math.min(2000, RECORDS - i) }, (_, k) => ({
      _id: `obs-${String(i + k).padStart(7, '0')}`,
      value: (i + k) % 997,
      note: filler,
      provenance: { source: 'synthetic', licence: 'CC0-1.0', recordedAt: new Date('2026-01-01T00:00:00Z'), synthetic: true },
    }));
    await connection.collection(COLLECTION).insertMany(batch as never[]);
  }
}, 300_000);

afterAll(async () => {
  await connection?.close();
  await store?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it(`streams ${RECORDS} records (over twice the ${HEAP_LIMIT_MB} MB heap limit) with a flat heap`, async () => {
  const out = join(dir, 'export.ndjson');
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [`--max-old-space-size=${HEAP_LIMIT_MB}`, '--import', 'tsx', join(repoRoot, 'test', 'think-tank', 'export-memory-child.ts'), store.uri, DB, COLLECTION, out],
    { cwd: repoRoot, maxBuffer: 1 << 20 },
  );
  const result = JSON.parse(stdout.trim().split('\n').pop()!);
  console.log(`export of ${result.count} records, ${(result.bytes / 2 ** 20).toFixed(1)} MB: peak heap ${result.peakHeapMb.toFixed(1)} MB, peak RSS ${result.peakRssMb.toFixed(1)} MB`);
  expect(result.count).toBe(RECORDS);
  expect(result.bytes).toBeGreaterThan(2 * HEAP_LIMIT_MB * 2 ** 20);
  expect(result.peakHeapMb).toBeLessThan(HEAP_LIMIT_MB);
  const text = readFileSync(out);
  expect(createHash('sha256').update(text).digest('hex')).toBe(result.sha256);
  const lines = text.toString('utf8').trimEnd().split('\n');
  expect(lines).toHaveLength(RECORDS);
  expect(JSON.parse(lines[RECORDS - 1])._id).toBe(`obs-${String(RECORDS - 1).padStart(7, '0')}`);
}, 300_000);

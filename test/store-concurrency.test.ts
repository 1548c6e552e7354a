// Concurrent updates of one document through connectStore are all applied on
// the embedded store (FerretDB isolates nothing between connections, so
// connectStore keeps one: platform-kit/mongo-store.ts). Rollups ($inc) and the
// search index ($addToSet/$pull) depend on it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startEmbeddedStore, type EmbeddedStore } from '../embedded-store/launcher.js';
import { connectStore } from '../platform-kit/mongo-store.js';

let dir: string;
let store: EmbeddedStore;
let connection: Connection;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lmc-store-concurrency-'));
  store = await startEmbeddedStore({ dataDir: dir });
  connection = await connectStore({ uri: store.uri, dbName: 'lmc_concurrency' });
});
afterAll(async () => {
  await connection?.close();
  await store?.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('applies every one of many concurrent $inc and $addToSet updates of one document', async () => {
  const counters = connection.collection<{ _id: string; n: number; seen: number[] }>('counters');
  await counters.insertOne({ _id: 'cell', n: 0, seen: [] });
  const writers = 40;
  await Promise.all(
    Array.from({ length: writers }, (_, i) =>
      Promise.all([counters.updateOne({ _id: 'cell' }, { $inc: { n: 1 } }), counters.updateOne({ _id: 'cell' }, { $addToSet: { seen: i } })]),
    ),
  );
  const cell = await counters.findOne({ _id: 'cell' });
  expect(cell?.n).toBe(writers);
  expect([...(cell?.seen ?? [])].sort((a, b) => a - b)).toEqual(Array.from({ length: writers }, (_, i) => i));
});

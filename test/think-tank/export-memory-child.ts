// Child process of export-memory.test.ts: exports one collection with a small
// heap limit (set by the parent) and prints the result and its peak memory.
import { allRecords, exportRecords } from '../../platform-kit/export/collection-export.js';
import { connectStore } from '../../platform-kit/mongo-store.js';

const [uri, dbName, collection, out] = process.argv.slice(2);
const connection = await connectStore({ uri, dbName });
let peakHeapMb = 0;
let peakRssMb = 0;
const sample = () => {
  const m = process.memoryUsage();
  peakHeapMb = Math.max(peakHeapMb, m.heapUsed / 2 ** 20);
  peakRssMb = Math.max(peakRssMb, m.rss / 2 ** 20);
};
const timer = setInterval(sample, 10);
const result = await exportRecords(allRecords(connection, collection), 'ndjson', out);
clearInterval(timer);
sample();
await connection.close();
process.stdout.write(`${JSON.stringify({ ...result, peakHeapMb, peakRssMb })}\n`);

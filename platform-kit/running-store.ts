// An embedded store is one server per data folder: two servers must never
// open the same SQLite files. The process that started one publishes its URI
// in the folder (running-store.json), so command-line tools (the import and keys CLIs)
// talk to that server instead of starting a second one.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import mongoose from 'mongoose';

const fileIn = (dataDir: string) => join(dataDir, 'running-store.json');

/** Publishes the store serving `dataDir`; returns the function that withdraws it (call it on stop). */
export function publishRunningStore(dataDir: string, uri: string): () => void {
  writeFileSync(fileIn(dataDir), JSON.stringify({ uri, pid: process.pid }));
  return () => rmSync(fileIn(dataDir), { force: true });
}

export type RunningStore = { state: 'none' } | { state: 'running'; uri: string; pid: number } | { state: 'unreachable'; uri: string; pid: number };

/** The store a live process published for `dataDir`: none (or its process is gone), running (answers ping), or unreachable. */
export async function findRunningStore(dataDir: string, pingTimeoutMs = 1500): Promise<RunningStore> {
  const file = fileIn(dataDir);
  if (!existsSync(file)) return { state: 'none' };
  let published: { uri: string; pid: number };
  try {
    published = JSON.parse(readFileSync(file, 'utf8'));
    process.kill(published.pid, 0);
  } catch {
    return { state: 'none' };
  }
  const client = new mongoose.mongo.MongoClient(published.uri, { serverSelectionTimeoutMS: pingTimeoutMs, connectTimeoutMS: pingTimeoutMs });
  try {
    await client.connect();
    await client.db('admin').command({ ping: 1 });
    return { state: 'running', ...published };
  } catch {
    return { state: 'unreachable', ...published };
  } finally {
    await client.close().catch(() => {});
  }
}

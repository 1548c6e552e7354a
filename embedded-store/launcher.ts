// Starts the embedded store on a free port, waits until it answers `ping`,
// and stops it cleanly. The child exits on its own if this process dies
// (it watches its stdin pipe), so no store outlives its launcher.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import mongoose from 'mongoose';
import { ensureStoreBinary } from './build.js';
import { freePort } from '../platform-kit/free-port.js';
import { stopChild } from '../platform-kit/child-process.js';

export interface EmbeddedStoreOptions {
  /** Directory for the SQLite files (created if missing). */
  dataDir: string;
  /** Use FerretDB's PostgreSQL backend instead of SQLite. */
  postgresqlUrl?: string;
  port?: number;
  host?: string;
  startTimeoutMs?: number;
  log?: (msg: string) => void;
}

export interface EmbeddedStore {
  /** mongodb:// URI of the server (append a database name). */
  uri: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function startEmbeddedStore(options: EmbeddedStoreOptions): Promise<EmbeddedStore> {
  const binary = ensureStoreBinary(options.log);
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? (await freePort(host));
  mkdirSync(options.dataDir, { recursive: true });
  const args = ['-listen', `${host}:${port}`, '-exit-on-stdin-eof'];
  args.push(...(options.postgresqlUrl ? ['-postgresql-url', options.postgresqlUrl] : ['-sqlite-dir', options.dataDir]));

  const child = spawn(binary, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  // The store prints this only after binding its port, so a ping cannot reach
  // some other server already on that port.
  let listening = false;
  child.stdout!.on('data', (chunk: Buffer) => {
    if (chunk.toString().includes('lmc-store listening on')) listening = true;
  });
  const uri = `mongodb://${host}:${port}/`;
  const store: EmbeddedStore = { uri, port, process: child, stop: () => stopChild(child) };
  try {
    await waitForPing(uri, child, options.startTimeoutMs ?? 20_000, () => stderr, () => listening);
  } catch (err) {
    await store.stop();
    throw err;
  }
  return store;
}

async function waitForPing(
  uri: string,
  child: ChildProcess,
  timeoutMs: number,
  stderr: () => string,
  listening: () => boolean,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`embedded store exited (${child.exitCode ?? child.signalCode}) before answering ping: ${stderr().trim()}`);
    }
    if (!listening()) {
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    const client = new mongoose.mongo.MongoClient(uri, { serverSelectionTimeoutMS: 500, connectTimeoutMS: 500 });
    try {
      await client.connect();
      await client.db('admin').command({ ping: 1 });
      return;
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      await client.close().catch(() => {});
    }
  }
  throw new Error(`embedded store did not answer ping within ${timeoutMs} ms: ${String(lastError)} ${stderr().trim()}`);
}

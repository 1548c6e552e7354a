// A think tank's mirror of the published collections of every pillar, pulled
// over the gateway's HTTP export: `pullSnapshot` downloads every collection as
// NDJSON (in the store's _id order) with a manifest; `syncMirror` then asks
// each file for what changed since its own `syncedThrough` (records written
// since, tombstones of deletions) and merges that into the file as one
// streaming pass over three _id-ordered inputs, so memory stays flat. A synced
// mirror is byte-identical to a fresh snapshot. Each file and the manifest
// are replaced whole (renamed from a temporary file), one file at a time, so
// a sync cut off half-way leaves a consistent mirror that the next sync finishes.
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { compareStoreIds } from './id-order.js';
import type { GatewayExportClient, DownloadProgress } from './gateway-export-client.js';
import { manifestPath, SNAPSHOT_LICENCE, SNAPSHOT_SCHEMA_VERSION, writeManifest, type SnapshotManifest } from './snapshot.js';

export interface MirrorFile {
  pillar: string;
  collection: string;
  file: string;
  count: number;
  sha256: string;
  bytes: number;
  /** Everything written before this server time is in the file. */
  syncedThrough: string;
}

export interface MirrorManifest extends SnapshotManifest {
  /** The gateway the mirror was pulled from. */
  source: string;
  files: MirrorFile[];
}

export type MirrorProgress = (label: string) => DownloadProgress;

export interface SyncedFile {
  file: string;
  /** Records added or replaced, and records dropped (tombstones), in this sync. */
  upserted: number;
  deleted: number;
}

const noProgress: MirrorProgress = () => () => {};

/** Every published collection of every pillar the gateway lists: [pillar, collection]. */
async function publishedCollections(client: GatewayExportClient): Promise<Array<[string, string]>> {
  const out: Array<[string, string]> = [];
  for (const pillar of (await client.pillars()).sort()) {
    for (const collection of (await client.listing(pillar)).collections) out.push([pillar, collection]);
  }
  return out;
}

async function pullFile(client: GatewayExportClient, dir: string, pillar: string, collection: string, progress: MirrorProgress): Promise<MirrorFile> {
  mkdirSync(join(dir, pillar), { recursive: true });
  const file = join(pillar, `${collection}.ndjson`);
  const got = await client.download(pillar, collection, 'ndjson', null, join(dir, file), progress(file));
  return { pillar, collection, file, count: got.count, sha256: got.sha256, bytes: got.bytes, syncedThrough: got.asOf };
}

const manifestOf = (client: GatewayExportClient, files: MirrorFile[]): MirrorManifest => ({
  schemaVersion: SNAPSHOT_SCHEMA_VERSION,
  licence: SNAPSHOT_LICENCE,
  generatedAt: new Date().toISOString(),
  source: client.gatewayUrl,
  files,
});

/** Downloads every published collection into `dir`, with manifest.json. */
export async function pullSnapshot(client: GatewayExportClient, dir: string, progress: MirrorProgress = noProgress): Promise<MirrorManifest> {
  const files: MirrorFile[] = [];
  for (const [pillar, collection] of await publishedCollections(client)) files.push(await pullFile(client, dir, pillar, collection, progress));
  return writeManifest(dir, manifestOf(client, files));
}

export function readMirrorManifest(dir: string): MirrorManifest {
  if (!existsSync(manifestPath(dir))) throw new Error(`${dir} holds no manifest.json: pull a snapshot into it first (npm run snapshot -- --gateway <url> --out ${dir})`);
  const manifest = JSON.parse(readFileSync(manifestPath(dir), 'utf8')) as MirrorManifest;
  if (!manifest.source || !manifest.files?.every((f) => f.syncedThrough)) throw new Error(`${dir}/manifest.json is not a mirror's manifest (no source or syncedThrough): pull it with --gateway`);
  return manifest;
}

type Line = { id: unknown; text: string };

/** The NDJSON file's lines with their _id, in file order. */
async function* linesOf(path: string): AsyncGenerator<Line> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const text of lines) if (text) yield { id: (JSON.parse(text) as { _id: unknown })._id, text };
}

const isTombstone = (text: string) => {
  const record = JSON.parse(text) as Record<string, unknown>;
  return record.deleted === true && Object.keys(record).length === 2;
};

/** An iterator with one line of look-ahead. */
async function peekable(lines: AsyncGenerator<Line>) {
  let head = await lines.next();
  return {
    get current(): Line | undefined {
      return head.done ? undefined : head.value;
    },
    async advance() {
      head = await lines.next();
    },
  };
}

/** Writes lines to `path`.part with their hash, then renames it over `path`. */
function replacingWriter(path: string) {
  const out = createWriteStream(`${path}.part`);
  const hash = createHash('sha256');
  let bytes = 0;
  let count = 0;
  return {
    async write(text: string) {
      const line = `${text}\n`;
      hash.update(line);
      bytes += Buffer.byteLength(line);
      count += 1;
      if (!out.write(line)) await once(out, 'drain');
    },
    async commit() {
      out.end();
      await once(out, 'finish');
      await rename(`${path}.part`, path);
      return { count, bytes, sha256: hash.digest('hex') };
    },
  };
}

/**
 * Merges a changes export (records written since, in _id order, then
 * tombstones in _id order) into the mirror's file: a changed record replaces
 * or joins its place; a tombstone drops the record unless it was written again.
 */
async function mergeChanges(mirrorPath: string, changesPath: string): Promise<{ upserted: number; deleted: number; count: number; bytes: number; sha256: string }> {
  // Split the changes into their two ordered runs, so all three inputs can be read in step.
  const upsertsPath = `${changesPath}.upserts`;
  const tombstonesPath = `${changesPath}.tombstones`;
  const upsertsOut = replacingWriter(upsertsPath);
  const tombstonesOut = replacingWriter(tombstonesPath);
  for await (const line of linesOf(changesPath)) await (isTombstone(line.text) ? tombstonesOut : upsertsOut).write(line.text);
  const upserted = (await upsertsOut.commit()).count;
  const deleted = (await tombstonesOut.commit()).count;

  const old = await peekable(linesOf(mirrorPath));
  const upserts = await peekable(linesOf(upsertsPath));
  const tombstones = await peekable(linesOf(tombstonesPath));
  const merged = replacingWriter(mirrorPath);
  for (;;) {
    const candidates = [old.current, upserts.current, tombstones.current].filter((l): l is Line => l !== undefined);
    if (!candidates.length) break;
    const id = candidates.reduce((min, l) => (compareStoreIds(l.id, min) < 0 ? l.id : min), candidates[0].id);
    const at = (l: Line | undefined) => l !== undefined && compareStoreIds(l.id, id) === 0;
    const upsert = at(upserts.current) ? upserts.current : undefined;
    const kept = !upsert && !at(tombstones.current) && at(old.current) ? old.current : undefined;
    if (upsert) await merged.write(upsert.text);
    else if (kept) await merged.write(kept.text);
    for (const input of [old, upserts, tombstones]) if (at(input.current)) await input.advance();
  }
  const written = await merged.commit();
  await Promise.all([upsertsPath, tombstonesPath].map((p) => rm(p, { force: true })));
  return { upserted, deleted, ...written };
}

/** Brings every file of the mirror in `dir` up to date; collections the gateway publishes since the last pull are pulled whole. */
export async function syncMirror(client: GatewayExportClient, dir: string, progress: MirrorProgress = noProgress): Promise<{ manifest: MirrorManifest; synced: SyncedFile[] }> {
  const manifest = readMirrorManifest(dir);
  const files = [...manifest.files];
  const synced: SyncedFile[] = [];
  const save = () => writeManifest(dir, { ...manifest, generatedAt: new Date().toISOString(), files });
  for (const [pillar, collection] of await publishedCollections(client)) {
    const index = files.findIndex((f) => f.pillar === pillar && f.collection === collection);
    if (index < 0) {
      const pulled = await pullFile(client, dir, pillar, collection, progress);
      files.push(pulled);
      synced.push({ file: pulled.file, upserted: pulled.count, deleted: 0 });
      save();
      continue;
    }
    const entry = files[index];
    const changesPath = join(dir, `${entry.file}.changes`);
    try {
      const changes = await client.download(pillar, collection, 'ndjson', entry.syncedThrough, changesPath, progress(`${entry.file} changes`));
      const next = changes.count === 0 ? { upserted: 0, deleted: 0, count: entry.count, bytes: entry.bytes, sha256: entry.sha256 } : await mergeChanges(join(dir, entry.file), changesPath);
      files[index] = { ...entry, count: next.count, bytes: next.bytes, sha256: next.sha256, syncedThrough: changes.asOf };
      synced.push({ file: entry.file, upserted: next.upserted, deleted: next.deleted });
      save();
    } finally {
      await rm(changesPath, { force: true });
    }
  }
  return { manifest: save(), synced };
}

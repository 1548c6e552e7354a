// A full snapshot: every collection of every pillar as NDJSON in _id order
// (<pillar>/<collection>.ndjson), plus manifest.json with the counts, SHA-256
// and size of each file, the schema version, the licence and when it was
// generated. Data files carry no timestamps of their own, so a rerun on
// unchanged data writes identical files (only manifest.generatedAt differs).
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Connection } from 'mongoose';
import { exportCollection, type ExportedFile } from './collection-export.js';

/** Bump when a stored record's shape changes incompatibly. */
export const SNAPSHOT_SCHEMA_VERSION = '1';

export const SNAPSHOT_LICENCE =
  'Each record carries its own provenance.licence; plan text: official public document; synthetic records: CC0-1.0 (not real facts).';

export interface SnapshotManifest {
  schemaVersion: string;
  licence: string;
  generatedAt: string;
  files: Array<Omit<ExportedFile, 'file'> & { pillar: string; collection: string; file: string }>;
}

export async function collectionNames(connection: Connection): Promise<string[]> {
  const infos = await connection.db!.listCollections({}, { nameOnly: true }).toArray();
  return infos.map((c) => c.name).filter((n) => !n.startsWith('system.')).sort();
}

export async function writeSnapshot(
  pillars: Array<{ pillar: string; connection: Connection }>,
  outDir: string,
  onProgress: (label: string, count: number) => void = () => {},
): Promise<SnapshotManifest> {
  const files: SnapshotManifest['files'] = [];
  for (const { pillar, connection } of pillars) {
    mkdirSync(join(outDir, pillar), { recursive: true });
    for (const collection of await collectionNames(connection)) {
      const file = join(pillar, `${collection}.ndjson`);
      const written = await exportCollection(connection, collection, 'ndjson', join(outDir, file), (n) => onProgress(`${pillar}/${collection}`, n));
      files.push({ pillar, collection, file, count: written.count, sha256: written.sha256, bytes: written.bytes });
    }
  }
  return writeManifest(outDir, { schemaVersion: SNAPSHOT_SCHEMA_VERSION, licence: SNAPSHOT_LICENCE, generatedAt: new Date().toISOString(), files });
}

export const manifestPath = (dir: string) => join(dir, 'manifest.json');

/** Writes manifest.json whole or not at all (through a temporary file renamed over it). */
export function writeManifest<M extends SnapshotManifest>(dir: string, manifest: M): M {
  const part = `${manifestPath(dir)}.part`;
  writeFileSync(part, `${JSON.stringify(manifest, null, 2)}\n`);
  renameSync(part, manifestPath(dir));
  return manifest;
}

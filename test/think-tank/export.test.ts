// The export and snapshot CLIs against a real platform's stores: files equal
// the database content (counts, and checksums of the records serialized
// independently from a driver read), and a rerun on unchanged data writes
// identical files.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stableJson } from '../../platform-kit/export/serialize.js';
import { connectStore } from '../../platform-kit/mongo-store.js';
import { repoRoot, subgraphs } from '../../subgraphs/registry.js';
import { graphqlData } from '../support/graphql-client.js';
import { startTestPlatform, type PlatformFixture } from '../support/platform-fixture.js';

const run = promisify(execFile);
let platform: PlatformFixture;
let out: string;
const connections: Record<string, Connection> = {};

beforeAll(async () => {
  platform = await startTestPlatform({ syntheticScale: 1 });
  out = mkdtempSync(join(tmpdir(), 'lmc-export-'));
  for (const s of subgraphs) connections[s.name] = await connectStore({ uri: platform.storeUris[s.name], dbName: s.defaultDatabase });
}, 240_000);
afterAll(async () => {
  for (const c of Object.values(connections)) await c.close();
  await platform?.dispose();
  if (out) rmSync(out, { recursive: true, force: true });
});

/** Runs the CLI as a user would (npm script's command), against the test platform's stores. */
async function cli(...args: string[]) {
  const env = { ...process.env, ...Object.fromEntries(subgraphs.map((s) => [s.mongoUriEnv, platform.storeUris[s.name]])) };
  const { stdout } = await run(join(repoRoot, 'node_modules', '.bin', 'tsx'), [join(repoRoot, 'platform-kit', 'export', 'export-cli.ts'), ...args], { env, cwd: repoRoot });
  return JSON.parse(stdout.trim().split('\n').pop()!);
}

const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

/** The collection read straight from the store, serialized record by record in _id order. */
async function storeContent(pillar: string, collection: string) {
  const docs = await connections[pillar].collection(collection).find({}).toArray();
  const lines = docs.map((d) => stableJson(d)).sort((a, b) => {
    const ia = JSON.parse(a)._id;
    const ib = JSON.parse(b)._id;
    return ia < ib ? -1 : ia > ib ? 1 : 0;
  });
  return { count: docs.length, text: lines.map((l) => `${l}\n`).join('') };
}

describe('export CLI', () => {
  it('streams projects as NDJSON equal to the store, and identically on a rerun', async () => {
    const first = await cli('export', '--pillar', 'economy', '--kind', 'projects', '--format', 'ndjson', '--out', join(out, 'a'));
    const expected = await storeContent('economy', 'projects');
    expect(expected.count).toBeGreaterThan(10);
    expect(first.count).toBe(expected.count);
    expect(readFileSync(first.file, 'utf8')).toBe(expected.text);
    expect(first.sha256).toBe(sha256(expected.text));
    const again = await cli('export', '--pillar', 'economy', '--kind', 'projects', '--format', 'ndjson', '--out', join(out, 'b'));
    expect(again.sha256).toBe(first.sha256);
  });

  it('writes CSV with one row per record and flattened columns', async () => {
    const result = await cli('export', '--pillar', 'social-cultural', '--kind', 'events', '--format', 'csv', '--out', join(out, 'csv'));
    const text = readFileSync(result.file, 'utf8');
    const lines = text.trimEnd().split('\n');
    const { count } = await storeContent('social-cultural', 'events');
    expect(result.count).toBe(count);
    expect(lines).toHaveLength(count + 1);
    const header = lines[0].split(',');
    expect(header[0]).toBe('_id');
    for (const c of ['title.en', 'title.zh', 'place.countryCode', 'provenance.synthetic', 'startDate']) expect(header).toContain(c);
    const first = (await connections['social-cultural'].collection('events').find({}).sort({ _id: 1 }).limit(1).toArray())[0];
    expect(lines[1].startsWith(`${first._id},`)).toBe(true);
    expect(sha256(text)).toBe(result.sha256);
  });

  it('refuses an unknown kind with exit code 2', async () => {
    await expect(cli('export', '--pillar', 'economy', '--kind', 'nope', '--format', 'csv', '--out', join(out, 'x'))).rejects.toMatchObject({ code: 2 });
  });
});

describe('snapshot CLI', () => {
  it('writes every collection of every pillar with a manifest, identical on a rerun', async () => {
    await cli('snapshot', '--out', join(out, 's1'));
    await cli('snapshot', '--out', join(out, 's2'));
    const m1 = JSON.parse(readFileSync(join(out, 's1', 'manifest.json'), 'utf8'));
    const m2 = JSON.parse(readFileSync(join(out, 's2', 'manifest.json'), 'utf8'));
    expect(m1).toMatchObject({ schemaVersion: '1', licence: expect.any(String), generatedAt: expect.any(String) });
    expect(m2.files).toEqual(m1.files);
    for (const s of subgraphs) {
      const names = (await connections[s.name].db!.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).filter((n) => !n.startsWith('system.')).sort();
      const listed = m1.files.filter((f: any) => f.pillar === s.name);
      expect(listed.map((f: any) => f.collection)).toEqual(names);
      for (const f of listed) {
        const expected = await storeContent(s.name, f.collection);
        expect(f.count, f.file).toBe(expected.count);
        expect(f.sha256, f.file).toBe(sha256(expected.text));
        expect(sha256(readFileSync(join(out, 's1', f.file))), f.file).toBe(f.sha256);
      }
    }
    expect(m1.files.find((f: any) => f.pillar === 'political-security' && f.collection === 'plan_actions').count).toBe(94);
  });
});

describe('search index built at seed', () => {
  it('finds synthetic records seeded without a mutation, by a title number and words', async () => {
    const projects = await connections.economy.collection('projects').find({}).sort({ _id: 1 }).limit(3).toArray();
    for (const p of projects) {
      const n = (p.title as { en: string }).en.match(/Synthetic project (\d+)/)![1];
      const data = await graphqlData(platform.gatewayUrl, `query($q: String!) { search(query: $q, type: PROJECT) { economy { id } } }`, { q: `synthetic project ${n}` });
      expect(data.search.economy.map((h: { id: string }) => h.id)).toEqual([p._id]);
    }
  });
});

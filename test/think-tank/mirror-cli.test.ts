// A think tank's mirror over HTTP, as a user runs it: `npm run snapshot --
// --gateway` pulls every published collection with a manifest, writes land
// (inserts, updates, archives, deletions of series records), `npm run sync`
// pulls only the changes, and the mirror is then byte-identical to a fresh
// snapshot. Plus the CLI's errors and its progress bar.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../platform-kit/access/principal.js';
import { stableJson } from '../../platform-kit/export/serialize.js';
import { connectStore } from '../../platform-kit/mongo-store.js';
import { repoRoot, subgraphs } from '../../subgraphs/registry.js';
import { authHeaders, editorOf, thinkTankReader } from '../support/identities.js';
import { platformForFile } from '../support/platform-fixture.js';
import { meetingInput, mutations as psMutations } from '../writes/political-security-inputs.js';
import { callerOf, ok, projectInput } from '../writes/writes-client.js';

// The writes below run while CI's other suites load both cores; one took over the
// default 10 s subgraph timeout there. Timeouts are the resilience suite's subject,
// not this one's, so this file gives the subgraphs 30 s.
const platform = platformForFile({ syntheticScale: 1, env: { SUBGRAPH_TIMEOUT_MS: '30000' } });
const call = callerOf(() => platform.gatewayUrl);
let dir: string;
const connections: Record<string, Connection> = {};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lmc-mirror-'));
  for (const s of subgraphs) connections[s.name] = await connectStore({ uri: platform.storeUris[s.name], dbName: s.defaultDatabase });
});
afterAll(async () => {
  for (const c of Object.values(connections)) await c.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Runs the export CLI as `principal` (a JWT in LMC_BEARER_TOKEN); resolves with the exit code and output. */
async function cli(principal: Principal | null, ...args: string[]) {
  const token = principal ? (await authHeaders(principal)).authorization?.replace(/^Bearer /, '') : undefined;
  const env = { ...process.env, LMC_API_KEY: '', LMC_BEARER_TOKEN: token ?? '' };
  try {
    const { stdout, stderr } = await promisify(execFile)(join(repoRoot, 'node_modules', '.bin', 'tsx'), [join(repoRoot, 'platform-kit', 'export', 'export-cli.ts'), ...args], { env, cwd: repoRoot });
    return { code: 0, result: JSON.parse(stdout.trim().split('\n').pop()!), stderr };
  } catch (err) {
    const e = err as { code: number; stderr: string };
    return { code: e.code, result: null, stderr: e.stderr };
  }
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const manifestOf = (d: string) => JSON.parse(readFileSync(join(d, 'manifest.json'), 'utf8'));

/** The files' bytes by path, and the manifest's entries without their sync times (which differ by design). */
function mirrorContent(d: string) {
  const manifest = manifestOf(d);
  return {
    entries: manifest.files.map(({ syncedThrough: _, ...f }: Record<string, unknown>) => f),
    files: Object.fromEntries(manifest.files.map((f: { file: string }) => [f.file, sha256(readFileSync(join(d, f.file)))])),
  };
}

describe('mirror through the gateway (snapshot, then sync)', () => {
  it('pulls every published collection with a manifest whose checksums match the files and the store', async () => {
    const pulled = await cli(thinkTankReader, 'snapshot', '--gateway', platform.gatewayUrl, '--out', join(dir, 'mirror'));
    expect(pulled.code, pulled.stderr).toBe(0);
    const manifest = manifestOf(join(dir, 'mirror'));
    expect(manifest).toMatchObject({ schemaVersion: '1', licence: expect.any(String), generatedAt: expect.any(String), source: platform.gatewayUrl });
    for (const s of subgraphs) {
      const listed = manifest.files.filter((f: { pillar: string }) => f.pillar === s.name).map((f: { collection: string }) => f.collection);
      expect(listed).toEqual(expect.arrayContaining(['plan_actions', 'organisations', 'documents', 'progress_assessments']));
      for (const internal of ['revisions', 'sync_changes', 'search_tokens']) expect(listed).not.toContain(internal);
    }
    for (const f of manifest.files) {
      const bytes = readFileSync(join(dir, 'mirror', f.file));
      expect(sha256(bytes), f.file).toBe(f.sha256);
      expect(bytes.length, f.file).toBe(f.bytes);
      const docs = await connections[f.pillar].collection(f.collection).find({}).sort({ _id: 1 }).toArray();
      expect(f.count, f.file).toBe(docs.length);
      expect(bytes.toString('utf8'), f.file).toBe(docs.map((d) => `${stableJson(d)}\n`).join(''));
    }
    expect(manifest.files.find((f: { file: string }) => f.file === 'economy/projects.ndjson').count).toBeGreaterThan(10);
    // No temporary files are left beside the data.
    for (const s of subgraphs) expect(readdirSync(join(dir, 'mirror', s.name)).filter((n) => !n.endsWith('.ndjson'))).toEqual([]);
  }, 240_000);

  it('after inserts, updates, archives and deletions, a sync makes the mirror identical to a fresh snapshot', async () => {
    const economy = editorOf('economy');
    ok(await call(economy, `mutation($input: ProjectInput!) { createProject(id: "proj-mirror-new", input: $input) { id } }`, { input: projectInput() }));
    const [first, second] = await connections.economy.collection<{ _id: string }>('projects').find({ _id: { $ne: 'proj-mirror-new' } }).sort({ _id: 1 }).limit(2).toArray();
    ok(await call(economy, `mutation($id: ID!, $input: ProjectInput!) { updateProject(id: $id, input: $input) { id } }`, {
      id: first._id,
      input: projectInput({ title: { en: 'Synthetic mirrored project, renamed', zh: '合成数据 改名' } }),
    }));
    ok(await call(economy, `mutation($id: ID!) { archiveProject(id: $id) { id } }`, { id: second._id }));
    const waterIds = (await connections.economy.collection('water_observations').find({}).sort({ _id: 1 }).limit(3).toArray()).map((o) => o._id);
    ok(await call(economy, `mutation($ids: [ID!]!) { deleteWaterObservations(ids: $ids) { written } }`, { ids: waterIds }));
    const healthId = (await connections['social-cultural'].collection('health_cases').find({}).sort({ _id: -1 }).limit(1).toArray())[0]._id;
    ok(await call(editorOf('social-cultural'), `mutation($ids: [ID!]!) { deleteHealthCases(ids: $ids) { written } }`, { ids: [healthId] }));
    ok(await call(editorOf('political-security'), psMutations.createMeeting, { input: meetingInput() }));

    const synced = await cli(thinkTankReader, 'sync', '--gateway', platform.gatewayUrl, '--mirror', join(dir, 'mirror'));
    expect(synced.code, synced.stderr).toBe(0);
    const byFile = Object.fromEntries(synced.result.synced.map((s: { file: string }) => [s.file, s]));
    expect(byFile['economy/projects.ndjson'].upserted).toBeGreaterThanOrEqual(3);
    expect(byFile['economy/water_observations.ndjson'].deleted).toBe(3);
    expect(byFile['social-cultural/health_cases.ndjson'].deleted).toBe(1);
    expect(byFile['political-security/meetings.ndjson'].upserted).toBeGreaterThanOrEqual(1);

    const fresh = await cli(thinkTankReader, 'snapshot', '--gateway', platform.gatewayUrl, '--out', join(dir, 'fresh'));
    expect(fresh.code, fresh.stderr).toBe(0);
    const mirror = mirrorContent(join(dir, 'mirror'));
    const source = mirrorContent(join(dir, 'fresh'));
    expect(mirror.files).toEqual(source.files);
    expect(mirror.entries).toEqual(source.entries);
    const projects = readFileSync(join(dir, 'mirror', 'economy', 'projects.ndjson'), 'utf8');
    expect(projects).toContain('"_id":"proj-mirror-new"');
    expect(projects).toContain('Synthetic mirrored project, renamed');
    expect(readFileSync(join(dir, 'mirror', 'economy', 'water_observations.ndjson'), 'utf8')).not.toContain(`"_id":"${waterIds[0]}"`);

    // A second sync with nothing written since changes no file.
    const again = await cli(thinkTankReader, 'sync', '--gateway', platform.gatewayUrl, '--mirror', join(dir, 'mirror'));
    expect(again.code, again.stderr).toBe(0);
    expect(mirrorContent(join(dir, 'mirror')).files).toEqual(source.files);
  }, 300_000);
});

describe('export CLI through the gateway', () => {
  it('downloads one collection with a progress bar, as NDJSON equal to the store or CSV', async () => {
    const got = await cli(thinkTankReader, 'export', '--gateway', platform.gatewayUrl, '--pillar', 'social-cultural', '--kind', 'events', '--format', 'ndjson', '--out', join(dir, 'one'));
    expect(got.code, got.stderr).toBe(0);
    const docs = await connections['social-cultural'].collection('events').find({}).sort({ _id: 1 }).toArray();
    expect(got.result).toMatchObject({ count: docs.length, sha256: sha256(docs.map((d) => `${stableJson(d)}\n`).join('')) });
    expect(got.stderr).toMatch(/events \[#{24}\] 100%/);
    const csv = await cli(thinkTankReader, 'export', '--gateway', platform.gatewayUrl, '--pillar', 'social-cultural', '--kind', 'events', '--format', 'csv', '--out', join(dir, 'one'));
    expect(csv.result.count).toBe(docs.length);
    expect(sha256(readFileSync(csv.result.file))).toBe(csv.result.sha256);
  });

  it('says what is wrong and writes nothing: no credential, wrong role, unknown collection, no mirror', async () => {
    const out = join(dir, 'refused');
    const none = await cli(null, 'export', '--gateway', platform.gatewayUrl, '--pillar', 'economy', '--kind', 'projects', '--out', out);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('NO_CREDENTIALS');
    const editor = await cli(editorOf('economy'), 'snapshot', '--gateway', platform.gatewayUrl, '--out', out);
    expect(editor.code).toBe(3);
    expect(editor.stderr).toMatch(/FORBIDDEN: .*THINK_TANK_READER/);
    const unknown = await cli(thinkTankReader, 'export', '--gateway', platform.gatewayUrl, '--pillar', 'economy', '--kind', 'revisions', '--out', out);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/NOT_FOUND: .*\(collection\)/);
    const noMirror = await cli(thinkTankReader, 'sync', '--gateway', platform.gatewayUrl, '--mirror', out);
    expect(noMirror.code).toBe(1);
    expect(noMirror.stderr).toContain('holds no manifest.json');
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
    const usage = await cli(thinkTankReader, 'sync', '--mirror', out);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--gateway <url> is required');
  });
});

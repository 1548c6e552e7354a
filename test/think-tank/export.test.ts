// The export and snapshot CLIs against a real platform's stores: files equal
// the database content (counts, and checksums of the records serialized
// independently from a driver read), and a rerun on unchanged data writes
// identical files; the gateway's HTTP export for think tanks.
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
import type { Principal } from '../../platform-kit/access/principal.js';
import { authHeaders, editorOf, secretariatAdmin, thinkTankReader } from '../support/identities.js';
import { callerOf, ok, projectInput } from '../writes/writes-client.js';
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
  }, 240_000); // two snapshots of every collection: minutes on a loaded 2-core machine
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

/** GET on the gateway's export route as `principal`. */
async function exportGet(path: string, principal?: Principal) {
  const headers = principal ? await authHeaders(principal) : {};
  const response = await fetch(new URL(path, platform.gatewayUrl), { headers });
  return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
}

const errorOf = (text: string) => JSON.parse(text).errors[0] as { message: string; extensions: { code: string; field?: string } };

describe('HTTP export through the gateway', () => {
  it('is for think-tank readers and admins only', async () => {
    const anon = await exportGet('/export/economy/projects.ndjson');
    expect(anon.status).toBe(401);
    expect(errorOf(anon.text).extensions.code).toBe('UNAUTHENTICATED');
    const editor = await exportGet('/export/economy/projects.ndjson', editorOf('economy'));
    expect(editor.status).toBe(403);
    expect(errorOf(editor.text)).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringContaining('THINK_TANK_READER') });
    expect((await exportGet('/export/economy/projects.ndjson', secretariatAdmin)).status).toBe(200);
  });

  it('lists pillars and collections, and names what is wrong in a bad request', async () => {
    const pillars = JSON.parse((await exportGet('/export', thinkTankReader)).text);
    expect(pillars.pillars.map((p: { name: string }) => p.name).sort()).toEqual(subgraphs.map((s) => s.name).sort());
    const economy = JSON.parse((await exportGet('/export/economy', thinkTankReader)).text);
    expect(economy.collections).toEqual(expect.arrayContaining(['projects', 'water_observations', 'organisations', 'documents', 'plan_actions']));
    // Unpublished and internal collections are not exported.
    for (const internal of ['revisions', 'progress_assessment_drafts', 'sync_changes']) expect(economy.collections).not.toContain(internal);
    const noPillar = await exportGet('/export/nowhere/projects.ndjson', thinkTankReader);
    expect(noPillar.status).toBe(404);
    expect(errorOf(noPillar.text).extensions).toMatchObject({ code: 'NOT_FOUND', field: 'pillar' });
    const noCollection = await exportGet('/export/economy/revisions.ndjson', thinkTankReader);
    expect(noCollection.status).toBe(404);
    expect(errorOf(noCollection.text).extensions).toMatchObject({ code: 'NOT_FOUND', field: 'collection' });
    const badTime = await exportGet('/export/economy/projects.ndjson?updatedSince=yesterday', thinkTankReader);
    expect(badTime.status).toBe(400);
    expect(errorOf(badTime.text).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'updatedSince' });
  });

  it('streams NDJSON equal to the store and CSV with one row per record', async () => {
    for (const [pillar, collection] of [['economy', 'projects'], ['political-security', 'plan_actions'], ['social-cultural', 'health_cases']]) {
      const got = await exportGet(`/export/${pillar}/${collection}.ndjson`, thinkTankReader);
      expect(got.status).toBe(200);
      expect(got.type).toContain('application/x-ndjson');
      const expected = await storeContent(pillar, collection);
      expect(expected.count, collection).toBeGreaterThan(0);
      expect(sha256(got.text), `${pillar}/${collection}`).toBe(sha256(expected.text));
    }
    const csv = await exportGet('/export/social-cultural/events.csv', thinkTankReader);
    expect(csv.type).toContain('text/csv');
    const { count } = await storeContent('social-cultural', 'events');
    expect(csv.text.trimEnd().split('\n')).toHaveLength(count + 1);
  });

  it('exports one row per financial flow, as CSV over HTTP and through the CLI', async () => {
    const projects = await connections.economy.collection('projects').find({}).sort({ _id: 1 }).toArray();
    const flows = projects.flatMap((p) => (p.flows as Array<{ usdAmount: number }>).map((f, i) => ({ projectId: p._id, i, usd: f.usdAmount })));
    expect(flows.length).toBeGreaterThan(projects.length);
    const csv = (await exportGet('/export/economy/financial_flows.csv', thinkTankReader)).text.trimEnd().split('\n');
    expect(csv).toHaveLength(flows.length + 1);
    const header = csv[0].split(',');
    for (const c of ['_id', 'projectId', 'flowIndex', 'type', 'usdAmount', 'valueDate', 'provenance.synthetic']) expect(header).toContain(c);
    const ndjson = (await exportGet('/export/economy/financial_flows.ndjson', thinkTankReader)).text.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(ndjson.map((r) => [r.projectId, r.flowIndex, r.usdAmount])).toEqual(flows.map((f) => [f.projectId, f.i, f.usd]));
    const viaCli = await cli('export', '--pillar', 'economy', '--kind', 'financial_flows', '--format', 'ndjson', '--out', join(out, 'flows'));
    expect(viaCli.count).toBe(flows.length);
  });

  it('with updatedSince, gives only what was written since, archived records flagged and deletions as tombstones', async () => {
    const since = new Date().toISOString();
    const before = await exportGet(`/export/economy/projects.ndjson?updatedSince=${since}`, thinkTankReader);
    expect(before.text).toBe('');
    const call = callerOf(() => platform.gatewayUrl);
    const economyEditor = editorOf('economy');
    ok(await call(economyEditor, `mutation($input: ProjectInput!) { createProject(id: "proj-export-since", input: $input) { id updatedAt } }`, { input: projectInput() }));
    ok(await call(economyEditor, `mutation { archiveProject(id: "proj-export-since") { id archived } }`));
    const changed = (await exportGet(`/export/economy/projects.ndjson?updatedSince=${since}`, thinkTankReader)).text.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ _id: 'proj-export-since', archived: true });
    expect(new Date(changed[0].updatedAt) >= new Date(since)).toBe(true);

    // A deleted health case report (a series record): gone from the store, present as a tombstone.
    const report = (await connections['social-cultural'].collection('health_cases').find({}).sort({ _id: 1 }).limit(1).toArray())[0];
    ok(await call(editorOf('social-cultural'), `mutation($ids: [ID!]!) { deleteHealthCases(ids: $ids) { written } }`, { ids: [report._id] }));
    expect(await connections['social-cultural'].collection('health_cases').countDocuments({ _id: report._id })).toBe(0);
    const reports = (await exportGet(`/export/social-cultural/health_cases.ndjson?updatedSince=${since}`, thinkTankReader)).text.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(reports).toEqual([{ _id: report._id, deleted: true }]);
  });

  it('refuses a direct subgraph export without the gateway signature', async () => {
    const response = await fetch(new URL('/export', platform.subgraphs.economy.url));
    expect(response.status).toBe(401);
    expect(errorOf(await response.text()).extensions.code).toBe('UNAUTHENTICATED');
  });
});

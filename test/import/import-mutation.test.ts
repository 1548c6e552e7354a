// The import mutations through the real gateway: a ministry editor imports
// rows (bad ones reported, good ones written with their history and rollups),
// other roles are refused with nothing written, and content beyond the caps
// is refused whole. The CLI, run while the platform runs, writes into the
// running subgraph's store.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectRecord } from '../../subgraphs/economy/project-model.js';
import { repoRoot } from '../../subgraphs/registry.js';
import { bruteAggregates, expectSameRows } from '../economy/brute-force.js';
import { openEconomyModels } from '../economy/economy-store.js';
import { anonymous, editorOf, secretariatAdmin, thinkTankReader } from '../support/identities.js';
import { startTestPlatform, type PlatformFixture } from '../support/platform-fixture.js';
import { callerOf, failed, ok } from '../writes/writes-client.js';
import { projectCells, projectCsv } from './project-rows.js';

let platform: PlatformFixture;
let store: Awaited<ReturnType<typeof openEconomyModels>>;
beforeAll(async () => {
  // A body limit above the mutation's own 1 MiB cap, so the cap itself is what refuses large content.
  platform = await startTestPlatform({ env: { LMC_MAX_BODY_BYTES: String(3 << 20) } });
  store = await openEconomyModels(platform.storeUris.economy);
});
afterAll(async () => {
  await store?.close();
  await platform?.dispose();
});

const call = callerOf(() => platform.gatewayUrl);
const editor = editorOf('economy');
const IMPORT = `mutation($kind: EconomyImportKind!, $format: ImportFormat!, $content: String!) {
  importEconomyRecords(kind: $kind, format: $format, content: $content) { kind rowsRead written unchanged rejected rejects { line field reason } }
}`;

const rows = Array.from({ length: 12 }, (_, i) => projectCells(500 + i));
rows[3] = projectCells(503).map((c, k) => (k === 6 ? '4.3.1' : c)); // line 5: not an economy sector
rows[7] = projectCells(507).map((c, k) => (k === 12 ? 'yesterday' : c)); // line 9: not a DateTime
const content = projectCsv(rows);

describe('importEconomyRecords through the gateway', () => {
  it('an economy editor imports: bad rows reported by line and field, good rows written with IMPORT revisions and rollups in step', async () => {
    const result = ok(await call(editor, IMPORT, { kind: 'PROJECT', format: 'CSV', content })).importEconomyRecords;
    expect(result).toMatchObject({ kind: 'project', rowsRead: 12, written: 10, unchanged: 0, rejected: 2 });
    expect(result.rejects.map((r: { line: number; field: string }) => [r.line, r.field])).toEqual([
      [5, 'sectorCode'],
      [9, 'plannedStart'],
    ]);

    const data = ok(
      await call(editor, `{ project(id: "imp-proj-00500") { title { en } revision history { seq action by { id role } } } }`),
    );
    expect(data.project).toEqual({
      title: { en: 'Synthetic imported project 500, test' },
      revision: 1,
      history: [{ seq: 1, action: 'IMPORT', by: { id: editor.id, role: 'MINISTRY_EDITOR' } }],
    });
    const projects = ((await store.models.projects.find().lean()) as unknown as ProjectRecord[]).filter((p) => !p.archived);
    expect(projects).toHaveLength(10);
    const aggregates = ok(
      await call(anonymous, `{ projectAggregates(groupBy: [COUNTRY, SECTOR]) { countryCode sectorCode status year projectCount committedUsd disbursedUsd expendedUsd } }`),
    );
    expectSameRows(aggregates.projectAggregates, bruteAggregates(projects, ['COUNTRY', 'SECTOR']), expect);
  });

  it('the same content again changes nothing (no revision written)', async () => {
    const revisions = await store.models.revisions.countDocuments({ collection: 'projects' });
    const again = ok(await call(editor, IMPORT, { kind: 'PROJECT', format: 'CSV', content })).importEconomyRecords;
    expect(again).toMatchObject({ rowsRead: 12, written: 0, unchanged: 10, rejected: 2 });
    expect(await store.models.revisions.countDocuments({ collection: 'projects' })).toBe(revisions);
  });

  it('other roles are refused (UNAUTHENTICATED / FORBIDDEN) and nothing is written', async () => {
    const other = projectCsv([projectCells(600)]);
    failed(await call(anonymous, IMPORT, { kind: 'PROJECT', format: 'CSV', content: other }), 'UNAUTHENTICATED');
    for (const principal of [thinkTankReader, editorOf('social-cultural'), editorOf('political-security')]) {
      const err = failed(await call(principal, IMPORT, { kind: 'PROJECT', format: 'CSV', content: other }), 'FORBIDDEN');
      expect(err.message).toMatch(/requires a MINISTRY_EDITOR of economy or a SECRETARIAT_ADMIN/);
    }
    expect(await store.models.projects.countDocuments({ _id: 'imp-proj-00600' })).toBe(0);
    // An admin may import into any pillar.
    expect(ok(await call(secretariatAdmin, IMPORT, { kind: 'PROJECT', format: 'CSV', content: other })).importEconomyRecords.written).toBe(1);
  });

  it('content beyond the caps, or that is not a file of the kind, is refused whole', async () => {
    const count = await store.models.organisations.countDocuments();
    const tooManyRows = ['id', ...Array.from({ length: 1001 }, (_, i) => `org-${i}`)].join('\n');
    let err = failed(await call(editor, IMPORT, { kind: 'ORGANISATION', format: 'CSV', content: tooManyRows }), 'BAD_USER_INPUT', 'content');
    expect(err.message).toMatch(/at most 1000 rows/);
    const tooLarge = `id,name.en\n${'x,'.padEnd(1 << 20, 'y')}\n`;
    err = failed(await call(editor, IMPORT, { kind: 'ORGANISATION', format: 'CSV', content: tooLarge }), 'BAD_USER_INPUT', 'content');
    expect(err.message).toMatch(/at most 1048576 bytes/);
    err = failed(await call(editor, IMPORT, { kind: 'ORGANISATION', format: 'CSV', content: 'id,colour\nx,red\n' }), 'BAD_USER_INPUT', 'content');
    expect(err.message).toMatch(/no field colour/);
    expect(await store.models.organisations.countDocuments()).toBe(count);
  });

  it('the other pillars import their records too (organisations as NDJSON and JSON)', async () => {
    const org = (id: string, countryCode: string | null) => ({
      id,
      name: { en: `Synthetic imported organisation ${id}`, zh: '合成数据 机构' },
      type: 'THINK_TANK',
      countryCode,
      provenance: { source: 'synthetic', licence: 'CC0-1.0 (synthetic test data)', recordedAt: '2026-01-01T00:00:00Z', synthetic: true },
    });
    const ps = ok(
      await call(editorOf('political-security'), `mutation($c: String!) { importPoliticalSecurityRecords(kind: ORGANISATION, format: NDJSON, content: $c) { written rejected rejects { line field } } }`, {
        c: [org('imp-org-ps-1', 'TH'), org('imp-org-ps-2', 'ZZ')].map((o) => JSON.stringify(o)).join('\n'),
      }),
    ).importPoliticalSecurityRecords;
    expect(ps).toEqual({ written: 1, rejected: 1, rejects: [{ line: 2, field: 'countryCode' }] });
    const sc = ok(
      await call(editorOf('social-cultural'), `mutation($c: String!) { importSocialCulturalRecords(kind: ORGANISATION, format: JSON, content: $c) { written rejected } }`, {
        c: JSON.stringify([org('imp-org-sc-1', null)], null, 2),
      }),
    ).importSocialCulturalRecords;
    expect(sc).toEqual({ written: 1, rejected: 0 });
    const read = ok(await call(editor, `{ politicalSecurityOrganisation(id: "imp-org-ps-1") { name { en } revision } socialCulturalOrganisation(id: "imp-org-sc-1") { countryCode } }`));
    expect(read).toEqual({ politicalSecurityOrganisation: { name: { en: 'Synthetic imported organisation imp-org-ps-1' }, revision: 1 }, socialCulturalOrganisation: { countryCode: null } });
  });
});

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a CLI (import or keys) against the running platform's data folder. */
function runTool(entry: string, args: string[]): Promise<CliRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, entry), ...args], {
    cwd: repoRoot,
    env: { ...process.env, LMC_DATA_DIR: platform.dataDir, ECONOMY_MONGODB_URI: '', ACCESS_MONGODB_URI: '', LMC_API_KEY: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

const importCli = (file: string, kind: string, ...more: string[]) =>
  runTool('import-cli/main.ts', ['--pillar', 'economy', '--kind', kind, '--file', join(repoRoot, 'examples', 'import', file), ...more]);

async function newApiKey(...args: string[]): Promise<string> {
  const created = await runTool('gateway/keys-cli.ts', ['create', ...args]);
  expect(created.code, created.stderr).toBe(0);
  return /key \(shown once, store it now\): (\S+)/.exec(created.stdout)![1];
}

describe('import CLI while the platform runs', () => {
  it("writes into the running subgraph's store (found through the store it published), visible through the gateway at once", async () => {
    const run = await importCli('projects.csv', 'projects');
    expect(run.code, run.stderr).toBe(1); // the example's third row is rejected on purpose
    expect(run.stderr).toMatch(/into the running economy subgraph's embedded store at mongodb:\/\//);
    expect(run.stderr).toMatch(/line 5, participatingCountries: expected percentages summing to 100 \(got 80\)/);
    expect(run.stdout).toMatch(/3 rows read, 2 written, 0 unchanged, 1 rejected/);
    const data = ok(await call(anonymous, `{ project(id: "example-proj-002") { title { en } provenance { source synthetic } } }`));
    expect(data.project).toEqual({ title: { en: 'Synthetic agricultural extension network' }, provenance: { source: 'synthetic', synthetic: true } });
    const history = ok(await call(editor, `{ economyHistory(kind: PROJECT, id: "example-proj-001") { action by { id role } } }`));
    expect(history.economyHistory).toEqual([{ action: 'IMPORT', by: { id: expect.stringMatching(/^cli:/), role: 'SECRETARIAT_ADMIN' } }]);

    // Again, with the rejects in a file: nothing changes.
    const rejectsFile = join(platform.dataDir, 'rejects.csv');
    const again = await importCli('projects.csv', 'project', '--rejects', rejectsFile);
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(/3 rows read, 0 written, 2 unchanged, 1 rejected/);
    expect(readFileSync(rejectsFile, 'utf8')).toBe('line,field,reason\n5,participatingCountries,expected percentages summing to 100 (got 80)\n');
  }, 120_000);

  it('acts as the principal of an API key: an economy editor key writes (recorded as the key), a think-tank key is refused', async () => {
    const editorKey = await newApiKey('--role', 'MINISTRY_EDITOR', '--pillar', 'economy', '--label', 'import test');
    const run = await importCli('projects.json', 'project', '--api-key', editorKey);
    expect(run.code, run.stderr).toBe(0);
    const keyId = /lmc_(key-[0-9a-f]{16})_/.exec(editorKey)![1];
    const history = ok(await call(editor, `{ economyHistory(kind: PROJECT, id: "example-proj-101") { action by { id role } } }`));
    expect(history.economyHistory).toEqual([{ action: 'IMPORT', by: { id: keyId, role: 'MINISTRY_EDITOR' } }]);

    const readerKey = await newApiKey('--role', 'THINK_TANK_READER');
    const refused = await importCli('organisations.ndjson', 'organisation', '--api-key', readerKey);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/import refused: Forbidden: writing economy data requires a MINISTRY_EDITOR of economy/);
    expect(await store.models.organisations.countDocuments({ _id: 'example-org-th-moc' })).toBe(0);
  }, 120_000);
});

// The audited-write protocol on a real store (FerretDB, no transactions):
// a crash between the revision and the record is completed by re-running the
// write (or repairAudited), a repeated write adds no revision, concurrent
// writers never interleave revisions, schema errors name the field and write nothing.
import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historyOf, recordAsOf } from '../../platform-kit/audit/history.js';
import { pendingAuditModel } from '../../platform-kit/audit/revision-model.js';
import { repairAudited, repairPendingWrites, writeAudited, type AuditedKind } from '../../platform-kit/audit/write-audited.js';
import type { Principal } from '../../platform-kit/access/principal.js';
import { syntheticProvenance } from '../../platform-kit/provenance.js';
import { projectKind } from '../../subgraphs/economy/project-mutations.js';
import { toProjectRecord, type ProjectRecord } from '../../subgraphs/economy/project-model.js';
import { upsertProjects } from '../../subgraphs/economy/project-writes.js';
import { syntheticProject } from '../../subgraphs/economy/synthetic-projects.js';
import { waterObservationKind } from '../../subgraphs/economy/water-mutations.js';
import type { WaterObservationRecord } from '../../subgraphs/economy/water-models.js';
import { cellsOf } from '../../subgraphs/economy/project-contributions.js';
import { groupCells, cellMatches, needsCountryCells } from '../../subgraphs/economy/project-aggregates.js';
import type { ProjectRollupRecord } from '../../subgraphs/economy/project-rollup-models.js';
import { bruteAggregates, expectSameRows } from '../economy/brute-force.js';
import { startEconomyStore, type EconomyStore } from '../economy/economy-store.js';

let store: EconomyStore;
beforeAll(async () => {
  store = await startEconomyStore('lmc_economy_audit_test');
});
afterAll(async () => {
  await store?.close();
});

const editor: Principal = { id: 'test-editor', role: 'MINISTRY_EDITOR', pillar: 'economy' };
const crash = new Error('simulated crash after the revision insert');
const crashingKind = <T extends { _id: string }>(kind: AuditedKind<T>): AuditedKind<T> => ({
  ...kind,
  persist: async () => {
    throw crash;
  },
});

const write = (kind: AuditedKind<ProjectRecord>, id: string, change: (b: ProjectRecord | null) => ProjectRecord | null, action = 'UPDATE') =>
  writeAudited({ ...kind, revisions: store.models.revisions, principal: editor, action, id, change });

async function expectRollupsMatchStore() {
  const projects = ((await store.models.projects.find().lean()) as unknown as ProjectRecord[]).filter((p) => !p.archived);
  const cells = cellsOf((await store.models.projectRollups.find().lean()) as unknown as ProjectRollupRecord[]);
  for (const g of [[], ['COUNTRY', 'YEAR'], ['SECTOR', 'STATUS']] as const) {
    expectSameRows(groupCells(cells.filter((c) => cellMatches(c, null, needsCountryCells([...g]))), [...g]) as never, bruteAggregates(projects, [...g]), expect);
  }
}

const project = (i: number, patch: Partial<ProjectRecord> = {}) => toProjectRecord({ ...syntheticProject(7, i), ...patch });

describe('audited writes', () => {
  it('a crash after the revision insert is completed by re-running the same write (no second revision)', async () => {
    const id = syntheticProject(7, 1)._id;
    await write(projectKind(store.models), id, () => project(1), 'CREATE');
    const next = project(1, { status: 'CANCELLED' });
    await expect(write(crashingKind(projectKind(store.models)), id, () => next)).rejects.toBe(crash);
    // The revision is there, the record and rollups are still the old version.
    expect((await historyOf(store.models.revisions, 'projects', id)).map((r) => r.seq)).toEqual([1, 2]);
    expect(((await store.models.projects.findById(id).lean()) as unknown as ProjectRecord).status).not.toBe('CANCELLED');
    const rerun = await write(projectKind(store.models), id, () => next);
    expect(rerun.revision).toBeNull();
    const stored = (await store.models.projects.findById(id).lean()) as unknown as ProjectRecord;
    expect(stored).toMatchObject({ status: 'CANCELLED', revision: 2 });
    expect((await historyOf(store.models.revisions, 'projects', id)).map((r) => r.seq)).toEqual([1, 2]);
    await expectRollupsMatchStore();
  });

  it('repairAudited completes an interrupted create without a caller-supplied change', async () => {
    const id = syntheticProject(7, 2)._id;
    await expect(write(crashingKind(projectKind(store.models)), id, () => project(2), 'CREATE')).rejects.toBe(crash);
    expect(await store.models.projects.findById(id).lean()).toBeNull();
    await repairAudited(projectKind(store.models), store.models.revisions, editor, [id]);
    expect(await store.models.projects.findById(id).lean()).toMatchObject({ _id: id, revision: 1 });
    await expectRollupsMatchStore();
    // A later write continues the chain.
    expect((await write(projectKind(store.models), id, (b) => ({ ...b!, status: 'SUSPENDED' }))).revision?.seq).toBe(2);
  });

  it('start-up repair completes what a crash left pending, and a clean write leaves nothing pending', async () => {
    const pending = pendingAuditModel(store.models.revisions);
    expect(await pending.countDocuments()).toBe(0);
    const id = syntheticProject(7, 4)._id;
    await expect(write(crashingKind(projectKind(store.models)), id, () => project(4), 'CREATE')).rejects.toBe(crash);
    expect(await pending.countDocuments()).toBe(1);
    expect(await repairPendingWrites(store.models.revisions, { projects: projectKind(store.models) })).toBe(1);
    expect(await store.models.projects.findById(id).lean()).toMatchObject({ _id: id, revision: 1 });
    expect(await pending.countDocuments()).toBe(0);
    await expectRollupsMatchStore();
  });

  it('repeating a write adds no revision', async () => {
    const id = syntheticProject(7, 1)._id;
    const n = (await historyOf(store.models.revisions, 'projects', id)).length;
    const same = await write(projectKind(store.models), id, (b) => ({ ...b! }));
    expect(same.revision).toBeNull();
    expect(await historyOf(store.models.revisions, 'projects', id)).toHaveLength(n);
  });

  it('concurrent writers of one record get distinct revisions or a CONFLICT, never a lost revision', async () => {
    const id = syntheticProject(7, 3)._id;
    await write(projectKind(store.models), id, () => project(3), 'CREATE');
    const results = await Promise.allSettled(
      ['PIPELINE', 'COMPLETED', 'SUSPENDED'].map((status) => write(projectKind(store.models), id, (b) => ({ ...b!, status: status as ProjectRecord['status'] }))),
    );
    for (const r of results) if (r.status === 'rejected') expect((r.reason as GraphQLError).extensions?.code).toBe('CONFLICT');
    expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
    // Whatever the interleaving, one more write brings the record to the chain's head.
    await repairAudited(projectKind(store.models), store.models.revisions, editor, [id]);
    const history = await historyOf<ProjectRecord>(store.models.revisions, 'projects', id);
    expect(history.map((r) => r.seq)).toEqual(history.map((_, i) => i + 1));
    const stored = (await store.models.projects.findById(id).lean()) as unknown as ProjectRecord;
    expect(stored.revision).toBe(history.length);
    expect(stored.status).toBe(history.at(-1)!.after!.status);
    expect(await pendingAuditModel(store.models.revisions).countDocuments()).toBe(0);
    await expectRollupsMatchStore();
  });

  it('schema errors are BAD_USER_INPUT naming the field, and nothing is written', async () => {
    const id = syntheticProject(7, 1)._id;
    const n = await store.models.revisions.countDocuments();
    const attempt = (change: (b: ProjectRecord | null) => ProjectRecord) => write(projectKind(store.models), id, change).catch((e: GraphQLError) => e);
    const invalidEnum = await attempt((b) => ({ ...b!, status: 'NOPE' as never }));
    expect(invalidEnum).toBeInstanceOf(GraphQLError);
    expect((invalidEnum as GraphQLError).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.status' });
    const nested = await attempt((b) => ({ ...b!, participatingCountries: [b!.participatingCountries[0], { countryCode: 'LA' } as never] }));
    expect((nested as GraphQLError).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.participatingCountries[1].percentage' });
    const unknown = await attempt((b) => ({ ...b!, $where: 'sleep(100)' }) as never);
    expect((unknown as GraphQLError).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.$where' });
    expect(await store.models.revisions.countDocuments()).toBe(n);
  });

  it('records stored before auditing: asOf uses the first revision\'s before, or the record by its provenance date', async () => {
    const seeded = syntheticProject(7, 9);
    await upsertProjects(store.models, [seeded]);
    const current = (await store.models.projects.findById(seeded._id).lean()) as unknown as ProjectRecord;
    const at = new Date();
    expect(await recordAsOf(store.models.revisions, 'projects', seeded._id, at, current)).toMatchObject({ _id: seeded._id });
    expect(await recordAsOf(store.models.revisions, 'projects', seeded._id, new Date('2000-01-01T00:00:00Z'), current)).toBeNull();
    await write(projectKind(store.models), seeded._id, (b) => ({ ...b!, status: 'CANCELLED' }));
    expect((await recordAsOf<ProjectRecord>(store.models.revisions, 'projects', seeded._id, at))?.status).toBe(seeded.status);
    expect((await recordAsOf<ProjectRecord>(store.models.revisions, 'projects', seeded._id, new Date()))?.status).toBe('CANCELLED');
  });

  it('kinds without a revision field (water observations) roll forward by content', async () => {
    const models = store.models;
    await models.waterStations.create({
      _id: 'ws-audit', name: 'Synthetic', river: 'Mekong', countryCode: 'LA', lat: 18, lon: 102, properties: ['WATER_LEVEL'], floodStage: null, alarmStage: null, provenance: syntheticProvenance(),
    });
    const time = new Date('2021-01-01T00:00:00Z');
    const o: WaterObservationRecord = { _id: `ws-audit|WATER_LEVEL|${time.toISOString()}`, stationId: 'ws-audit', property: 'WATER_LEVEL', time, value: 1, quality: 'GOOD', provenance: syntheticProvenance() };
    const kind = waterObservationKind(models);
    const writeObs = (k: AuditedKind<WaterObservationRecord>, value: number) =>
      writeAudited({ ...k, revisions: models.revisions, principal: editor, action: 'UPDATE', id: o._id, change: () => ({ ...o, value }) });
    await writeObs(kind, 1);
    await expect(writeObs(crashingKind(kind), 2)).rejects.toBe(crash);
    expect((await models.waterObservations.findById(o._id).lean())?.value).toBe(1);
    expect((await writeObs(kind, 2)).revision).toBeNull();
    expect((await models.waterObservations.findById(o._id).lean())?.value).toBe(2);
    const latest = await models.waterLatest.findById('ws-audit|WATER_LEVEL').lean();
    expect(latest?.value).toBe(2);
    expect((await historyOf(models.revisions, 'water_observations', o._id)).map((r) => r.seq)).toEqual([1, 2]);
  });
});

// The project write module keeps cells, action counts and leaderboards equal
// to brute force over the stored projects, through inserts, updates, deletes,
// rebuilds and a simulated crash.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupCells, cellMatches, needsCountryCells } from '../../subgraphs/economy/project-aggregates.js';
import { cellsOf } from '../../subgraphs/economy/project-contributions.js';
import { BOARD_CAPACITY, REFILL_BELOW, mergeBoard, rankOrder } from '../../subgraphs/economy/project-leaderboards.js';
import type { ProjectInput, ProjectRecord } from '../../subgraphs/economy/project-model.js';
import type { ProjectRollupRecord } from '../../subgraphs/economy/project-rollup-models.js';
import { deleteProject, deleteProjects, rebuildProjectRollups, repairProjectRollups, upsertProjects } from '../../subgraphs/economy/project-writes.js';
import { syntheticProject } from '../../subgraphs/economy/synthetic-projects.js';
import { bruteAggregates, bruteTop, expectSameRows } from './brute-force.js';
import { startEconomyStore, type EconomyStore } from './economy-store.js';

let store: EconomyStore;
beforeAll(async () => {
  store = await startEconomyStore();
});
afterAll(async () => {
  await store?.close();
});

const SEED = 42;
const groupings = [[], ['COUNTRY'], ['SECTOR', 'STATUS'], ['YEAR'], ['COUNTRY', 'YEAR'], ['COUNTRY', 'SECTOR', 'STATUS', 'YEAR']] as const;

async function expectRollupsMatchBruteForce() {
  const m = store.models;
  const projects = (await m.projects.find().lean()) as unknown as ProjectRecord[];
  const cells = cellsOf((await m.projectRollups.find().lean()) as unknown as ProjectRollupRecord[]);
  for (const g of groupings) {
    const actual = groupCells(cells.filter((c) => cellMatches(c, null, needsCountryCells([...g]))), [...g]);
    expectSameRows(actual as never, bruteAggregates(projects, [...g]), expect);
  }
  const filtered = groupCells(cells.filter((c) => cellMatches(c, { countryCode: 'LA', yearFrom: 2019, yearTo: 2020 }, true)), ['SECTOR']);
  expectSameRows(filtered as never, bruteAggregates(projects, ['SECTOR'], { countryCode: 'LA', yearFrom: 2019, yearTo: 2020 }), expect);
  // Action counts.
  const counts = ((await m.projectActionCounts.findOne({ _id: 'all' }).lean()) as { counts: Record<string, number> } | null)?.counts ?? {};
  const brute: Record<string, number> = {};
  for (const p of projects) for (const n of p.actionNumbers) brute[n] = (brute[n] ?? 0) + 1;
  expect(Object.fromEntries(Object.entries(counts).filter(([, v]) => v !== 0))).toEqual(brute);
  // Leaderboards: every prefix up to 100 is the exact top.
  const boards = new Map(((await m.projectLeaderboards.find().lean()) as any[]).map((b) => [b._id, b]));
  const check = (scope: string, subset: ProjectRecord[]) => {
    const b = boards.get(scope);
    const n = Math.min(100, subset.length);
    expect(b ? b.entries.slice(0, n).map((e: any) => e.id) : [], scope).toEqual(bruteTop(subset, n));
  };
  check('ALL', projects);
  for (const c of ['CN', 'KH', 'LA', 'MM', 'TH', 'VN']) check(`C:${c}`, projects.filter((p) => p.countryCodes.includes(c)));
  check('S:4.2.5', projects.filter((p) => p.sectorCode === '4.2.5'));
  return projects;
}

const inputs = (from: number, to: number): ProjectInput[] => Array.from({ length: to - from + 1 }, (_, k) => syntheticProject(SEED, from + k));

describe('project write module', () => {
  it('keeps rollups equal to brute force after inserts', async () => {
    expect(await upsertProjects(store.models, inputs(1, 40), { fresh: true })).toEqual({ written: 40 });
    await upsertProjects(store.models, inputs(41, 80));
    const projects = await expectRollupsMatchBruteForce();
    expect(projects).toHaveLength(80);
    expect(projects.every((p) => p.provenance.synthetic)).toBe(true);
  });

  it('skips unchanged projects on a repeated write', async () => {
    expect(await upsertProjects(store.models, inputs(1, 80))).toEqual({ written: 0 });
    await expectRollupsMatchBruteForce();
  });

  it('keeps rollups correct after updates (status, countries, sector, flows, actions)', async () => {
    const changed = inputs(1, 10).map((p, k) => ({
      ...p,
      status: 'CANCELLED' as const,
      sectorCode: k % 2 ? '4.2.5' : p.sectorCode,
      actionNumbers: k % 2 ? [47] : p.actionNumbers,
      participatingCountries: k % 3 ? [{ countryCode: 'MM', percentage: 100 }] : p.participatingCountries,
      flows: [...p.flows, { type: 'COMMITMENT' as const, valueDate: new Date('2021-06-01T00:00:00Z'), currency: 'USD', amount: 5e8 + k, usdAmount: 5e8 + k }],
    }));
    expect(await upsertProjects(store.models, changed)).toEqual({ written: 10 });
    await expectRollupsMatchBruteForce();
    // Lower a top project below others: the leaderboards must reorder.
    const lowered = { ...changed[0], flows: changed[0].flows.map((f) => ({ ...f, usdAmount: 1, amount: 1 })) };
    await upsertProjects(store.models, [lowered]);
    await expectRollupsMatchBruteForce();
  });

  it('keeps rollups correct after deletes', async () => {
    expect(await deleteProjects(store.models, ['proj-000002', 'proj-000003', 'proj-000050', 'proj-999999'])).toEqual({ deleted: 3 });
    expect(await deleteProject(store.models, 'proj-000004')).toEqual({ deleted: 1 });
    const projects = await expectRollupsMatchBruteForce();
    expect(projects).toHaveLength(76);
  });

  it('rebuilds the same rollups from scratch', async () => {
    const before = cellsOf((await store.models.projectRollups.find().lean()) as never).filter((c) => c.projectCount !== 0);
    await rebuildProjectRollups(store.models);
    const after = cellsOf((await store.models.projectRollups.find().lean()) as never);
    const key = (c: any) => `${c.countryCode}/${c.sectorCode}/${c.status}/${c.year}/${c.synthetic}`;
    expect(after.filter((c) => c.projectCount !== 0).map(key).sort()).toEqual(before.map(key).sort());
    await expectRollupsMatchBruteForce();
  });

  it('repairs rollups after a write interrupted between the records and the rollups', async () => {
    // Simulate the crash: projects written, marker left, rollups not updated.
    const extra = inputs(81, 90).map((i) => ({ ...i, countryCodes: i.participatingCountries.map((c) => c.countryCode), startYear: 2020, totals: { committedUsd: 0, disbursedUsd: 0, expendedUsd: 0 } }));
    await store.models.writeMarkers.create({ _id: 'crashed', kind: 'projects', startedAt: new Date(), seriesRanges: [] });
    await store.models.projects.insertMany(extra);
    expect(await repairProjectRollups(store.models)).toBe(true);
    expect(await store.models.writeMarkers.countDocuments()).toBe(0);
    await expectRollupsMatchBruteForce();
    expect(await repairProjectRollups(store.models)).toBe(false);
  });
});

describe('leaderboard merge', () => {
  const entry = (i: number, usd: number) => ({ id: `p${String(i).padStart(4, '0')}`, usd });
  it('stays an exact prefix of the ranking, and asks for a rebuild when it gets too short', () => {
    const all = Array.from({ length: 300 }, (_, i) => entry(i, (i * 7919) % 1000));
    const sorted = [...all].sort(rankOrder);
    let board: { entries: typeof all; truncated: boolean } = { entries: sorted.slice(0, BOARD_CAPACITY), truncated: true };
    // Raise an outside entry above the top, lower a board entry to the bottom.
    const raised = { ...sorted[250], usd: 5000 };
    const lowered = { ...sorted[0], usd: -1 };
    board = mergeBoard(board, [{ id: raised.id, after: raised }, { id: lowered.id, after: lowered }])!;
    const truth = sorted.map((e) => (e.id === raised.id ? raised : e.id === lowered.id ? lowered : e)).sort(rankOrder);
    expect(board.entries).toEqual(truth.slice(0, board.entries.length));
    // Remove entries until the board is too short to answer first: 100.
    const removals = board.entries.slice(0, board.entries.length - REFILL_BELOW + 1).map((e) => ({ id: e.id, after: null }));
    expect(mergeBoard(board, removals)).toBeNull();
  });
});

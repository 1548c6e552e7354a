// The synthetic generator: deterministic, linear in scale, always marked
// synthetic, and idempotent when run twice against a store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../platform-kit/bulk-writes.js';
import { seedEconomicPillar } from '../../subgraphs/economy/seed.js';
import { seedEconomySynthetic, economyAssessments, syntheticCounts, syntheticIndicators } from '../../subgraphs/economy/synthetic.js';
import { syntheticOrganisation, syntheticProject } from '../../subgraphs/economy/synthetic-projects.js';
import { PLAN_DAYS, PROPERTIES_PER_STATION, syntheticStation, syntheticStationObservations } from '../../subgraphs/economy/synthetic-water.js';
import { startEconomyStore, type EconomyStore } from './economy-store.js';

describe('synthetic generator (pure)', () => {
  it('generates the same records for the same seed, others for another seed', () => {
    const a = [1, 2, 150].map((i) => syntheticProject(7, i));
    expect(canonicalJson([1, 2, 150].map((i) => syntheticProject(7, i)))).toBe(canonicalJson(a));
    expect(canonicalJson([1, 2, 150].map((i) => syntheticProject(8, i)))).not.toBe(canonicalJson(a));
    expect(a.map((p) => p._id)).toEqual(['proj-000001', 'proj-000002', 'proj-000150']);
    const s = syntheticStation(7, 3);
    expect(canonicalJson(syntheticStationObservations(7, s, 3).slice(0, 50))).toBe(canonicalJson(syntheticStationObservations(7, syntheticStation(7, 3), 3).slice(0, 50)));
  });

  it('has counts linear in scale that reach the big targets', () => {
    expect(syntheticCounts(1)).toEqual({ projects: 200, organisations: 20, stations: 2 });
    expect(syntheticCounts(500).projects).toBeGreaterThanOrEqual(100_000);
    expect(syntheticCounts(100).stations * PROPERTIES_PER_STATION * PLAN_DAYS).toBeGreaterThanOrEqual(1_000_000);
    expect(syntheticCounts(1).stations * PROPERTIES_PER_STATION * PLAN_DAYS).toBeGreaterThan(9_000);
  });

  it('marks every record synthetic and names it so', () => {
    for (let i = 1; i <= 300; i++) {
      const p = syntheticProject(1, i);
      expect(p.provenance).toMatchObject({ synthetic: true, source: 'synthetic' });
      expect(p.title.en).toContain('Synthetic project');
      expect(p.title.zh).toContain('合成');
    }
    expect(syntheticOrganisation(1, 5).name.en).toContain('Synthetic');
    expect(syntheticIndicators(1).every((o) => o.provenance.synthetic)).toBe(true);
    const assessments = economyAssessments(1);
    expect(assessments.every((a) => a.provenance.synthetic && a.actionNumber >= 21 && a.actionNumber <= 68)).toBe(true);
  });
});

describe('synthetic seed against a store', () => {
  let store: EconomyStore;
  beforeAll(async () => {
    store = await startEconomyStore();
    await seedEconomicPillar(store.models);
  });
  afterAll(async () => {
    await store?.close();
  });

  const snapshot = async () => {
    const m = store.models;
    const all = async (model: any) => canonicalJson(await model.find().sort({ _id: 1 }).lean());
    return {
      projects: await all(m.projects),
      rollups: await all(m.projectRollups),
      boards: (await m.projectLeaderboards.find().sort({ _id: 1 }).lean()).map((b: any) => canonicalJson(b.entries)),
      days: await m.waterRollups.days.countDocuments(),
      months: await all(m.waterRollups.months),
      observations: await m.waterObservations.countDocuments(),
      progress: await all(m.progress),
    };
  };

  it('is idempotent: a second run leaves the same state', async () => {
    const options = { scale: 0.25, randomSeed: 99 };
    await seedEconomySynthetic(store.models, options);
    const first = await snapshot();
    expect(JSON.parse(first.projects)).toHaveLength(50);
    expect(first.observations).toBe(PROPERTIES_PER_STATION * PLAN_DAYS);
    await seedEconomySynthetic(store.models, options);
    expect(await snapshot()).toEqual(first);
  });
});

// The README's dashboard query end to end through the gateway at synthetic
// scale 1: no errors, every pillar answers, and the pillars' numbers agree with
// each other and with brute force over the real stores.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../subgraphs/registry.js';
import { graphql, graphqlData } from './support/graphql-client.js';
import { startTestPlatform, type PlatformFixture } from './support/platform-fixture.js';

const query = readFileSync(join(repoRoot, 'examples', 'dashboard.graphql'), 'utf8');
const variables = { year: 2020, from: '2020-01-01T00:00:00.000Z', to: '2021-01-01T00:00:00.000Z' };
const pillarField = { POLITICAL_SECURITY: 'politicalSecurity', ECONOMY: 'economy', SOCIAL_CULTURAL: 'socialCultural' } as const;

let platform: PlatformFixture;
let dashboard: any;
beforeAll(async () => {
  platform = await startTestPlatform({ syntheticScale: 1 });
  const body = await graphql(platform.gatewayUrl, query, variables);
  expect(body.errors).toBeUndefined();
  dashboard = body.data;
});
afterAll(async () => {
  await platform?.dispose();
});

const withStore = async <T>(subgraph: string, db: string, work: (d: mongoose.mongo.Db) => Promise<T>) => {
  const client = await new mongoose.mongo.MongoClient(platform.storeUris[subgraph]).connect();
  try {
    return await work(client.db(db));
  } finally {
    await client.close();
  }
};

describe('the dashboard query', () => {
  it('answers for all six members from all three pillars', () => {
    expect(dashboard.countries.map((c: any) => c.code)).toEqual(['CN', 'KH', 'LA', 'MM', 'TH', 'VN']);
    for (const c of dashboard.countries) {
      expect(c.politicalSecurity, c.code).not.toBeNull();
      expect(c.economy, c.code).not.toBeNull();
      expect(c.socialCultural, c.code).not.toBeNull();
    }
  });

  it('per-action progress (from each owning subgraph) agrees with each pillar’s rollup summary', () => {
    // Framework actions are assessed by political-security too: its summary covers them.
    const pillarOf = (a: any) => (a.pillar === null ? 'POLITICAL_SECURITY' : a.pillar) as keyof typeof pillarField;
    for (const c of dashboard.countries) {
      for (const [pillar, field] of Object.entries(pillarField)) {
        const counted: Record<string, number> = {};
        for (const a of dashboard.plan.actions.filter((x: any) => pillarOf(x) === pillar))
          for (const p of a.progress.filter((p: any) => p.countryCode === c.code)) counted[p.status] = (counted[p.status] ?? 0) + 1;
        const summary = c[field].progressSummary;
        for (const s of summary.byStatus) expect(s.count, `${c.code} ${pillar} ${s.status}`).toBe(counted[s.status] ?? 0);
        expect(summary.assessedCount).toBe(Object.values(counted).reduce((a, b) => a + b, 0));
      }
    }
    expect(dashboard.plan.actions).toHaveLength(94);
  });

  it('lists the latest meetings newest first', () => {
    const dates = dashboard.latestMeetings.map((m: any) => m.date);
    expect(dates).toHaveLength(5);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('ranks top projects exactly as a brute-force sort of every project by committed USD', async () => {
    const all: Array<{ id: string; committed: number }> = [];
    let after: string | null = null;
    do {
      const page: any = await graphqlData(
        platform.gatewayUrl,
        `query($after: String) { projects(first: 100, after: $after) { edges { node { id totals { committedUsd } } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      all.push(...page.projects.edges.map((e: any) => ({ id: e.node.id, committed: e.node.totals.committedUsd })));
      after = page.projects.pageInfo.hasNextPage ? page.projects.pageInfo.endCursor : null;
    } while (after);
    all.sort((a, b) => b.committed - a.committed || a.id.localeCompare(b.id));
    expect(dashboard.topProjects.map((p: any) => p.id)).toEqual(all.slice(0, 5).map((p) => p.id));
    for (const p of dashboard.topProjects) expect(p.provenance.synthetic).toBe(true);
  });

  it('gives a water station 12 monthly buckets for 2020 that match its raw observations', async () => {
    const station = dashboard.waterStations.edges[0].node;
    expect(station.series).toHaveLength(12);
    const raw = await withStore('economy', 'lmc_economy', (db) =>
      db
        .collection('water_observations')
        .find({ stationId: station.id, property: 'WATER_LEVEL', time: { $gte: new Date(variables.from), $lt: new Date(variables.to) } })
        .toArray(),
    );
    expect(station.series.reduce((n: number, b: any) => n + b.count, 0)).toBe(raw.length);
    for (const bucket of station.series) {
      const inBucket = raw.filter((o) => o.time >= new Date(bucket.start) && o.time < new Date(bucket.end)).map((o) => o.value as number);
      expect(bucket.count).toBe(inBucket.length);
      expect(bucket.min).toBeCloseTo(Math.min(...inBucket), 9);
      expect(bucket.max).toBeCloseTo(Math.max(...inBucket), 9);
      expect(bucket.mean).toBeCloseTo(inBucket.reduce((a, b) => a + b, 0) / inBucket.length, 9);
    }
  });

  it('country project counts equal the projectAggregates rows and a brute-force count', async () => {
    const agg = await graphqlData(platform.gatewayUrl, `{ projectAggregates(groupBy: [COUNTRY, YEAR], filter: { yearFrom: 2020, yearTo: 2020 }) { countryCode year projectCount } }`);
    for (const c of dashboard.countries) {
      const row = agg.projectAggregates.find((r: any) => r.countryCode === c.code);
      expect(c.economy.projectCount, c.code).toBe(row?.projectCount ?? 0);
    }
    const brute = await withStore('economy', 'lmc_economy', async (db) => {
      const counts: Record<string, number> = {};
      for (const p of await db.collection('projects').find().toArray()) {
        const start: Date | null = p.actualStart ?? p.plannedStart ?? null;
        if (start?.getUTCFullYear() !== 2020) continue;
        for (const share of p.participatingCountries) counts[share.countryCode] = (counts[share.countryCode] ?? 0) + 1;
      }
      return counts;
    });
    for (const c of dashboard.countries) expect(c.economy.projectCount, c.code).toBe(brute[c.code] ?? 0);
  });
});

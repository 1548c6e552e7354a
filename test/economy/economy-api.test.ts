// The economy pillar through the real gateway (synthetic scale 1), checked
// against brute force over the subgraph's own store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectRecord } from '../../subgraphs/economy/project-model.js';
import type { WaterObservationRecord } from '../../subgraphs/economy/water-models.js';
import { graphql, graphqlData } from '../support/graphql-client.js';
import { startTestPlatform, type PlatformFixture } from '../support/platform-fixture.js';
import { bruteAggregates, bruteTop, expectSameRows } from './brute-force.js';
import { openEconomyModels } from './economy-store.js';

let platform: PlatformFixture;
let store: Awaited<ReturnType<typeof openEconomyModels>>;
let projects: ProjectRecord[];
beforeAll(async () => {
  platform = await startTestPlatform({ syntheticScale: 1 });
  store = await openEconomyModels(platform.storeUris.economy);
  projects = (await store.models.projects.find().sort({ _id: 1 }).lean()) as unknown as ProjectRecord[];
});
afterAll(async () => {
  await store?.close();
  await platform?.dispose();
});

const q = <T = any>(query: string, variables?: Record<string, unknown>) => graphqlData<T>(platform.gatewayUrl, query, variables);
const ids = (conn: any) => conn.edges.map((e: any) => e.node.id);

describe('projects', () => {
  it('seeds 200 synthetic projects, each marked synthetic and titled so', async () => {
    expect(projects).toHaveLength(200);
    for (const p of projects) {
      expect(p.provenance).toMatchObject({ synthetic: true, source: 'synthetic' });
      expect(p.title.en).toMatch(/^Synthetic project \d{6}/);
      expect(p.participatingCountries.reduce((a, c) => a + c.percentage, 0)).toBe(100);
      expect(p.actionNumbers.every((n) => n >= 21 && n <= 68)).toBe(true);
    }
  });

  it('serves a project with all its fields', async () => {
    const p = projects[41];
    const data = await q(`query($id: ID!) { project(id: $id) { id title { en zh } status sectorCode sector { code title { en } }
      participatingCountries { countryCode percentage } implementingOrganisations { id name { en } provenance { synthetic } }
      plannedStart actualStart startYear fundingSource flows { type valueDate currency amount usdAmount } commitments: flows(type: COMMITMENT) { type }
      totals { committedUsd disbursedUsd expendedUsd } actions { number stewardSubgraph text { en } } locations { name lat lon } provenance { synthetic source } } }`, { id: p._id });
    const got = data.project;
    expect(got.id).toBe(p._id);
    expect(got.sector.code).toBe(p.sectorCode);
    expect(got.sector.title.en.length).toBeGreaterThan(0);
    expect(got.participatingCountries).toEqual(p.participatingCountries);
    expect(got.implementingOrganisations.map((o: any) => o.id)).toEqual(p.implementingOrganisationIds);
    expect(got.implementingOrganisations.every((o: any) => o.provenance.synthetic && o.name.en.startsWith('Synthetic'))).toBe(true);
    expect(got.flows).toHaveLength(p.flows.length);
    expect(got.commitments.every((f: any) => f.type === 'COMMITMENT')).toBe(true);
    expect(got.totals.committedUsd).toBeCloseTo(p.flows.filter((f) => f.type === 'COMMITMENT').reduce((a, f) => a + f.usdAmount, 0), 6);
    expect(got.actions.map((a: any) => a.number)).toEqual(p.actionNumbers);
    expect(got.actions.every((a: any) => a.stewardSubgraph === 'economy' && a.text.en)).toBe(true);
    for (const l of got.locations) {
      expect(l.lat).toBeGreaterThan(8);
      expect(l.lat).toBeLessThan(26);
    }
    expect((await q(`{ project(id: "proj-999999") { id } }`)).project).toBeNull();
  });

  it('filters projects (country, sector, status, year range, action, funding, synthetic) like brute force', async () => {
    const cases: Array<[Record<string, unknown>, (p: ProjectRecord) => boolean]> = [
      [{ countryCode: 'KH' }, (p) => p.countryCodes.includes('KH')],
      [{ sectorCode: '4.2.5', status: 'IMPLEMENTATION' }, (p) => p.sectorCode === '4.2.5' && p.status === 'IMPLEMENTATION'],
      [{ startYear: 2019 }, (p) => p.startYear === 2019],
      [{ startYearFrom: 2018, startYearTo: 2020, countryCode: 'VN' }, (p) => p.startYear! >= 2018 && p.startYear! <= 2020 && p.countryCodes.includes('VN')],
      [{ actionNumber: 47 }, (p) => p.actionNumbers.includes(47)],
      [{ fundingSource: 'LMC_SPECIAL_FUND' }, (p) => p.fundingSource === 'LMC_SPECIAL_FUND'],
      [{ synthetic: false }, () => false],
    ];
    for (const [filter, pred] of cases) {
      const data = await q(`query($f: ProjectFilter) { projects(filter: $f, first: 100) { totalCount edges { node { id } } } }`, { f: filter });
      const expected = projects.filter(pred).map((p) => p._id);
      expect(data.projects.totalCount, JSON.stringify(filter)).toBe(expected.length);
      expect(ids(data.projects), JSON.stringify(filter)).toEqual(expected.slice(0, 100));
    }
  });

  it('pages through all projects in id order, with the edges of pagination', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const data: any = await q(`query($after: String) { projects(first: 70, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }`, { after });
      seen.push(...ids(data.projects));
      expect(data.projects.totalCount).toBe(200);
      if (!data.projects.pageInfo.hasNextPage) break;
      after = data.projects.pageInfo.endCursor;
    }
    expect(seen).toEqual(projects.map((p) => p._id));
    const zero = await q(`{ projects(first: 0) { edges { cursor } pageInfo { hasNextPage endCursor } totalCount } }`);
    expect(zero.projects).toEqual({ edges: [], pageInfo: { hasNextPage: true, endCursor: null }, totalCount: 200 });
    const empty = await q(`{ projects(filter: { countryCode: "US" }) { edges { cursor } pageInfo { hasNextPage endCursor } totalCount } }`);
    expect(empty.projects).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0 });
    const tooBig = await graphql(platform.gatewayUrl, `{ projects(first: 101) { totalCount } }`);
    expect(tooBig.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const badCursor = await graphql(platform.gatewayUrl, `{ projects(after: "not-a-cursor") { totalCount } }`);
    expect(badCursor.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('ranks top projects by committed USD like brute force (all, per country, per sector, other filters)', async () => {
    const data = await q(`{ all: topProjects(first: 10) { id totals { committedUsd } } th: topProjects(first: 7, filter: { countryCode: "TH" }) { id }
      water: topProjects(filter: { sectorCode: "4.2.5" }) { id } done: topProjects(first: 4, filter: { status: COMPLETED, countryCode: "CN" }) { id } }`);
    expect(data.all.map((p: any) => p.id)).toEqual(bruteTop(projects, 10));
    expect(data.th.map((p: any) => p.id)).toEqual(bruteTop(projects.filter((p) => p.countryCodes.includes('TH')), 7));
    expect(data.water.map((p: any) => p.id)).toEqual(bruteTop(projects.filter((p) => p.sectorCode === '4.2.5'), 5));
    expect(data.done.map((p: any) => p.id)).toEqual(bruteTop(projects.filter((p) => p.status === 'COMPLETED' && p.countryCodes.includes('CN')), 4));
  });

  it('aggregates equal brute force over the raw projects', async () => {
    for (const groupBy of [[], ['COUNTRY'], ['SECTOR', 'STATUS'], ['YEAR'], ['COUNTRY', 'SECTOR', 'STATUS', 'YEAR']]) {
      const data = await q(`query($g: [ProjectDimension!]!) { projectAggregates(groupBy: $g) { countryCode sectorCode status year projectCount committedUsd disbursedUsd expendedUsd } }`, { g: groupBy });
      expectSameRows(data.projectAggregates, bruteAggregates(projects, groupBy as never), expect);
    }
    const f = await q(`{ projectAggregates(groupBy: [YEAR], filter: { countryCode: "MM", yearFrom: 2019, yearTo: 2021 }) { countryCode sectorCode status year projectCount committedUsd disbursedUsd expendedUsd } }`);
    expectSameRows(f.projectAggregates, bruteAggregates(projects, ['YEAR'], { countryCode: 'MM', yearFrom: 2019, yearTo: 2021 }), expect);
    const total = await q(`{ projectAggregates(groupBy: []) { projectCount } }`);
    expect(total.projectAggregates).toEqual([{ projectCount: 200 }]);
  });
});

describe('country view and action fields', () => {
  it('gives each country its project count, funding, top projects and stations', async () => {
    const data = await q(`{ countries { code economy { projectCount y2020: projectCount(year: 2020) fundingUsd { committedUsd disbursedUsd expendedUsd }
      f2021: fundingUsd(year: 2021) { committedUsd } topProjects { id } waterStations { id countryCode } progressAssessmentCount } } }`);
    const stations = (await store.models.waterStations.find().lean()) as any[];
    for (const c of data.countries) {
      const mine = projects.filter((p) => p.countryCodes.includes(c.code));
      const agg = bruteAggregates(projects, ['COUNTRY'], { countryCode: c.code })[0];
      const agg2021 = bruteAggregates(projects, ['COUNTRY'], { countryCode: c.code, yearFrom: 2021, yearTo: 2021 })[0];
      expect(c.economy.projectCount, c.code).toBe(mine.length);
      expect(c.economy.y2020).toBe(mine.filter((p) => p.startYear === 2020).length);
      expect(c.economy.fundingUsd.committedUsd).toBeCloseTo(agg.committedUsd, 4);
      expect(c.economy.fundingUsd.expendedUsd).toBeCloseTo(agg.expendedUsd, 4);
      expect(c.economy.f2021.committedUsd).toBeCloseTo(agg2021?.committedUsd ?? 0, 4);
      expect(c.economy.topProjects.map((p: any) => p.id)).toEqual(bruteTop(mine, 3));
      expect(c.economy.waterStations.map((s: any) => s.id)).toEqual(stations.filter((s) => s.countryCode === c.code).map((s) => s._id));
      expect(c.economy.progressAssessmentCount).toBeGreaterThan(0);
    }
  });

  it('gives every 4.2 action its project count and first page of projects, in one request', async () => {
    const data = await q(`{ plan { actions { number ... on EconomicAction { projectCount projects(first: 3) { totalCount pageInfo { hasNextPage } edges { node { id } } } } } } }`);
    const economic = data.plan.actions.filter((a: any) => a.number >= 21 && a.number <= 68);
    expect(economic).toHaveLength(48);
    for (const a of economic) {
      const linked = projects.filter((p) => p.actionNumbers.includes(a.number)).map((p) => p._id);
      expect(a.projectCount, `action ${a.number}`).toBe(linked.length);
      expect(a.projects.totalCount).toBe(linked.length);
      expect(ids(a.projects)).toEqual(linked.slice(0, 3));
      expect(a.projects.pageInfo.hasNextPage).toBe(linked.length > 3);
    }
    const next = await q(`{ planAction(number: 47) { ... on EconomicAction { projects(first: 2) { pageInfo { endCursor } } } } }`);
    const page2 = await q(`query($a: String) { planAction(number: 47) { ... on EconomicAction { projects(first: 2, after: $a) { edges { node { id } } } } } }`, { a: next.planAction.projects.pageInfo.endCursor });
    expect(ids(page2.planAction.projects)).toEqual(projects.filter((p) => p.actionNumbers.includes(47)).map((p) => p._id).slice(2, 4));
  });
});

describe('water monitoring and indicators', () => {
  it('lists stations and observed properties', async () => {
    const data = await q(`{ observedProperties { code unit kind name { en } } waterStations(first: 100) { totalCount edges { node { id name countryCode river properties { code unit } provenance { synthetic } } } }
      kh: waterStations(filter: { countryCode: "KH" }) { totalCount } ph: waterStations(filter: { property: WATER_LEVEL }) { totalCount } }`);
    expect(data.observedProperties.map((p: any) => p.code)).toEqual(['WATER_LEVEL', 'DISCHARGE', 'RAINFALL', 'DISSOLVED_OXYGEN', 'PH', 'TURBIDITY']);
    expect(data.waterStations.totalCount).toBe(2);
    expect(data.ph.totalCount).toBe(2);
    for (const e of data.waterStations.edges) {
      expect(e.node.provenance.synthetic).toBe(true);
      expect(e.node.name).toMatch(/^Synthetic station/);
    }
    expect(data.kh.totalCount).toBe(data.waterStations.edges.filter((e: any) => e.node.countryCode === 'KH').length);
  });

  it('serves series buckets equal to brute force over raw observations, and the latest observation', async () => {
    const obs = (await store.models.waterObservations.find({ stationId: 'ws-0001', property: 'WATER_LEVEL' }).lean()) as unknown as WaterObservationRecord[];
    expect(obs.length).toBe(1826);
    const from = '2019-11-15T00:00:00.000Z';
    const to = '2020-03-01T00:00:00.000Z';
    const data = await q(`query($from: DateTime!, $to: DateTime!) { waterStation(id: "ws-0001") {
      monthly: series(property: WATER_LEVEL, from: $from, to: $to, bucket: MONTH) { start end count min max mean sum }
      yearly: series(property: WATER_LEVEL, from: "2018-01-01T00:00:00Z", to: "2023-01-01T00:00:00Z", bucket: YEAR) { start count sum }
      latestObservation(property: WATER_LEVEL) { time value quality provenance { synthetic } } } }`, { from, to });
    const inRange = obs.filter((o) => o.time >= new Date(from) && o.time < new Date(to));
    const months = new Map<string, number[]>();
    for (const o of inRange) {
      const k = o.time.toISOString().slice(0, 7);
      months.set(k, [...(months.get(k) ?? []), o.value]);
    }
    expect(data.waterStation.monthly.map((b: any) => b.start.slice(0, 7))).toEqual([...months.keys()].sort());
    for (const b of data.waterStation.monthly) {
      const v = months.get(b.start.slice(0, 7))!;
      expect(b.count).toBe(v.length);
      expect(b.min).toBe(Math.min(...v));
      expect(b.max).toBe(Math.max(...v));
      expect(b.sum).toBeCloseTo(v.reduce((a, x) => a + x, 0), 6);
    }
    expect(data.waterStation.yearly.map((b: any) => b.count)).toEqual([365, 365, 366, 365, 365]) // 2020 is a leap year;
    const latest = obs.reduce((a, o) => (o.time > a.time ? o : a));
    expect(data.waterStation.latestObservation).toEqual({ time: latest.time.toISOString(), value: latest.value, quality: latest.quality, provenance: { synthetic: true } });
  });

  it('serves economic indicator series and rejects a missing partner', async () => {
    const data = await q(`{ economicIndicatorSeries(indicator: TRADE_VALUE_USD, reporterCode: "TH", partnerCode: "VN", from: "2018-01-01T00:00:00Z", to: "2023-01-01T00:00:00Z", bucket: YEAR) { start count sum } }`);
    const raw = (await store.models.indicatorObservations.find({ indicator: 'TRADE_VALUE_USD', reporterCode: 'TH', partnerCode: 'VN' }).sort({ time: 1 }).lean()) as any[];
    expect(data.economicIndicatorSeries.map((b: any) => b.sum)).toEqual(raw.map((r) => r.value));
    expect(raw.every((r) => r.provenance.synthetic)).toBe(true);
    const bad = await graphql(platform.gatewayUrl, `{ economicIndicatorSeries(indicator: TRADE_VALUE_USD, reporterCode: "TH", from: "2018-01-01T00:00:00Z", to: "2019-01-01T00:00:00Z", bucket: YEAR) { count } }`);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

// The social-cultural pillar end to end: real embedded store seeded with
// synthetic data at scale 1, the three subgraph processes and the gateway,
// queried over HTTP and checked against brute force over the stored records.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventRecord, ExchangeProgrammeRecord } from '../../subgraphs/social-cultural/activity-records.js';
import { upsertProgrammes, deleteProgrammes } from '../../subgraphs/social-cultural/activity-writes.js';
import type { HealthCaseRecord, TourismArrivalRecord } from '../../subgraphs/social-cultural/series-records.js';
import { syntheticProgramme } from '../../subgraphs/social-cultural/synthetic-activities.js';
import { DEFAULT_RANDOM_SEED } from '../../platform-kit/subgraph-server.js';
import { graphql, graphqlData } from '../support/graphql-client.js';
import { startTestPlatform, type PlatformFixture } from '../support/platform-fixture.js';
import { bruteBuckets, bruteEventAggregates, bruteExchangeAggregates } from './brute-force.js';
import { openSocialCulturalStore, type OwnStore } from './own-store.js';

let platform: PlatformFixture;
let store: OwnStore;
let programmes: ExchangeProgrammeRecord[];
let events: EventRecord[];
const gql = <T = any>(query: string, variables?: Record<string, unknown>) => graphqlData<T>(platform.gatewayUrl, query, variables);
const ids = (conn: { edges: Array<{ node: { id: string } }> }) => conn.edges.map((e) => e.node.id);
const sortedIds = (records: Array<{ _id: string }>) => records.map((r) => r._id).sort();

beforeAll(async () => {
  platform = await startTestPlatform({ syntheticScale: 1 });
  store = await openSocialCulturalStore(platform.storeUris['social-cultural']);
  programmes = (await store.models.programmes.find().lean()) as ExchangeProgrammeRecord[];
  events = (await store.models.events.find().lean()) as EventRecord[];
});
afterAll(async () => {
  await store?.close();
  await platform?.dispose();
});

describe('synthetic data at scale 1', () => {
  it('has the documented counts, stable ids, and every record marked synthetic', async () => {
    expect(programmes).toHaveLength(100);
    expect(events).toHaveLength(100);
    expect(sortedIds(programmes)[0]).toBe('xp-000001');
    expect(sortedIds(events)[99]).toBe('ev-000100');
    // Same seed in the test as in the subgraph: the stored records are exactly the generated ones.
    expect(programmes.find((p) => p._id === 'xp-000042')).toEqual(syntheticProgramme(DEFAULT_RANDOM_SEED, 41));
    const m = store.models;
    expect(await m.healthCases.countDocuments()).toBe(720);
    expect(await m.tourismArrivals.countDocuments()).toBe(2160);
    expect(await m.progress.countDocuments()).toBe(23 * 6 * 5);
    for (const model of [m.programmes, m.events, m.healthCases, m.tourismArrivals, m.progress, m.organisations] as any[]) {
      expect(await model.countDocuments({ 'provenance.synthetic': false }), model.modelName).toBe(0);
      expect(await model.countDocuments({ 'provenance.source': 'synthetic' }), model.modelName).toBe(await model.countDocuments());
    }
  });
});

describe('exchangeProgrammes and events (connections)', () => {
  it('serves one programme with its organisers, participants and actions (action text from political-security)', async () => {
    const p = programmes.find((r) => r._id === 'xp-000007')!;
    const data = await gql(
      `{ exchangeProgramme(id: "xp-000007") { id kind title { en zh } year startDate endDate hostCountryCode
           participants { countryCode total female male } participantTotal
           organisers { id type countryCode provenance { synthetic } } actions { number text { en } stewardSubgraph }
           provenance { synthetic source } }
         missing: exchangeProgramme(id: "xp-999999") { id } }`,
    );
    expect(data.missing).toBeNull();
    const x = data.exchangeProgramme;
    expect(x).toMatchObject({ id: p._id, kind: p.kind, title: p.title, year: p.year, hostCountryCode: p.hostCountryCode, provenance: { synthetic: true, source: 'synthetic' } });
    expect(x.startDate).toBe(p.startDate.toISOString());
    expect(x.participants).toEqual(p.participants);
    expect(x.participantTotal).toBe(p.participants.reduce((n, g) => n + g.total, 0));
    expect(x.organisers.map((o: any) => o.id)).toEqual(p.organiserIds);
    expect(x.organisers.every((o: any) => o.provenance.synthetic)).toBe(true);
    expect(x.actions.map((a: any) => a.number)).toEqual(p.actionNumbers);
    for (const a of x.actions) expect(a.text.en.length).toBeGreaterThan(10), expect(a.stewardSubgraph).toBe('social-cultural');
  });

  it('filters programmes by kind, country (host or participant), year, action and synthetic, as brute force', async () => {
    const cases: Array<[Record<string, unknown>, (p: ExchangeProgrammeRecord) => boolean]> = [
      [{ kind: 'SCHOLARSHIP' }, (p) => p.kind === 'SCHOLARSHIP'],
      [{ countryCode: 'LA' }, (p) => p.hostCountryCode === 'LA' || p.participants.some((g) => g.countryCode === 'LA')],
      [{ year: 2020, kind: 'YOUTH_EXCHANGE' }, (p) => p.year === 2020 && p.kind === 'YOUTH_EXCHANGE'],
      [{ actionNumber: 78 }, (p) => p.actionNumbers.includes(78)],
      [{ synthetic: true, countryCode: 'VN' }, (p) => p.countryCodes.includes('VN')],
      [{ synthetic: false }, () => false],
    ];
    for (const [filter, keep] of cases) {
      const data = await gql(`query($f: ExchangeProgrammeFilter) { exchangeProgrammes(filter: $f, first: 100) { totalCount edges { node { id } } } }`, { f: filter });
      const expected = sortedIds(programmes.filter(keep));
      expect(ids(data.exchangeProgrammes), JSON.stringify(filter)).toEqual(expected);
      expect(data.exchangeProgrammes.totalCount).toBe(expected.length);
    }
  });

  it('filters events by kind, place country, date range, year and action, as brute force', async () => {
    const from = '2019-03-01T00:00:00.000Z';
    const to = '2020-07-01T00:00:00.000Z';
    const cases: Array<[Record<string, unknown>, (e: EventRecord) => boolean]> = [
      [{ kind: 'HEALTH_CAMPAIGN' }, (e) => e.kind === 'HEALTH_CAMPAIGN'],
      [{ countryCode: 'TH' }, (e) => e.place.countryCode === 'TH'],
      [{ from, to }, (e) => e.startDate >= new Date(from) && e.startDate < new Date(to)],
      [{ from }, (e) => e.startDate >= new Date(from)],
      [{ year: 2021, countryCode: 'CN' }, (e) => e.startDate.getUTCFullYear() === 2021 && e.place.countryCode === 'CN'],
      [{ actionNumber: 72 }, (e) => e.actionNumbers.includes(72)],
    ];
    for (const [filter, keep] of cases) {
      const data = await gql(`query($f: EventFilter) { events(filter: $f, first: 100) { totalCount edges { node { id } } } }`, { f: filter });
      const expected = sortedIds(events.filter(keep));
      expect(expected.length, JSON.stringify(filter)).toBeGreaterThan(0);
      expect(ids(data.events), JSON.stringify(filter)).toEqual(expected);
      expect(data.events.totalCount).toBe(expected.length);
    }
    const one = events.find((e) => e._id === 'ev-000010')!;
    const { event } = await gql(`{ event(id: "ev-000010") { id kind year place { name countryCode lat lon } actions { number } organisers { id } startDate } }`);
    expect(event).toMatchObject({ id: one._id, kind: one.kind, year: one.year, place: one.place, startDate: one.startDate.toISOString() });
    expect(event.actions.map((a: any) => a.number)).toEqual(one.actionNumbers);
  });

  it('pages: first/after walks every record once, in id order; last page; first: 0; empty result', async () => {
    const walked: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const data: any = await gql(`query($after: String) { events(first: 30, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`, { after });
      const c = data.events;
      expect(c.totalCount).toBe(100);
      walked.push(...ids(c));
      pages++;
      if (c.edges.length) expect(c.pageInfo.endCursor).toBe(c.edges[c.edges.length - 1].cursor);
      if (!c.pageInfo.hasNextPage) break;
      after = c.pageInfo.endCursor;
    }
    expect(pages).toBe(4);
    expect(walked).toEqual(sortedIds(events));
    const zero = await gql(`{ exchangeProgrammes(first: 0) { totalCount edges { cursor } pageInfo { hasNextPage endCursor } } }`);
    expect(zero.exchangeProgrammes).toEqual({ totalCount: 100, edges: [], pageInfo: { hasNextPage: true, endCursor: null } });
    const empty = await gql(`{ exchangeProgrammes(filter: { year: 1999 }) { totalCount edges { cursor } pageInfo { hasNextPage endCursor } } }`);
    expect(empty.exchangeProgrammes).toEqual({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
    const defaultPage = await gql(`{ exchangeProgrammes { edges { node { id } } pageInfo { hasNextPage } } }`);
    expect(ids(defaultPage.exchangeProgrammes)).toEqual(sortedIds(programmes).slice(0, 20));
  });

  it('refuses first > 100, a negative first and a bad cursor with BAD_USER_INPUT', async () => {
    for (const query of [
      `{ exchangeProgrammes(first: 101) { totalCount } }`,
      `{ events(first: -1) { totalCount } }`,
      `{ events(after: "not-a-cursor") { totalCount } }`,
      `{ planAction(number: 78) { ... on SocialCulturalAction { exchangeProgrammes(first: 500) { totalCount } } } }`,
    ]) {
      const res = await graphql(platform.gatewayUrl, query);
      expect(res.errors?.[0]?.extensions?.code, query).toBe('BAD_USER_INPUT');
    }
  });
});

describe('aggregates from rollups equal brute force over the records', () => {
  const groupings = [[], ['COUNTRY'], ['KIND'], ['YEAR'], ['COUNTRY', 'KIND'], ['COUNTRY', 'YEAR'], ['KIND', 'YEAR'], ['COUNTRY', 'KIND', 'YEAR']];

  it('exchangeAggregates for every grouping and some filters', async () => {
    for (const groupBy of groupings) {
      const data = await gql(`query($g: [ExchangeDimension!]!) { exchangeAggregates(groupBy: $g) { countryCode kind year programmeCount participants female male } }`, { g: groupBy });
      expect(data.exchangeAggregates, String(groupBy)).toEqual(bruteExchangeAggregates(programmes, groupBy as never));
    }
    const [total] = (await gql(`{ exchangeAggregates(groupBy: []) { programmeCount } }`)).exchangeAggregates;
    expect(total.programmeCount).toBe(100);
    for (const filter of [{ countryCode: 'MM' }, { kind: 'MEDIA_EXCHANGE' }, { year: 2018, countryCode: 'CN' }]) {
      const data = await gql(`query($f: ExchangeAggregateFilter) { exchangeAggregates(groupBy: [YEAR], filter: $f) { countryCode kind year programmeCount participants female male } }`, { f: filter });
      expect(data.exchangeAggregates, JSON.stringify(filter)).toEqual(bruteExchangeAggregates(programmes, ['YEAR'], filter));
    }
  });

  it('eventAggregates for every grouping and a filter', async () => {
    for (const groupBy of groupings) {
      const data = await gql(`query($g: [EventDimension!]!) { eventAggregates(groupBy: $g) { countryCode kind year eventCount } }`, { g: groupBy });
      expect(data.eventAggregates, String(groupBy)).toEqual(bruteEventAggregates(events, groupBy as never));
    }
    const data = await gql(`{ eventAggregates(groupBy: [COUNTRY], filter: { kind: CULTURAL, year: 2020 }) { countryCode kind year eventCount } }`);
    expect(data.eventAggregates).toEqual(bruteEventAggregates(events, ['COUNTRY'], { kind: 'CULTURAL', year: 2020 }));
  });

  it('stay correct through the gateway after an insert, an update and a delete through the write module', async () => {
    const extra = { ...syntheticProgramme(DEFAULT_RANDOM_SEED, 5000), _id: 'xp-950000' };
    await upsertProgrammes(store.models, [extra]);
    await upsertProgrammes(store.models, [{ ...extra, kind: 'SCHOLARSHIP' as const, year: 2018 }]);
    const query = `{ exchangeAggregates(groupBy: [COUNTRY, KIND, YEAR]) { countryCode kind year programmeCount participants female male } }`;
    const now = (await store.models.programmes.find().lean()) as ExchangeProgrammeRecord[];
    expect(now).toHaveLength(101);
    expect((await gql(query)).exchangeAggregates).toEqual(bruteExchangeAggregates(now, ['COUNTRY', 'KIND', 'YEAR']));
    await deleteProgrammes(store.models, ['xp-950000']);
    expect((await gql(query)).exchangeAggregates).toEqual(bruteExchangeAggregates(programmes, ['COUNTRY', 'KIND', 'YEAR']));
  });
});

describe('health and tourism series', () => {
  const from = '2018-01-01T00:00:00.000Z';
  const to = '2023-01-01T00:00:00.000Z';

  it('healthSeries buckets equal brute force over the raw reports, for every bucket size', async () => {
    const raw = (await store.models.healthCases.find({ disease: 'MALARIA', countryCode: 'MM' }).lean()) as HealthCaseRecord[];
    const obs = raw.map((r) => ({ time: r.time, value: r.cases }));
    for (const bucket of ['DAY', 'MONTH', 'QUARTER', 'YEAR'] as const) {
      const data = await gql(`query($b: TimeBucket!) { healthSeries(disease: MALARIA, countryCode: "MM", from: "${from}", to: "${to}", bucket: $b) { start end count min max mean sum } }`, { b: bucket });
      expect(data.healthSeries, bucket).toEqual(bruteBuckets(obs, new Date(from), new Date(to), bucket));
    }
    expect((await gql(`{ healthSeries(disease: DENGUE, countryCode: "KH", from: "${from}", to: "${to}", bucket: YEAR) { start } }`)).healthSeries).toHaveLength(5);
    const partial = await gql(`{ healthSeries(disease: DENGUE, countryCode: "KH", from: "2020-02-15T00:00:00Z", to: "2020-05-01T00:00:00Z", bucket: MONTH) { start count } }`);
    expect(partial.healthSeries.map((b: any) => b.start)).toEqual(['2020-03-01T00:00:00.000Z', '2020-04-01T00:00:00.000Z']);
  });

  it('tourismSeries with and without an origin equals brute force', async () => {
    const all = (await store.models.tourismArrivals.find({ destinationCode: 'TH' }).lean()) as TourismArrivalRecord[];
    const fromVN = all.filter((r) => r.originCode === 'VN');
    const data = await gql(`{ all: tourismSeries(countryCode: "TH", from: "${from}", to: "${to}", bucket: QUARTER) { start end count min max mean sum }
      vn: tourismSeries(countryCode: "TH", originCode: "VN", from: "${from}", to: "${to}", bucket: MONTH) { start end count min max mean sum } }`);
    expect(data.all).toEqual(bruteBuckets(all.map((r) => ({ time: r.time, value: r.arrivals })), new Date(from), new Date(to), 'QUARTER'));
    expect(data.vn).toEqual(bruteBuckets(fromVN.map((r) => ({ time: r.time, value: r.arrivals })), new Date(from), new Date(to), 'MONTH'));
    expect(data.vn).toHaveLength(60);
  });

  it('refuses a non-member country and a reversed range with BAD_USER_INPUT', async () => {
    for (const query of [
      `{ healthSeries(disease: DENGUE, countryCode: "US", from: "${from}", to: "${to}", bucket: YEAR) { sum } }`,
      `{ tourismSeries(countryCode: "TH", originCode: "XX", from: "${from}", to: "${to}", bucket: YEAR) { sum } }`,
      `{ tourismSeries(countryCode: "TH", from: "${to}", to: "${from}", bucket: YEAR) { sum } }`,
    ]) {
      expect((await graphql(platform.gatewayUrl, query)).errors?.[0]?.extensions?.code, query).toBe('BAD_USER_INPUT');
    }
  });
});

describe('Country.socialCultural and SocialCulturalAction live data', () => {
  it('serves each member its participants, programme, event and case counts, as brute force', async () => {
    const data = await gql(`{ countries { code socialCultural {
        stewardSubgraph progressAssessmentCount(year: 2020)
        all: exchangeParticipants { countryCode total female male } y2019: exchangeParticipants(year: 2019) { total }
        programmeCount y2021: programmeCount(year: 2021) eventCount e2018: eventCount(year: 2018)
        dengue: healthCases(disease: DENGUE, year: 2020) malaria: healthCases(disease: MALARIA, year: 2019) } } }`);
    const health = (await store.models.healthCases.find().lean()) as HealthCaseRecord[];
    const cases = (disease: string, code: string, year: number) =>
      health.filter((h) => h.disease === disease && h.countryCode === code && h.time.getUTCFullYear() === year).reduce((n, h) => n + h.cases, 0);
    expect(data.countries).toHaveLength(6);
    for (const { code, socialCultural: v } of data.countries) {
      const groups = programmes.flatMap((p) => p.participants.filter((g) => g.countryCode === code).map((g) => ({ ...g, year: p.year })));
      const withSex = groups.filter((g) => g.female != null);
      expect(v.stewardSubgraph).toBe('social-cultural');
      expect(v.progressAssessmentCount).toBe(23);
      expect(v.all).toEqual({
        countryCode: code,
        total: groups.reduce((n, g) => n + g.total, 0),
        female: withSex.length ? withSex.reduce((n, g) => n + g.female!, 0) : null,
        male: withSex.length ? withSex.reduce((n, g) => n + g.male!, 0) : null,
      });
      expect(v.y2019.total).toBe(groups.filter((g) => g.year === 2019).reduce((n, g) => n + g.total, 0));
      expect(v.programmeCount).toBe(groups.length);
      expect(v.y2021).toBe(groups.filter((g) => g.year === 2021).length);
      expect(v.eventCount).toBe(events.filter((e) => e.place.countryCode === code).length);
      expect(v.e2018).toBe(events.filter((e) => e.place.countryCode === code && e.year === 2018).length);
      expect(v.dengue).toBe(cases('DENGUE', code, 2020));
      expect(v.malaria).toBe(cases('MALARIA', code, 2019));
      expect(v.dengue).toBeGreaterThan(0);
    }
  });

  it('serves all 23 actions their counts and first pages in one request, as brute force', async () => {
    const data = await gql(`{ plan { actions { number ... on SocialCulturalAction { programmeCount eventCount
        exchangeProgrammes(first: 3) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } }
        events(first: 2) { totalCount edges { node { id } } pageInfo { hasNextPage } } } } } }`);
    const actions = data.plan.actions.filter((a: any) => a.number >= 69 && a.number <= 91);
    expect(actions).toHaveLength(23);
    for (const a of actions) {
      const linkedP = sortedIds(programmes.filter((p) => p.actionNumbers.includes(a.number)));
      const linkedE = sortedIds(events.filter((e) => e.actionNumbers.includes(a.number)));
      expect(a.programmeCount, `action ${a.number}`).toBe(linkedP.length);
      expect(a.eventCount, `action ${a.number}`).toBe(linkedE.length);
      expect(a.exchangeProgrammes.totalCount).toBe(linkedP.length);
      expect(ids(a.exchangeProgrammes), `action ${a.number}`).toEqual(linkedP.slice(0, 3));
      expect(a.exchangeProgrammes.pageInfo.hasNextPage).toBe(linkedP.length > 3);
      expect(ids(a.events)).toEqual(linkedE.slice(0, 2));
      expect(a.events.pageInfo.hasNextPage).toBe(linkedE.length > 2);
    }
    expect(actions.reduce((n: number, a: any) => n + a.programmeCount, 0)).toBeGreaterThan(100); // some programmes implement two actions
  });

  it("pages through one action's programmes with after", async () => {
    const linked = sortedIds(programmes.filter((p) => p.actionNumbers.includes(78)));
    const walked: string[] = [];
    let after: string | null = null;
    for (;;) {
      const data: any = await gql(`query($after: String) { planAction(number: 78) { ... on SocialCulturalAction { exchangeProgrammes(first: 4, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } } } }`, { after });
      const c = data.planAction.exchangeProgrammes;
      walked.push(...ids(c));
      if (!c.pageInfo.hasNextPage) break;
      after = c.pageInfo.endCursor;
    }
    expect(walked).toEqual(linked);
  });
});

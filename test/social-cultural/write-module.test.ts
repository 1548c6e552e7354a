// The write module against a real embedded FerretDB store: records and their
// rollups stay consistent through inserts, updates and deletes, invalid records
// are refused, an unfinished write is repaired, and generation is deterministic.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventRecord, ExchangeProgrammeRecord } from '../../subgraphs/social-cultural/activity-records.js';
import { deleteEvents, deleteProgrammes, upsertEvents, upsertProgrammes } from '../../subgraphs/social-cultural/activity-writes.js';
import { eventAggregates, exchangeAggregates, type Dimension } from '../../subgraphs/social-cultural/aggregates.js';
import type { Models } from '../../subgraphs/social-cultural/models.js';
import { rebuildRollups, repairRollupsIfDirty } from '../../subgraphs/social-cultural/rebuild-rollups.js';
import { guardedWrite } from '../../subgraphs/social-cultural/rollup-guard.js';
import { healthSeries, tourismSeries } from '../../subgraphs/social-cultural/series-reads.js';
import type { HealthCaseRecord, TourismArrivalRecord } from '../../subgraphs/social-cultural/series-records.js';
import {
  deleteHealthCases,
  deleteTourismArrivals,
  upsertHealthCases,
  upsertTourismArrivals,
} from '../../subgraphs/social-cultural/series-writes.js';
import { syntheticEvent, syntheticProgramme } from '../../subgraphs/social-cultural/synthetic-activities.js';
import { seedSyntheticSocialCultural, syntheticCounts } from '../../subgraphs/social-cultural/synthetic.js';
import { syntheticProvenance } from '../../platform-kit/provenance.js';
import { bruteBuckets, bruteEventAggregates, bruteExchangeAggregates } from './brute-force.js';
import { freshEmbeddedStore, type OwnStore } from './own-store.js';

const SEED = 424242;
const SCALE = 0.3;
let store: OwnStore;
let models: Models;

beforeAll(async () => {
  store = await freshEmbeddedStore();
  models = store.models;
  await seedSyntheticSocialCultural(models, { scale: SCALE, randomSeed: SEED });
});
afterAll(async () => {
  await store?.close();
});

const groupings: Dimension[][] = [[], ['COUNTRY'], ['KIND'], ['YEAR'], ['COUNTRY', 'KIND'], ['COUNTRY', 'YEAR'], ['KIND', 'YEAR'], ['COUNTRY', 'KIND', 'YEAR']];
const allProgrammes = async () => (await models.programmes.find().lean()) as ExchangeProgrammeRecord[];
const allEvents = async () => (await models.events.find().lean()) as EventRecord[];

/** Every grouping and a few filters served from rollups equal a recount over the raw records. */
async function expectRollupsMatchRecords() {
  const programmes = await allProgrammes();
  const events = await allEvents();
  for (const groupBy of groupings) {
    expect(await exchangeAggregates(models, groupBy), `exchange ${groupBy}`).toEqual(bruteExchangeAggregates(programmes, groupBy));
    expect(await eventAggregates(models, groupBy), `events ${groupBy}`).toEqual(bruteEventAggregates(events, groupBy));
  }
  for (const filter of [{ countryCode: 'LA' }, { kind: 'SCHOLARSHIP', year: 2020 }, { countryCode: 'TH', year: 2019 }]) {
    expect(await exchangeAggregates(models, ['KIND'], filter)).toEqual(bruteExchangeAggregates(programmes, ['KIND'], filter));
  }
  expect(await eventAggregates(models, ['YEAR'], { countryCode: 'VN' })).toEqual(bruteEventAggregates(events, ['YEAR'], { countryCode: 'VN' }));
  const cells = await models.actionCells.find().lean();
  for (let n = 69; n <= 91; n++) {
    const cell = cells.find((c) => c._id === n);
    expect(cell?.programmeCount ?? 0, `programmes of ${n}`).toBe(programmes.filter((p) => p.actionNumbers.includes(n)).length);
    expect(cell?.eventCount ?? 0, `events of ${n}`).toBe(events.filter((e) => e.actionNumbers.includes(n)).length);
  }
}

const programme = (over: Partial<ExchangeProgrammeRecord> = {}): ExchangeProgrammeRecord => ({
  _id: 'xp-900001',
  kind: 'YOUTH_EXCHANGE',
  title: { en: 'Synthetic test programme 900001', zh: '合成测试项目 900001' },
  year: 2021,
  startDate: new Date('2021-03-01T00:00:00Z'),
  endDate: null,
  hostCountryCode: 'KH',
  participants: [
    { countryCode: 'KH', total: 40, female: 25, male: 15 },
    { countryCode: 'MM', total: 7, female: null, male: null },
  ],
  countryCodes: [],
  organiserIds: [],
  actionNumbers: [86],
  provenance: syntheticProvenance(),
  ...over,
});

const event = (over: Partial<EventRecord> = {}): EventRecord => ({
  _id: 'ev-900001',
  kind: 'TOURISM',
  title: { en: 'Synthetic test event 900001', zh: '合成测试活动 900001' },
  startDate: new Date('2019-11-02T00:00:00Z'),
  endDate: null,
  year: 2019,
  place: { name: 'Synthetic test venue', countryCode: 'LA', lat: 18, lon: 102.6 },
  organiserIds: [],
  actionNumbers: [72, 75],
  provenance: syntheticProvenance(),
  ...over,
});

describe('programmes and events: rollups follow every write', () => {
  it('match a recount after the synthetic seed', async () => {
    expect(await models.programmes.countDocuments()).toBe(syntheticCounts(SCALE).programmes);
    await expectRollupsMatchRecords();
  });

  it('match after inserts', async () => {
    await upsertProgrammes(models, [programme()]);
    await upsertEvents(models, [event()]);
    expect(await models.programmes.findById('xp-900001').lean()).toMatchObject({ countryCodes: ['KH', 'MM'] });
    await expectRollupsMatchRecords();
  });

  it('match after updates that move a record to other cells', async () => {
    await upsertProgrammes(models, [
      programme({
        kind: 'SCHOLARSHIP',
        year: 2019,
        participants: [
          { countryCode: 'MM', total: 9, female: 4, male: 5 },
          { countryCode: 'VN', total: 3, female: null, male: null },
        ],
        actionNumbers: [76, 78],
      }),
    ]);
    const first = syntheticProgramme(SEED, 0);
    await upsertProgrammes(models, [{ ...first, participants: first.participants.slice(1), year: first.year === 2022 ? 2018 : first.year + 1 }]);
    await upsertEvents(models, [event({ kind: 'MEDIA', startDate: new Date('2022-01-05T00:00:00Z'), year: 2022, place: { ...event().place, countryCode: 'CN' }, actionNumbers: [84] })]);
    await expectRollupsMatchRecords();
  });

  it('match after deletes (unknown ids ignored)', async () => {
    expect(await deleteProgrammes(models, ['xp-900001', 'xp-000002', 'xp-missing'])).toBe(2);
    expect(await deleteEvents(models, ['ev-900001', 'ev-000003'])).toBe(2);
    expect(await deleteEvents(models, ['ev-900001'])).toBe(0);
    await expectRollupsMatchRecords();
  });

  it('incremental cells equal cells rebuilt from scratch', async () => {
    const dump = async () => ({
      // Incremental cells can reach 0 and stay; a rebuild creates none.
      exchange: (await models.exchangeCells.find().sort({ _id: 1 }).lean()).filter((c) => c.programmeCount !== 0),
      events: (await models.eventCells.find().sort({ _id: 1 }).lean()).filter((c) => c.eventCount !== 0),
      actions: (await models.actionCells.find().sort({ _id: 1 }).lean()).filter((c) => c.programmeCount !== 0 || c.eventCount !== 0),
    });
    const incremental = await dump();
    await rebuildRollups(models, ['activities']);
    expect(await dump()).toEqual(incremental);
  });

  it('refuses invalid records before writing anything', async () => {
    const before = await models.programmes.countDocuments();
    await expect(upsertProgrammes(models, [programme({ _id: 'xp-900002' }), programme({ _id: 'xp-900003', actionNumbers: [47] })])).rejects.toThrow(/not a section 4.3 action/);
    await expect(upsertProgrammes(models, [programme({ _id: 'xp-900004', hostCountryCode: 'US' })])).rejects.toThrow(/not a member/);
    await expect(
      upsertProgrammes(models, [programme({ _id: 'xp-900005', participants: [{ countryCode: 'TH', total: 1, female: null, male: null }, { countryCode: 'TH', total: 2, female: null, male: null }] })]),
    ).rejects.toThrow(/two participant groups/);
    await expect(upsertEvents(models, [event({ _id: 'ev-900002', year: 2020 })])).rejects.toThrow(/UTC year/);
    expect(await models.programmes.countDocuments()).toBe(before);
    expect(await models.programmes.findById('xp-900002').lean()).toBeNull();
  });

  it('rebuilds the rollups at start-up after a write that did not finish', async () => {
    // A write that fails half-way: the cells are off and the guard stays raised.
    await expect(
      guardedWrite(models.rollupGuards, 'activities', async () => {
        await models.exchangeCells.updateOne({ _id: '*|SCHOLARSHIP|2019' }, { $inc: { programmeCount: 5 } }, { upsert: true });
        throw new Error('crash');
      }),
    ).rejects.toThrow('crash');
    expect(await exchangeAggregates(models, ['KIND', 'YEAR'])).not.toEqual(bruteExchangeAggregates(await allProgrammes(), ['KIND', 'YEAR']));
    expect(await repairRollupsIfDirty(models)).toEqual(['activities']);
    await expectRollupsMatchRecords();
    expect(await repairRollupsIfDirty(models)).toEqual([]);
  });
});

describe('time series: daily rollups follow every write', () => {
  const from = new Date('2018-01-01T00:00:00Z');
  const to = new Date('2023-01-01T00:00:00Z');
  const buckets = ['DAY', 'MONTH', 'QUARTER', 'YEAR'] as const;

  async function expectHealthMatches(countryCode: string) {
    const raw = (await models.healthCases.find({ disease: 'DENGUE', countryCode }).lean()) as HealthCaseRecord[];
    const obs = raw.map((r) => ({ time: r.time, value: r.cases }));
    for (const bucket of buckets) {
      const served = await healthSeries(models, { disease: 'DENGUE', countryCode, from, to, bucket });
      expect(served.map((b) => ({ ...b, start: b.start.toISOString(), end: b.end.toISOString() })), bucket).toEqual(bruteBuckets(obs, from, to, bucket));
    }
  }

  async function expectTourismMatches(countryCode: string, originCode: string | null) {
    const raw = (await models.tourismArrivals.find(originCode ? { destinationCode: countryCode, originCode } : { destinationCode: countryCode }).lean()) as TourismArrivalRecord[];
    const obs = raw.map((r) => ({ time: r.time, value: r.arrivals }));
    for (const bucket of ['MONTH', 'YEAR'] as const) {
      const served = await tourismSeries(models, { countryCode, originCode, from, to, bucket });
      expect(served.map((b) => ({ ...b, start: b.start.toISOString(), end: b.end.toISOString() }))).toEqual(bruteBuckets(obs, from, to, bucket));
    }
  }

  const report = (id: string, time: string, cases: number): HealthCaseRecord => ({
    _id: id,
    disease: 'DENGUE',
    countryCode: 'KH',
    reportingUnit: 'synthetic-test-site',
    time: new Date(time),
    cases,
    provenance: syntheticProvenance(),
  });

  it('health buckets equal brute force after inserts, updates (value and time) and deletes', async () => {
    await expectHealthMatches('KH');
    await upsertHealthCases(models, [report('t1', '2020-06-01T00:00:00Z', 5000), report('t2', '2020-06-01T08:00:00Z', 1), report('t3', '2020-07-15T00:00:00Z', 7)]);
    await expectHealthMatches('KH');
    // Lower the day's maximum, then move a report to another month.
    await upsertHealthCases(models, [report('t1', '2020-06-01T00:00:00Z', 2), report('t3', '2021-02-03T00:00:00Z', 7)]);
    await expectHealthMatches('KH');
    expect(await deleteHealthCases(models, ['t1', 't2', 't3', 'missing'])).toBe(3);
    await expectHealthMatches('KH');
  });

  it('tourism buckets (one origin and all origins) equal brute force after writes', async () => {
    const arrival = (id: string, originCode: string, arrivals: number): TourismArrivalRecord => ({
      _id: id,
      destinationCode: 'TH',
      originCode,
      reportingUnit: 'synthetic-test-checkpoint',
      time: new Date('2019-04-10T00:00:00Z'),
      arrivals,
      provenance: syntheticProvenance(),
    });
    await upsertTourismArrivals(models, [arrival('a1', 'VN', 123456), arrival('a2', 'OTHER', 99)]);
    await upsertTourismArrivals(models, [arrival('a1', 'VN', 3)]);
    await expectTourismMatches('TH', 'VN');
    await expectTourismMatches('TH', null);
    await deleteTourismArrivals(models, ['a2']);
    await expectTourismMatches('TH', null);
    await expect(upsertTourismArrivals(models, [arrival('a3', 'TH', 1)])).rejects.toThrow(/origin equals destination/);
  });

  it('series rollups rebuilt from scratch equal the incremental ones', async () => {
    const dump = async () => ({
      healthDays: await models.healthRollups.days.find().sort({ _id: 1 }).lean(),
      healthMonths: await models.healthRollups.months.find().sort({ _id: 1 }).lean(),
      tourismDays: await models.tourismRollups.days.find().sort({ _id: 1 }).lean(),
      tourismMonths: await models.tourismRollups.months.find().sort({ _id: 1 }).lean(),
    });
    const incremental = await dump();
    await rebuildRollups(models, ['health', 'tourism']);
    expect(await dump()).toEqual(incremental);
  });
});

describe('synthetic generator', () => {
  it('is deterministic: same seed, same records; another seed, other values; a larger scale extends a smaller one', () => {
    expect(syntheticProgramme(SEED, 41)).toEqual(syntheticProgramme(SEED, 41));
    expect(syntheticEvent(SEED, 7)).toEqual(syntheticEvent(SEED, 7));
    expect(syntheticProgramme(SEED, 41)._id).toBe('xp-000042');
    const a = Array.from({ length: 20 }, (_, i) => syntheticProgramme(SEED, i));
    const b = Array.from({ length: 20 }, (_, i) => syntheticProgramme(SEED + 1, i));
    expect(a.map((p) => p._id)).toEqual(b.map((p) => p._id));
    expect(a.map((p) => [p.kind, p.year, p.participants])).not.toEqual(b.map((p) => [p.kind, p.year, p.participants]));
    for (const p of a) {
      expect(p.title.en).toMatch(/^Synthetic exchange programme \d{6}/);
      expect(p.provenance).toMatchObject({ synthetic: true, source: 'synthetic' });
      for (const n of p.actionNumbers) expect(n).toBeGreaterThanOrEqual(69), expect(n).toBeLessThanOrEqual(91);
    }
    expect(syntheticCounts(1)).toMatchObject({ programmes: 100, events: 100, healthObservations: 720, tourismObservations: 2160 });
    expect(syntheticCounts(100)).toMatchObject({ programmes: 10_000, events: 10_000, healthObservations: 72_000, tourismObservations: 216_000 });
  });

  it('is idempotent: seeding again with the same options leaves the same state (full check and marked run)', async () => {
    await rebuildRollups(models); // start from a clean state after the write tests above
    const dump = async () => {
      const out: Record<string, unknown> = {};
      for (const name of ['programmes', 'events', 'exchangeCells', 'eventCells', 'actionCells', 'healthCases', 'tourismArrivals', 'progress', 'progressRollups', 'organisations'] as const) {
        out[name] = await (models[name] as any).find().sort({ _id: 1 }).lean();
      }
      for (const name of ['healthRollups', 'tourismRollups'] as const) {
        out[`${name}.days`] = await models[name].days.find().sort({ _id: 1 }).lean();
        out[`${name}.months`] = await models[name].months.find().sort({ _id: 1 }).lean();
      }
      return out;
    };
    // The write tests above changed and deleted seeded records: with the run marker removed,
    // a reseed checks every record and restores them.
    await models.syntheticRuns.deleteMany({});
    await seedSyntheticSocialCultural(models, { scale: SCALE, randomSeed: SEED });
    const once = await dump();
    expect((once.programmes as ExchangeProgrammeRecord[]).find((p) => p._id === 'xp-000001')).toEqual(syntheticProgramme(SEED, 0));
    expect((once.programmes as unknown[]).length).toBe(syntheticCounts(SCALE).programmes);
    expect(await models.syntheticRuns.countDocuments()).toBe(1);
    // Marked run: skipped, same state.
    await seedSyntheticSocialCultural(models, { scale: SCALE, randomSeed: SEED });
    expect(await dump()).toEqual(once);
    // Full check again: writes nothing new.
    await models.syntheticRuns.deleteMany({});
    await seedSyntheticSocialCultural(models, { scale: SCALE, randomSeed: SEED });
    expect(await dump()).toEqual(once);
});
});

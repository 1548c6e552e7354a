// Programme, event and series report writes through the real gateway: each
// create, update, archive, record and delete is followed by a check of lists,
// aggregates, country views, action links and series buckets against brute
// force over the stored records; history and asOf; validation errors that
// write nothing (batches are all or nothing); operator injection stored literally.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventRecord, ExchangeProgrammeRecord } from '../../subgraphs/social-cultural/activity-records.js';
import type { Models } from '../../subgraphs/social-cultural/models.js';
import type { HealthCaseRecord, TourismArrivalRecord } from '../../subgraphs/social-cultural/series-records.js';
import { bruteBuckets, bruteEventAggregates, bruteExchangeAggregates } from '../social-cultural/brute-force.js';
import { anonymous, editorOf, secretariatAdmin, thinkTankReader } from '../support/identities.js';
import { startTestPlatform, type PlatformFixture } from '../support/platform-fixture.js';
import { eventInput, healthCaseInput, mutations, openSocialCulturalModels, programmeInput, tourismArrivalInput } from './social-cultural-inputs.js';
import { callerOf, failed, ok, testProvenance } from './writes-client.js';

let platform: PlatformFixture;
let models: Models;
let close: () => Promise<void>;
beforeAll(async () => {
  platform = await startTestPlatform({ env: { SOCIAL_CULTURAL_SYNTHETIC_SCALE: '1' } });
  ({ models, close } = await openSocialCulturalModels(platform.storeUris['social-cultural']));
});
afterAll(async () => {
  await close?.();
  await platform?.dispose();
});

const call = callerOf(() => platform.gatewayUrl);
const editor = editorOf('social-cultural');
const q = async (query: string, variables?: Record<string, unknown>) => ok(await call(anonymous, query, variables));
const ids = (rows: Array<{ id: string }>) => rows.map((r) => r.id).sort();

const groupings = [[], ['COUNTRY'], ['KIND', 'YEAR'], ['COUNTRY', 'KIND', 'YEAR']] as const;

/** Aggregates, lists, country views and action links equal brute force over the stored non-archived programmes and events. */
async function expectActivitiesConsistent(actionNumbers = [75, 80]) {
  const programmes = ((await models.programmes.find().lean()) as ExchangeProgrammeRecord[]).filter((p) => !p.archived);
  const events = ((await models.events.find().lean()) as EventRecord[]).filter((e) => !e.archived);
  for (const g of groupings) {
    const data = await q(
      `query($g: [ExchangeDimension!]!, $e: [EventDimension!]!) { x: exchangeAggregates(groupBy: $g) { countryCode kind year programmeCount participants female male }
         e: eventAggregates(groupBy: $e) { countryCode kind year eventCount } }`,
      { g, e: g },
    );
    expect(data.x, String(g)).toEqual(bruteExchangeAggregates(programmes, [...g]));
    expect(data.e, String(g)).toEqual(bruteEventAggregates(events, [...g]));
  }
  const lists = await q(`{ p: exchangeProgrammes(first: 0) { totalCount } pth: exchangeProgrammes(first: 0, filter: { countryCode: "TH" }) { totalCount }
    e: events(first: 0) { totalCount } eth: events(first: 0, filter: { countryCode: "TH" }) { totalCount }
    th: country(code: "TH") { socialCultural { programmeCount eventCount exchangeParticipants { total female male } } } }`);
  expect(lists.p.totalCount).toBe(programmes.length);
  expect(lists.pth.totalCount).toBe(programmes.filter((p) => p.countryCodes.includes('TH')).length);
  expect(lists.e.totalCount).toBe(events.length);
  expect(lists.eth.totalCount).toBe(events.filter((e) => e.place.countryCode === 'TH').length);
  const thGroups = programmes.flatMap((p) => p.participants.filter((g) => g.countryCode === 'TH'));
  const sumOf = (f: 'female' | 'male') => (thGroups.some((g) => g[f] != null) ? thGroups.reduce((n, g) => n + (g[f] ?? 0), 0) : null);
  expect(lists.th.socialCultural).toEqual({
    programmeCount: thGroups.length,
    eventCount: events.filter((e) => e.place.countryCode === 'TH').length,
    exchangeParticipants: { total: thGroups.reduce((n, g) => n + g.total, 0), female: sumOf('female'), male: sumOf('male') },
  });
  for (const n of actionNumbers) {
    // Separate requests with small pages: the gateway's query cost limit counts list sizes.
    const linked = {
      a: {
        ...(await q(`{ a: planAction(number: ${n}) { ... on SocialCulturalAction { programmeCount eventCount } } }`)).a,
        ...(await q(`{ a: planAction(number: ${n}) { ... on SocialCulturalAction { exchangeProgrammes(first: 20) { totalCount edges { node { id } } } } } }`)).a,
        ...(await q(`{ a: planAction(number: ${n}) { ... on SocialCulturalAction { events(first: 20) { totalCount edges { node { id } } } } } }`)).a,
      },
    };
    const onP = programmes.filter((p) => p.actionNumbers.includes(n)).map((p) => p._id).sort();
    const onE = events.filter((e) => e.actionNumbers.includes(n)).map((e) => e._id).sort();
    expect([linked.a.programmeCount, linked.a.exchangeProgrammes.totalCount, linked.a.eventCount, linked.a.events.totalCount]).toEqual([onP.length, onP.length, onE.length, onE.length]);
    expect(linked.a.exchangeProgrammes.edges.map((e: any) => e.node.id)).toEqual(onP.slice(0, 20));
    expect(linked.a.events.edges.map((e: any) => e.node.id)).toEqual(onE.slice(0, 20));
  }
}

const from = '2021-01-01T00:00:00.000Z';
const to = '2022-01-01T00:00:00.000Z';
const BUCKET = 'start end count min max mean sum';

/** Health (DENGUE in TH) and tourism (to TH, from all and from VN) buckets in 2021 equal brute force over the stored reports. */
async function expectSeriesConsistent() {
  const health = (await models.healthCases.find({ disease: 'DENGUE', countryCode: 'TH' }).lean()) as HealthCaseRecord[];
  const tourism = (await models.tourismArrivals.find({ destinationCode: 'TH' }).lean()) as TourismArrivalRecord[];
  const data = await q(`{ day: healthSeries(disease: DENGUE, countryCode: "TH", from: "${from}", to: "${to}", bucket: DAY) { ${BUCKET} }
    month: healthSeries(disease: DENGUE, countryCode: "TH", from: "${from}", to: "${to}", bucket: MONTH) { ${BUCKET} }
    th: country(code: "TH") { socialCultural { healthCases(disease: DENGUE, year: 2021) } } }`);
  const obs = health.map((h) => ({ time: h.time, value: h.cases }));
  expect(data.day).toEqual(bruteBuckets(obs, new Date(from), new Date(to), 'DAY'));
  expect(data.month).toEqual(bruteBuckets(obs, new Date(from), new Date(to), 'MONTH'));
  expect(data.th.socialCultural.healthCases).toBe(health.filter((h) => h.time.getUTCFullYear() === 2021).reduce((n, h) => n + h.cases, 0));
  const t = await q(`{ all: tourismSeries(countryCode: "TH", from: "${from}", to: "${to}", bucket: MONTH) { ${BUCKET} }
    vn: tourismSeries(countryCode: "TH", originCode: "VN", from: "${from}", to: "${to}", bucket: DAY) { ${BUCKET} } }`);
  expect(t.all).toEqual(bruteBuckets(tourism.map((r) => ({ time: r.time, value: r.arrivals })), new Date(from), new Date(to), 'MONTH'));
  const vn = tourism.filter((r) => r.originCode === 'VN').map((r) => ({ time: r.time, value: r.arrivals }));
  expect(t.vn).toEqual(bruteBuckets(vn, new Date(from), new Date(to), 'DAY'));
}

const historyOf = async (kind: string, id: string) =>
  ok(await call(editor, `query($k: SocialCulturalRecordKind!, $id: ID!) { socialCulturalHistory(kind: $k, id: $id) { seq at action changedFields by { id role } before after } }`, { k: kind, id }))
    .socialCulturalHistory as any[];

describe('exchange programmes', () => {
  const id = 'xp-test-1';
  const times: string[] = [];

  it('creates (revision 1), repeats harmlessly, refuses other content under the id; cells follow', async () => {
    await expectActivitiesConsistent();
    const created = ok(await call(editor, mutations.createExchangeProgramme, { id, input: programmeInput() })).createExchangeProgramme;
    expect(created).toMatchObject({ id, revision: 1, archived: false, participantTotal: 35, hostCountryCode: 'TH', actions: [{ number: 75 }] });
    expect(created.participants[1]).toEqual({ countryCode: 'MM', total: 25, female: null, male: null });
    await expectActivitiesConsistent();
    expect(ok(await call(editor, mutations.createExchangeProgramme, { id, input: programmeInput() })).createExchangeProgramme.revision).toBe(1);
    failed(await call(editor, mutations.createExchangeProgramme, { id, input: programmeInput({ year: 2022 }) }), 'BAD_USER_INPUT', 'id');
    const history = await historyOf('EXCHANGE_PROGRAMME', id);
    expect(history).toHaveLength(1);
    expect(history[0].after).toMatchObject({ _id: id, countryCodes: ['MM', 'TH'], revision: 1 });
    times.push(history[0].at);
  });

  it('updates host, participants, kind, year and actions (revision 2); cells follow', async () => {
    const input = programmeInput({
      kind: 'YOUTH_EXCHANGE',
      year: 2022,
      hostCountryCode: 'LA',
      participants: [
        { countryCode: 'LA', total: 3, male: 3 },
        { countryCode: 'TH', total: 8, female: 8 },
        { countryCode: 'KH', total: 9 },
      ],
      actionNumbers: [75, 80],
    });
    const updated = ok(await call(editor, mutations.updateExchangeProgramme, { id, input })).updateExchangeProgramme;
    expect(updated).toMatchObject({ revision: 2, kind: 'YOUTH_EXCHANGE', year: 2022, participantTotal: 20 });
    await expectActivitiesConsistent();
    const history = await historyOf('EXCHANGE_PROGRAMME', id);
    expect(history[1].changedFields).toEqual(['actionNumbers', 'countryCodes', 'hostCountryCode', 'kind', 'participants', 'year']);
    times.push(history[1].at);
  });

  it('archives: the programme leaves lists, aggregates, views and action links', async () => {
    expect(ok(await call(editor, mutations.archiveExchangeProgramme, { id })).archiveExchangeProgramme).toMatchObject({ revision: 3, archived: true });
    await expectActivitiesConsistent();
    expect((await q(`query($id: ID!) { exchangeProgramme(id: $id) { id } }`, { id })).exchangeProgramme).toBeNull();
    expect(ok(await call(editor, `query($id: ID!) { exchangeProgramme(id: $id) { archived } }`, { id })).exchangeProgramme).toEqual({ archived: true });
    failed(await call(editor, mutations.updateExchangeProgramme, { id, input: programmeInput() }), 'BAD_USER_INPUT', 'id');
    expect((await historyOf('EXCHANGE_PROGRAMME', id)).map((r) => r.action)).toEqual(['CREATE', 'UPDATE', 'ARCHIVE']);
  });

  it('asOf returns the version current at that instant', async () => {
    const asOf = async (at: string, who = editor) =>
      ok(await call(who, `query($id: ID!, $at: DateTime) { exchangeProgramme(id: $id, asOf: $at) { kind year revision archived } }`, { id, at })).exchangeProgramme;
    expect(await asOf(new Date(Date.parse(times[0]) - 1).toISOString())).toBeNull();
    expect(await asOf(times[0])).toEqual({ kind: 'SCHOLARSHIP', year: 2021, revision: 1, archived: false });
    expect(await asOf(times[1], thinkTankReader)).toEqual({ kind: 'YOUTH_EXCHANGE', year: 2022, revision: 2, archived: false });
    expect(await asOf(new Date().toISOString(), thinkTankReader)).toBeNull();
    expect(await asOf(new Date().toISOString())).toMatchObject({ revision: 3, archived: true });
  });

  it('archives a seeded programme: cells follow and the first revision keeps the seeded version', async () => {
    const seeded = ((await models.programmes.find({ countryCodes: 'TH' }).lean()) as ExchangeProgrammeRecord[]).find((p) => p._id !== id && !p.archived && p.actionNumbers.length > 0)!;
    ok(await call(secretariatAdmin, mutations.archiveExchangeProgramme, { id: seeded._id }));
    await expectActivitiesConsistent(seeded.actionNumbers);
    expect((await historyOf('EXCHANGE_PROGRAMME', seeded._id))[0].before).toMatchObject({ _id: seeded._id, revision: 0, archived: false });
  });
});

describe('events', () => {
  it('creates, moves to another country and year, and archives; cells follow each step', async () => {
    const id = 'ev-test-1';
    const created = ok(await call(editor, mutations.createEvent, { id, input: eventInput() })).createEvent;
    expect(created).toMatchObject({ id, year: 2022, revision: 1, place: { countryCode: 'TH', lat: 13.75 } });
    await expectActivitiesConsistent();
    const moved = ok(
      await call(editor, mutations.updateEvent, { id, input: eventInput({ kind: 'MEDIA', startDate: '2020-12-31T23:00:00.000Z', endDate: null, place: { name: 'Synthetic hall', countryCode: 'LA' } }) }),
    ).updateEvent;
    expect(moved).toMatchObject({ year: 2020, revision: 2, place: { countryCode: 'LA', lat: null, lon: null } });
    await expectActivitiesConsistent();
    ok(await call(editor, mutations.archiveEvent, { id }));
    await expectActivitiesConsistent();
    expect((await q(`query($id: ID!) { event(id: $id) { id } }`, { id })).event).toBeNull();
  });
});

describe('health case reports', () => {
  const reports = [
    healthCaseInput(),
    healthCaseInput({ time: '2021-07-02T00:00:00.000Z', cases: 3 }),
    healthCaseInput({ reportingUnit: 'synthetic-test-unit-2', time: '2021-12-31T00:00:00.000Z', cases: 0 }),
  ];
  const id = 'DENGUE|TH|synthetic-test-unit|2021-07-01';
  const times: string[] = [];

  it('records reports (ids are natural keys); daily and monthly buckets follow', async () => {
    await expectSeriesConsistent();
    const res = ok(await call(editor, mutations.recordHealthCases, { o: reports })).recordHealthCases;
    expect(res).toEqual({ written: 3, ids: [id, 'DENGUE|TH|synthetic-test-unit|2021-07-02', 'DENGUE|TH|synthetic-test-unit-2|2021-12-31'] });
    await expectSeriesConsistent();
    // The same reports again write nothing; a changed count is an UPDATE of that report only.
    expect(ok(await call(editor, mutations.recordHealthCases, { o: reports })).recordHealthCases.written).toBe(0);
    expect(ok(await call(editor, mutations.recordHealthCases, { o: [healthCaseInput({ cases: 41 }), reports[1]] })).recordHealthCases.written).toBe(1);
    await expectSeriesConsistent();
    const history = await historyOf('HEALTH_CASE', id);
    expect(history.map((r) => [r.action, r.changedFields])).toEqual([
      ['CREATE', ['cases', 'countryCode', 'disease', 'provenance', 'reportingUnit', 'time']],
      ['UPDATE', ['cases']],
    ]);
    times.push(...history.map((r) => r.at));
  });

  it('updates one report, and a seeded one; buckets follow', async () => {
    expect(ok(await call(editor, mutations.updateHealthCase, { id, input: { cases: 7 } })).updateHealthCase).toMatchObject({ id, cases: 7, time: '2021-07-01T00:00:00.000Z' });
    const seededOf2021 = (await models.healthCases.find({ disease: 'DENGUE', countryCode: 'TH' }).lean()).find((h) => h.time.getUTCFullYear() === 2021 && !h.reportingUnit.startsWith('synthetic-test'))!;
    ok(await call(secretariatAdmin, mutations.updateHealthCase, { id: seededOf2021._id, input: { cases: seededOf2021.cases + 1000 } }));
    await expectSeriesConsistent();
    const [first] = await historyOf('HEALTH_CASE', seededOf2021._id);
    expect(first.before).toMatchObject({ _id: seededOf2021._id, cases: seededOf2021.cases });
    failed(await call(editor, mutations.updateHealthCase, { id: 'DENGUE|TH|nobody|2021-07-01', input: { cases: 1 } }), 'BAD_USER_INPUT', 'id');
    failed(await call(editor, mutations.updateHealthCase, { id, input: { cases: -1 } }), 'BAD_USER_INPUT', 'input.cases');
  });

  it('deletes reports (unknown ids change nothing); buckets follow; history and asOf keep them', async () => {
    const res = ok(await call(editor, mutations.deleteHealthCases, { ids: [id, 'DENGUE|TH|nobody|2021-07-01'] })).deleteHealthCases;
    expect(res.written).toBe(1);
    await expectSeriesConsistent();
    expect((await historyOf('HEALTH_CASE', id)).map((r) => r.action)).toEqual(['CREATE', 'UPDATE', 'UPDATE', 'DELETE']);
    const asOf = async (at: string) => (await q(`query($id: ID!, $at: DateTime) { healthCase(id: $id, asOf: $at) { cases } }`, { id, at })).healthCase;
    expect(await asOf(times[0])).toEqual({ cases: 40 });
    expect(await asOf(times[1])).toEqual({ cases: 41 });
    expect(await asOf(new Date().toISOString())).toBeNull();
    expect((await q(`query($id: ID!) { healthCase(id: $id) { id } }`, { id })).healthCase).toBeNull();
  });
});

describe('tourism arrival reports', () => {
  it('records, updates and deletes; all-origin and per-origin buckets follow', async () => {
    await expectSeriesConsistent();
    const rows = [tourismArrivalInput(), tourismArrivalInput({ originCode: 'OTHER', arrivals: 5000 }), tourismArrivalInput({ time: '2021-11-15T00:00:00.000Z', arrivals: 12 })];
    const res = ok(await call(editor, mutations.recordTourismArrivals, { o: rows })).recordTourismArrivals;
    expect(res.ids).toEqual(['TH|VN|synthetic-test-unit|2021-07-01', 'TH|OTHER|synthetic-test-unit|2021-07-01', 'TH|VN|synthetic-test-unit|2021-11-15']);
    await expectSeriesConsistent();
    expect(ok(await call(editor, mutations.updateTourismArrival, { id: res.ids[0], input: { arrivals: 1 } })).updateTourismArrival).toMatchObject({ arrivals: 1, originCode: 'VN' });
    await expectSeriesConsistent();
    expect(ok(await call(editor, mutations.deleteTourismArrivals, { ids: res.ids.slice(1) })).deleteTourismArrivals.written).toBe(2);
    await expectSeriesConsistent();
    expect((await q(`query($id: ID!) { tourismArrival(id: $id) { arrivals } }`, { id: res.ids[0] })).tourismArrival).toEqual({ arrivals: 1 });
  });
});

describe('validation', () => {
  const counts = async () => [
    await models.programmes.countDocuments(),
    await models.events.countDocuments(),
    await models.healthCases.countDocuments(),
    await models.tourismArrivals.countDocuments(),
    await models.revisions.countDocuments(),
    await models.exchangeCells.countDocuments(),
  ];
  const cases: Array<[string, string, Record<string, unknown>, string]> = [
    ['programme: non-member host', 'createExchangeProgramme', { input: programmeInput({ hostCountryCode: 'JP' }) }, 'input.hostCountryCode'],
    ['programme: no participants', 'createExchangeProgramme', { input: programmeInput({ participants: [] }) }, 'input.participants'],
    ['programme: two groups of a country', 'createExchangeProgramme', { input: programmeInput({ participants: [{ countryCode: 'MM', total: 1 }, { countryCode: 'MM', total: 1 }] }) }, 'input.participants[1]'],
    ['programme: female above total', 'createExchangeProgramme', { input: programmeInput({ participants: [{ countryCode: 'MM', total: 1, female: 2 }] }) }, 'input.participants[0].total'],
    ['programme: action of another pillar', 'createExchangeProgramme', { input: programmeInput({ actionNumbers: [47] }) }, 'input.actionNumbers[0]'],
    ['programme: unknown organiser', 'createExchangeProgramme', { input: programmeInput({ organiserIds: ['org-nope'] }) }, 'input.organiserIds[0]'],
    ['programme: year out of range', 'createExchangeProgramme', { input: programmeInput({ year: 1800 }) }, 'input.year'],
    ['programme: ends before it starts', 'createExchangeProgramme', { input: programmeInput({ endDate: '2020-01-01T00:00:00.000Z' }) }, 'input.endDate'],
    ['event: place outside the members', 'createEvent', { input: eventInput({ place: { name: 'x', countryCode: 'US' } }) }, 'input.place.countryCode'],
    ['event: latitude out of range', 'createEvent', { input: eventInput({ place: { name: 'x', countryCode: 'TH', lat: 91, lon: 0 } }) }, 'input.place.lat'],
    ['event: empty place name', 'createEvent', { input: eventInput({ place: { name: '', countryCode: 'TH' } }) }, 'input.place.name'],
    ['event: non-synthetic with synthetic source', 'createEvent', { input: eventInput({ provenance: { ...testProvenance, synthetic: false } }) }, 'input.provenance.synthetic'],
    ['health: time not a day start', 'recordHealthCases', { o: [healthCaseInput(), healthCaseInput({ time: '2021-07-03T12:00:00.000Z' })] }, 'observations[1].time'],
    ['health: negative cases in a batch', 'recordHealthCases', { o: [healthCaseInput(), healthCaseInput({ time: '2021-07-03T00:00:00.000Z' }), healthCaseInput({ cases: -2, time: '2021-07-04T00:00:00.000Z' })] }, 'observations[2].cases'],
    ['health: two rows of one report', 'recordHealthCases', { o: [healthCaseInput(), healthCaseInput({ cases: 2 })] }, 'observations[1]'],
    ['health: unit with a separator', 'recordHealthCases', { o: [healthCaseInput({ reportingUnit: 'a|b' })] }, 'observations[0].reportingUnit'],
    ['health: non-member country', 'recordHealthCases', { o: [healthCaseInput({ countryCode: 'XX' })] }, 'observations[0].countryCode'],
    ['tourism: origin equals destination', 'recordTourismArrivals', { o: [tourismArrivalInput({ originCode: 'TH' })] }, 'observations[0].originCode'],
    ['tourism: unknown origin', 'recordTourismArrivals', { o: [tourismArrivalInput({ originCode: 'ZZ' })] }, 'observations[0].originCode'],
  ];

  it.each(cases)('%s: BAD_USER_INPUT at the field, nothing written', async (_, mutation, variables, field) => {
    const before = await counts();
    const err = failed(await call(editor, mutations[mutation as keyof typeof mutations], { id: 'test-invalid', ...variables }), 'BAD_USER_INPUT', field);
    expect(err.message).toContain(field);
    expect(await counts()).toEqual(before);
  });

  it('refuses more than 100 reports in one call', async () => {
    const many = Array.from({ length: 101 }, (_, i) => healthCaseInput({ time: new Date(Date.UTC(2021, 0, 1 + i)).toISOString() }));
    failed(await call(editor, mutations.recordHealthCases, { o: many }), 'BAD_USER_INPUT', 'observations');
  });
});

describe('operator injection', () => {
  it('stores operator-looking text literally, in text fields and in report ids', async () => {
    const evil = '{"$gt": ""}';
    const p = ok(await call(editor, mutations.createExchangeProgramme, { id: 'xp-injection', input: programmeInput({ title: { en: evil, zh: '$where' } }) })).createExchangeProgramme;
    expect(p.title).toEqual({ en: evil, zh: '$where' });
    const e = ok(await call(editor, mutations.createEvent, { id: 'ev-injection', input: eventInput({ place: { name: '{"$ne": null}', countryCode: 'TH' } }) })).createEvent;
    expect(e.place.name).toBe('{"$ne": null}');
    expect((await models.events.findOne({ _id: 'ev-injection' }).lean())!.place.name).toBe('{"$ne": null}');
    const h = ok(await call(editor, mutations.recordHealthCases, { o: [healthCaseInput({ reportingUnit: evil })] })).recordHealthCases;
    expect(h.ids).toEqual([`DENGUE|TH|${evil}|2021-07-01`]);
    expect((await models.healthCases.findOne({ _id: h.ids[0] }).lean())!.reportingUnit).toBe(evil);
    failed(await call(editor, mutations.updateHealthCase, { id: '{"$ne": null}', input: { cases: 1 } }), 'BAD_USER_INPUT', 'id');
    const none = await q(`{ p: exchangeProgramme(id: "{\\"$ne\\": null}") { id } h: healthCase(id: "{\\"$gt\\": \\"\\"}") { id } }`);
    expect(none).toEqual({ p: null, h: null });
    expect(ok(await call(editor, mutations.deleteHealthCases, { ids: ['{"$ne": null}'] })).deleteHealthCases.written).toBe(0);
    const count = await models.programmes.countDocuments();
    const res = await call(editor, mutations.createExchangeProgramme, { id: 'xp-object', input: programmeInput({ title: { en: { $gt: '' }, zh: 'x' } }) });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await models.programmes.countDocuments()).toBe(count);
    await expectActivitiesConsistent();
    await expectSeriesConsistent();
  });
});

describe('import (small batch through the gateway)', () => {
  const IMPORT = `mutation($k: SocialCulturalImportKind!, $f: ImportFormat!, $c: String!) { importSocialCulturalRecords(kind: $k, format: $f, content: $c) {
    rowsRead written unchanged rejected rejects { line field reason } } }`;

  it('imports health reports (CSV) and events (NDJSON): bad rows reported, rollups follow; twice changes nothing', async () => {
    const csv = [
      'disease,countryCode,reportingUnit,time,cases,provenance.source,provenance.licence,provenance.recordedAt,provenance.synthetic',
      ...[1, 2, 3].map((d) => `MALARIA,TH,imp-unit,2021-03-0${d}T00:00:00.000Z,${d * 5},synthetic,"${testProvenance.licence}",${testProvenance.recordedAt},true`),
      `DENGUE,TH,imp-unit,2021-03-04T00:00:00.000Z,-1,synthetic,"${testProvenance.licence}",${testProvenance.recordedAt},true`,
      `DENGUE,TH,imp-unit,2021-03-05T00:00:00.000Z,6,synthetic,"${testProvenance.licence}",${testProvenance.recordedAt},true`,
    ].join('\n');
    const events = [{ id: 'ev-imp-1', ...eventInput() }, { id: 'ev-imp-2', ...eventInput({ actionNumbers: [12] }) }];
    const run = async () => [
      ok(await call(editor, IMPORT, { k: 'HEALTH_CASE', f: 'CSV', c: csv })).importSocialCulturalRecords,
      ok(await call(editor, IMPORT, { k: 'EVENT', f: 'NDJSON', c: events.map((e) => JSON.stringify(e)).join('\n') })).importSocialCulturalRecords,
    ];
    const [health, ev] = await run();
    expect(health).toMatchObject({ rowsRead: 5, written: 4, unchanged: 0, rejected: 1 });
    expect(health.rejects.map((r: any) => [r.line, r.field])).toEqual([[5, 'cases']]);
    expect(ev).toMatchObject({ written: 1, rejected: 1 });
    expect(ev.rejects.map((r: any) => [r.line, r.field])).toEqual([[2, 'actionNumbers[0]']]);
    await expectSeriesConsistent();
    await expectActivitiesConsistent();
    expect(await models.healthCases.countDocuments({ _id: 'MALARIA|TH|imp-unit|2021-03-02' })).toBe(1);
    expect((await historyOf('HEALTH_CASE', 'DENGUE|TH|imp-unit|2021-03-05')).map((r) => r.action)).toEqual(['IMPORT']);
    const revisions = await models.revisions.countDocuments();
    const [health2, ev2] = await run();
    expect(health2).toMatchObject({ written: 0, unchanged: 4, rejected: 1 });
    expect(ev2).toMatchObject({ written: 0, unchanged: 1, rejected: 1 });
    expect(await models.revisions.countDocuments()).toBe(revisions);
  });
});

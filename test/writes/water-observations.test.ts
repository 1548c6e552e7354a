// Water observation writes through the real gateway: record, update and
// delete, each followed by a check of the station's buckets and latest
// observation against brute force over the stored observations; history and
// validation (nothing written on a rejected batch).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticProvenance } from '../../platform-kit/provenance.js';
import type { WaterObservationRecord } from '../../subgraphs/economy/water-models.js';
import { upsertWaterStations } from '../../subgraphs/economy/water-writes.js';
import { openEconomyModels } from '../economy/economy-store.js';
import { anonymous, editorOf } from '../support/identities.js';
import { startTestPlatform, type PlatformFixture } from '../support/platform-fixture.js';
import { callerOf, failed, ok, testProvenance } from './writes-client.js';

let platform: PlatformFixture;
let store: Awaited<ReturnType<typeof openEconomyModels>>;
const STATION = 'ws-test-KH';
beforeAll(async () => {
  platform = await startTestPlatform();
  store = await openEconomyModels(platform.storeUris.economy);
  await upsertWaterStations(store.models, [
    {
      _id: STATION,
      name: 'Synthetic station',
      river: 'Mekong',
      countryCode: 'KH',
      lat: 11.5,
      lon: 104.9,
      properties: ['WATER_LEVEL', 'PH'],
      floodStage: null,
      alarmStage: null,
      provenance: syntheticProvenance(),
    },
  ]);
});
afterAll(async () => {
  await store?.close();
  await platform?.dispose();
});

const call = callerOf(() => platform.gatewayUrl);
const editor = editorOf('economy', 'KH');
const obs = (day: number, hour: number, value: number, property = 'WATER_LEVEL') => ({
  stationId: STATION,
  property,
  time: new Date(Date.UTC(2021, 2, day, hour)).toISOString(),
  value,
  quality: 'GOOD',
  provenance: testProvenance,
});
const RECORD = `mutation($o: [WaterObservationInput!]!) { recordWaterObservations(observations: $o) { written ids } }`;

/** The station's daily and monthly buckets and latest observation equal brute force over the stored observations. */
async function expectSeriesConsistent() {
  const stored = ((await store.models.waterObservations.find({ stationId: STATION, property: 'WATER_LEVEL' }).lean()) as WaterObservationRecord[]).sort(
    (a, b) => a.time.getTime() - b.time.getTime(),
  );
  const data = ok(
    await call(anonymous, `{ waterStation(id: "${STATION}") {
      days: series(property: WATER_LEVEL, from: "2021-03-01T00:00:00.000Z", to: "2021-04-01T00:00:00.000Z", bucket: DAY) { start count min max sum }
      month: series(property: WATER_LEVEL, from: "2021-01-01T00:00:00.000Z", to: "2022-01-01T00:00:00.000Z", bucket: MONTH) { start count sum }
      latestObservation(property: WATER_LEVEL) { id time value quality } } }`),
  ).waterStation;
  const byDay = new Map<string, number[]>();
  for (const o of stored) {
    const day = o.time.toISOString().slice(0, 10);
    byDay.set(day, [...(byDay.get(day) ?? []), o.value]);
  }
  const expectedDays = [...byDay].map(([day, values]) => ({
    start: `${day}T00:00:00.000Z`,
    count: values.length,
    min: Math.min(...values),
    max: Math.max(...values),
    sum: values.reduce((a, v) => a + v, 0),
  }));
  expect(data.days.filter((b: any) => b.count > 0)).toEqual(expectedDays);
  const total = stored.reduce((a, o) => a + o.value, 0);
  const months = data.month.filter((b: any) => b.count > 0);
  expect(months.map((m: any) => m.count).reduce((a: number, n: number) => a + n, 0)).toBe(stored.length);
  expect(months.reduce((a: number, m: any) => a + m.sum, 0)).toBeCloseTo(total, 9);
  const last = stored.at(-1);
  expect(data.latestObservation).toEqual(last ? { id: last._id, time: last.time.toISOString(), value: last.value, quality: last.quality } : null);
}

describe('water observations', () => {
  let ids: string[] = [];

  it('records a batch; rollups and the latest observation follow; repeating it writes nothing', async () => {
    const batch = [obs(1, 0, 2), obs(1, 6, 3), obs(2, 0, 5), obs(3, 12, 4), obs(3, 12, 7.25, 'PH')];
    const res = ok(await call(editor, RECORD, { o: batch })).recordWaterObservations;
    expect(res.written).toBe(5);
    ids = res.ids;
    expect(ids[0]).toBe(`${STATION}|WATER_LEVEL|2021-03-01T00:00:00.000Z`);
    await expectSeriesConsistent();
    expect(ok(await call(editor, RECORD, { o: batch })).recordWaterObservations.written).toBe(0);
  });

  it('replaces by station, property and time, updates one, deletes some', async () => {
    expect(ok(await call(editor, RECORD, { o: [obs(1, 6, 1), obs(4, 0, 9)] })).recordWaterObservations.written).toBe(2);
    await expectSeriesConsistent();
    const updated = ok(await call(editor, `mutation($id: ID!) { updateWaterObservation(id: $id, input: { value: 0.5, quality: SUSPECT }) { id stationId value quality } }`, { id: ids[2] }))
      .updateWaterObservation;
    expect(updated).toEqual({ id: ids[2], stationId: STATION, value: 0.5, quality: 'SUSPECT' });
    await expectSeriesConsistent();
    const latestId = `${STATION}|WATER_LEVEL|2021-03-04T00:00:00.000Z`;
    const deleted = ok(await call(editor, `mutation($ids: [ID!]!) { deleteWaterObservations(ids: $ids) { written } }`, { ids: [ids[0], latestId, 'ws-test-KH|WATER_LEVEL|2020-01-01T00:00:00.000Z'] }))
      .deleteWaterObservations;
    expect(deleted.written).toBe(2);
    await expectSeriesConsistent();
  });

  it('keeps each observation\'s history (create, update, delete) and refuses bad input without writing', async () => {
    const history = ok(await call(editor, `query($id: ID!) { economyHistory(kind: WATER_OBSERVATION, id: $id) { seq action before after } }`, { id: ids[0] })).economyHistory;
    expect(history.map((r: any) => [r.seq, r.action])).toEqual([[1, 'CREATE'], [2, 'DELETE']]);
    expect(history[1].after).toBeNull();
    const replaced = ok(await call(editor, `query($id: ID!) { economyHistory(kind: WATER_OBSERVATION, id: $id) { action before after } }`, { id: ids[1] })).economyHistory;
    expect(replaced.map((r: any) => [r.action, r.before?.value ?? null, r.after.value])).toEqual([['CREATE', null, 3], ['UPDATE', 3, 1]]);
    // Recreating a deleted observation continues its history.
    ok(await call(editor, RECORD, { o: [obs(1, 0, 2)] }));
    const again = ok(await call(editor, `query($id: ID!) { economyHistory(kind: WATER_OBSERVATION, id: $id) { seq action } }`, { id: ids[0] })).economyHistory;
    expect(again.map((r: any) => r.seq)).toEqual([1, 2, 3]);
    await expectSeriesConsistent();

    const count = await store.models.waterObservations.countDocuments();
    const revisions = await store.models.revisions.countDocuments();
    failed(await call(editor, RECORD, { o: [obs(5, 0, 1), { ...obs(5, 1, 1), property: 'RAINFALL' }] }), 'BAD_USER_INPUT', 'observations[1].property');
    failed(await call(editor, RECORD, { o: [obs(5, 0, 1), { ...obs(5, 1, 1), stationId: '{"$gt": ""}' }] }), 'BAD_USER_INPUT', 'observations[1].stationId');
    failed(await call(editor, RECORD, { o: [obs(5, 0, 1), obs(5, 0, 2)] }), 'BAD_USER_INPUT', 'observations[1]');
    failed(await call(editor, RECORD, { o: Array.from({ length: 101 }, (_, i) => obs(6, 0, i)) }), 'BAD_USER_INPUT', 'observations');
    failed(await call(editor, `mutation { updateWaterObservation(id: "nonsense", input: { value: 1, quality: GOOD }) { id } }`), 'BAD_USER_INPUT', 'id');
    expect(await store.models.waterObservations.countDocuments()).toBe(count);
    expect(await store.models.revisions.countDocuments()).toBe(revisions);
  });
});

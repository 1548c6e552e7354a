// Water observation writes keep daily and monthly rollups and the latest observation equal
// to brute force through inserts, updates, deletes and crash repair.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBuckets, type Bucket } from '../../platform-kit/time-series.js';
import { syntheticProvenance } from '../../platform-kit/provenance.js';
import { waterObservationId, type WaterObservationRecord } from '../../subgraphs/economy/water-models.js';
import { deleteWaterObservations, rebuildWaterRollups, repairWaterWrites, upsertWaterStations, writeWaterObservations } from '../../subgraphs/economy/water-writes.js';
import { syntheticStation } from '../../subgraphs/economy/synthetic-water.js';
import { startEconomyStore, type EconomyStore } from './economy-store.js';

let store: EconomyStore;
beforeAll(async () => {
  store = await startEconomyStore();
  await upsertWaterStations(store.models, [syntheticStation(7, 1)]);
});
afterAll(async () => {
  await store?.close();
});

const SERIES = 'ws-0001|WATER_LEVEL';
const obs = (isoTime: string, value: number) => ({
  stationId: 'ws-0001', property: 'WATER_LEVEL' as const, time: new Date(isoTime), value, quality: 'GOOD' as const, provenance: syntheticProvenance(),
});
const range = { from: new Date('2020-01-01T00:00:00Z'), to: new Date('2021-01-01T00:00:00Z') };
// Not month-aligned: whole months come from monthly rollups, the partial ones at either end from daily ones.
const partialMonthRanges = [
  { from: new Date('2019-12-15T00:00:00Z'), to: new Date('2020-04-01T00:00:00Z') },
  { from: new Date('2020-02-10T00:00:00Z'), to: new Date('2020-12-31T00:00:00Z') },
  { from: new Date('2020-01-01T00:00:00Z'), to: new Date('2020-01-20T00:00:00Z') },
];

async function expectBucketsMatchBruteForce() {
  const raw = (await store.models.waterObservations.find().lean()) as unknown as WaterObservationRecord[];
  for (const r of [range, ...partialMonthRanges]) await expectRangeMatches(raw, r);
  const latest = raw.reduce<WaterObservationRecord | null>((a, o) => (!a || o.time > a.time ? o : a), null);
  const stored = await store.models.waterLatest.findOne({ _id: SERIES }).lean();
  expect(stored?.observationId ?? null).toBe(latest?._id ?? null);
  expect(stored?.value ?? null).toBe(latest?.value ?? null);
}

async function expectRangeMatches(raw: WaterObservationRecord[], range: { from: Date; to: Date }) {
  for (const bucket of ['DAY', 'MONTH', 'QUARTER', 'YEAR'] as Bucket[]) {
    const got = await readBuckets(store.models.waterRollups, SERIES, range, bucket);
    const keyOf = (t: Date) => {
      const iso = t.toISOString();
      if (bucket === 'DAY') return iso.slice(0, 10);
      if (bucket === 'MONTH') return iso.slice(0, 7);
      if (bucket === 'QUARTER') return `${iso.slice(0, 4)}Q${Math.floor(t.getUTCMonth() / 3)}`;
      return iso.slice(0, 4);
    };
    const groups = new Map<string, number[]>();
    for (const o of raw.filter((o) => o.time >= range.from && o.time < range.to)) groups.set(keyOf(o.time), [...(groups.get(keyOf(o.time)) ?? []), o.value]);
    expect(got.map((b) => keyOf(b.start)), `${bucket} ${range.from.toISOString()}`).toEqual([...groups.keys()].sort());
    for (const b of got) {
      const v = groups.get(keyOf(b.start))!;
      expect([b.count, b.min, b.max], bucket).toEqual([v.length, Math.min(...v), Math.max(...v)]);
      expect(b.sum).toBeCloseTo(v.reduce((a, x) => a + x, 0), 9);
    }
  }
}

describe('water observation writes', () => {
  it('inserts several observations per day and keeps rollups equal to brute force', async () => {
    await writeWaterObservations(store.models, [
      obs('2020-01-01T06:00:00Z', 3.5), obs('2020-01-01T18:00:00Z', 4.25), obs('2020-02-29T12:00:00Z', 2),
      obs('2019-12-20T00:00:00Z', 6), obs('2020-04-01T00:00:00Z', 7), obs('2020-12-30T10:00:00Z', 2.5), obs('2020-12-31T23:59:00Z', 1.5), obs('2021-01-01T00:00:00Z', 99),
    ]);
    await writeWaterObservations(store.models, [obs('2020-01-01T12:00:00Z', 5)]);
    await expectBucketsMatchBruteForce();
  });

  it('skips unchanged observations, recounts changed ones', async () => {
    expect(await writeWaterObservations(store.models, [obs('2020-01-01T06:00:00Z', 3.5)])).toEqual({ written: 0 });
    expect(await writeWaterObservations(store.models, [obs('2020-01-01T18:00:00Z', 0.5)])).toEqual({ written: 1 });
    await expectBucketsMatchBruteForce();
  });

  it('deletes observations (including the latest) and recounts', async () => {
    const ids = [waterObservationId('ws-0001', 'WATER_LEVEL', new Date('2020-01-01T12:00:00Z')), waterObservationId('ws-0001', 'WATER_LEVEL', new Date('2021-01-01T00:00:00Z'))];
    expect(await deleteWaterObservations(store.models, ids)).toEqual({ deleted: 2 });
    await expectBucketsMatchBruteForce();
  });

  it('repairs the ranges named by an interrupted write, and rebuilds from scratch', async () => {
    // Crash simulation: the observation is stored and its marker left, rollups untouched.
    const o = { _id: waterObservationId('ws-0001', 'WATER_LEVEL', new Date('2020-06-01T00:00:00Z')), ...obs('2020-06-01T00:00:00Z', 11) };
    await store.models.waterObservations.create(o);
    await store.models.writeMarkers.create({ _id: 'crashed', kind: 'water', startedAt: new Date(), seriesRanges: [{ series: SERIES, from: o.time, to: o.time }] });
    expect(await repairWaterWrites(store.models)).toBe(1);
    await expectBucketsMatchBruteForce();
    await store.models.waterRollups.days.deleteMany({});
    await store.models.waterRollups.months.deleteMany({});
    await rebuildWaterRollups(store.models);
    await expectBucketsMatchBruteForce();
  });
});

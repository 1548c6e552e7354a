// Synthetic water stations and their daily observations over the plan years.
// Station i and its series depend only on (randomSeed, i).
import { syntheticProvenance } from '../../platform-kit/provenance.js';
import type { SyntheticRandom } from '../../platform-kit/synthetic-random.js';
import { countryCodes } from './economy-codes.js';
import type { ObservedPropertyCode } from './observed-properties.js';
import { basinRivers, pointIn } from './synthetic-geography.js';
import { recordRandom } from '../../platform-kit/synthetic-random.js';
import type { ObservationQualityCode, WaterStationRecord } from './water-models.js';
import type { WaterObservationInput } from './water-writes.js';

export const PLAN_START = new Date(Date.UTC(2018, 0, 1));
export const PLAN_END = new Date(Date.UTC(2023, 0, 1)); // exclusive
export const PLAN_DAYS = Math.round((PLAN_END.getTime() - PLAN_START.getTime()) / 86_400_000); // 1826
/** Every station observes water level plus this many other properties, daily. */
export const PROPERTIES_PER_STATION = 3;

export const stationId = (i: number) => `ws-${String(i).padStart(4, '0')}`;
const others: ObservedPropertyCode[] = ['DISCHARGE', 'RAINFALL', 'DISSOLVED_OXYGEN', 'PH', 'TURBIDITY'];

export function syntheticStation(randomSeed: number, i: number): WaterStationRecord {
  const rng = recordRandom(randomSeed, 'water-station', i);
  const countryCode = countryCodes[(i - 1) % countryCodes.length];
  const hasStages = rng.next() < 0.5;
  const floodStage = hasStages ? Math.round((8 + rng.next() * 4) * 100) / 100 : null;
  return {
    _id: stationId(i),
    name: `Synthetic station ${String(i).padStart(4, '0')}`,
    river: rng.pick(basinRivers[countryCode]),
    countryCode,
    ...pointIn(rng, countryCode),
    properties: ['WATER_LEVEL', ...rng.sample(others, PROPERTIES_PER_STATION - 1).sort()] as ObservedPropertyCode[],
    floodStage,
    alarmStage: floodStage === null ? null : Math.round((floodStage - 1.5) * 100) / 100,
    provenance: syntheticProvenance(),
  };
}

// Seasonal shape: monsoon peak around September (day 250).
const season = (dayOfYear: number) => Math.sin((2 * Math.PI * (dayOfYear - 160)) / 365);

function value(rng: SyntheticRandom, property: ObservedPropertyCode, dayOfYear: number): number {
  const s = season(dayOfYear);
  const noise = rng.gaussian();
  const v = (() => {
    switch (property) {
      case 'WATER_LEVEL':
        return 5 + 3.5 * s + 0.4 * noise;
      case 'DISCHARGE':
        return 9000 + 7000 * s + 800 * noise;
      case 'RAINFALL':
        return Math.max(0, 6 + 9 * s + 6 * noise);
      case 'DISSOLVED_OXYGEN':
        return 7 - 0.8 * s + 0.3 * noise;
      case 'PH':
        return 7.3 + 0.15 * noise;
      case 'TURBIDITY':
        return Math.max(1, 60 + 50 * s + 15 * noise);
    }
  })();
  return Math.round(Math.max(0, v) * 1000) / 1000;
}

function quality(rng: SyntheticRandom): ObservationQualityCode {
  const r = rng.next();
  return r < 0.95 ? 'GOOD' : r < 0.98 ? 'SUSPECT' : 'ESTIMATED';
}

/** One observation per day and property over 2018-2022, at 00:00 UTC + the station's fixed reading hour. */
export function syntheticStationObservations(randomSeed: number, station: WaterStationRecord, stationIndex: number): WaterObservationInput[] {
  const out: WaterObservationInput[] = [];
  const provenance = syntheticProvenance();
  station.properties.forEach((property, k) => {
    const rng = recordRandom(randomSeed, 'water-series', stationIndex * 16 + k);
    const hour = rng.int(0, 23);
    for (let d = 0; d < PLAN_DAYS; d++) {
      const time = new Date(PLAN_START.getTime() + d * 86_400_000 + hour * 3_600_000);
      const doy = Math.floor((time.getTime() - Date.UTC(time.getUTCFullYear(), 0, 1)) / 86_400_000);
      out.push({ stationId: station._id, property, time, value: value(rng, property, doy), quality: quality(rng), provenance });
    }
  });
  return out;
}

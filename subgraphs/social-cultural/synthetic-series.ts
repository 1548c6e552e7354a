// Generates synthetic monthly health surveillance reports (dengue, malaria) and
// tourism arrival reports for 2018-2022. Each member has `units` reporting
// units (surveillance sites, border checkpoints); unit u reports on day 1+u%28
// of each month, so more units mean more observations and more daily rollups.
import { memberCountries } from '../../plan-data/index.js';
import { syntheticProvenance } from '../../platform-kit/provenance.js';
import { diseases, NON_MEMBER_ORIGIN, type HealthCaseRecord, type TourismArrivalRecord } from './series-records.js';
import { recordRandom } from '../../platform-kit/synthetic-random.js';

const members = memberCountries.map((c) => c.code);
export const SERIES_MONTHS = Array.from({ length: 60 }, (_, i) => ({ year: 2018 + Math.floor(i / 12), month: i % 12 }));

const reportTime = (year: number, month: number, unit: number) => new Date(Date.UTC(year, month, 1 + (unit % 28)));
const unitName = (prefix: string, unit: number) => `${prefix}-${String(unit + 1).padStart(4, '0')}`;

/** Seasonal factor (rainy season May-October peaks for dengue). */
const season = (month: number, peak: number) => 1 + 0.8 * Math.cos(((month - peak) / 12) * 2 * Math.PI);

/** All health reports of one member (both diseases, every unit and month). */
export function syntheticHealthCases(randomSeed: number, countryCode: string, units: number): HealthCaseRecord[] {
  const provenance = syntheticProvenance();
  const records: HealthCaseRecord[] = [];
  for (const disease of diseases) {
    for (let unit = 0; unit < units; unit++) {
      const reportingUnit = unitName('synthetic-site', unit);
      const r = recordRandom(randomSeed, `health|${disease}|${countryCode}|${unit}`, 0);
      const base = (disease === 'DENGUE' ? 2000 : 400) * (0.3 + r.next());
      for (const { year, month } of SERIES_MONTHS) {
        const time = reportTime(year, month, unit);
        const cases = Math.max(0, Math.round((base * season(month, disease === 'DENGUE' ? 7 : 9) * (0.7 + 0.6 * r.next())) / units));
        records.push({ _id: `${disease}|${countryCode}|${reportingUnit}|${time.toISOString().slice(0, 10)}`, disease, countryCode, reportingUnit, time, cases, provenance });
      }
    }
  }
  return records;
}

/** All arrival reports into one member: from each other member and from non-members. */
export function syntheticTourismArrivals(randomSeed: number, destinationCode: string, units: number): TourismArrivalRecord[] {
  const provenance = syntheticProvenance();
  const origins = [...members.filter((m) => m !== destinationCode), NON_MEMBER_ORIGIN];
  const records: TourismArrivalRecord[] = [];
  for (const originCode of origins) {
    for (let unit = 0; unit < units; unit++) {
      const reportingUnit = unitName('synthetic-checkpoint', unit);
      const r = recordRandom(randomSeed, `tourism|${destinationCode}|${originCode}|${unit}`, 0);
      const base = (originCode === NON_MEMBER_ORIGIN ? 300_000 : 50_000) * (0.2 + r.next());
      for (const { year, month } of SERIES_MONTHS) {
        const time = reportTime(year, month, unit);
        // Arrivals collapse from April 2020 to the end of 2021 in this synthetic set.
        const slump = (year === 2020 && month >= 3) || year === 2021 ? 0.05 : 1;
        const arrivals = Math.round((base * season(month, 0) * slump * (0.8 + 0.4 * r.next())) / units);
        records.push({
          _id: `${destinationCode}|${originCode}|${reportingUnit}|${time.toISOString().slice(0, 10)}`,
          destinationCode,
          originCode,
          reportingUnit,
          time,
          arrivals,
          provenance,
        });
      }
    }
  }
  return records;
}

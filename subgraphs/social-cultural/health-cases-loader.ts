// Yearly case totals per (disease, country), for the Country view: one query on
// the daily rollups per (disease, year) asked in a request, covering all countries.
import DataLoader from 'dataloader';
import { trusted, type Model } from 'mongoose';
import type { DailyRollupRecord } from '../../platform-kit/time-series.js';
import { healthSeriesKey } from './series-records.js';

export interface HealthCasesKey {
  disease: string;
  countryCode: string;
  year: number;
}

export function healthCasesLoader(days: Model<DailyRollupRecord>) {
  const keyOf = (k: HealthCasesKey) => `${healthSeriesKey(k.disease, k.countryCode)}|${k.year}`;
  return new DataLoader<HealthCasesKey, number, string>(
    async (keys) => {
      const totals = new Map<string, number>();
      const years = new Map<string, HealthCasesKey[]>();
      for (const k of keys) years.set(`${k.disease}|${k.year}`, [...(years.get(`${k.disease}|${k.year}`) ?? []), k]);
      for (const group of years.values()) {
        const { year } = group[0];
        const series = group.map((k) => healthSeriesKey(k.disease, k.countryCode));
        const docs = (await days
          .find({ series: trusted({ $in: series }), day: trusted({ $gte: new Date(Date.UTC(year, 0, 1)), $lt: new Date(Date.UTC(year + 1, 0, 1)) }) })
          .lean()) as DailyRollupRecord[];
        for (const d of docs) totals.set(`${d.series}|${year}`, (totals.get(`${d.series}|${year}`) ?? 0) + d.sum);
      }
      return keys.map((k) => totals.get(keyOf(k)) ?? 0);
    },
    { cacheKeyFn: keyOf },
  );
}

// Yearly case totals per (disease, country), for the Country view: the monthly
// rollups of every asked series-year fetched by _id (12 per series-year) in one
// query per request.
import DataLoader from 'dataloader';
import { trusted, type Model } from 'mongoose';
import { monthRollupId, type SeriesRollupRecord } from '../../platform-kit/time-series.js';
import { healthSeriesKey } from './series-records.js';

export interface HealthCasesKey {
  disease: string;
  countryCode: string;
  year: number;
}

export function healthCasesLoader(months: Model<SeriesRollupRecord>) {
  const keyOf = (k: HealthCasesKey) => `${healthSeriesKey(k.disease, k.countryCode)}|${k.year}`;
  return new DataLoader<HealthCasesKey, number, string>(
    async (keys) => {
      const ids = keys.flatMap((k) =>
        Array.from({ length: 12 }, (_, m) => monthRollupId(healthSeriesKey(k.disease, k.countryCode), new Date(Date.UTC(k.year, m, 1)))),
      );
      const docs = (await months.find({ _id: trusted({ $in: ids }) }).lean()) as SeriesRollupRecord[];
      const totals = new Map<string, number>();
      for (const d of docs) {
        const key = `${d.series}|${d.start.getUTCFullYear()}`;
        totals.set(key, (totals.get(key) ?? 0) + d.sum);
      }
      return keys.map((k) => totals.get(keyOf(k)) ?? 0);
    },
    { cacheKeyFn: keyOf },
  );
}

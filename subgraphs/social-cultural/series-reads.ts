// Bucketed reads of the health and tourism series (platform-kit readBuckets
// over the daily and monthly rollups), with the series keys checked against the members.
import { memberCode } from '../../platform-kit/filter-inputs.js';
import { readBuckets, type Bucket } from '../../platform-kit/time-series.js';
import type { Models } from './models.js';
import { ALL_ORIGINS, healthSeriesKey, tourismSeriesKey } from './series-records.js';

const member = memberCode;

export const healthSeries = (models: Pick<Models, 'healthRollups'>, a: { disease: string; countryCode: string; from: Date; to: Date; bucket: Bucket }) =>
  readBuckets(models.healthRollups, healthSeriesKey(a.disease, member('countryCode', a.countryCode)), a, a.bucket);

export const tourismSeries = (
  models: Pick<Models, 'tourismRollups'>,
  a: { countryCode: string; originCode?: string | null; from: Date; to: Date; bucket: Bucket },
) => {
  const destination = member('countryCode', a.countryCode);
  const origin = a.originCode != null ? member('originCode', a.originCode) : ALL_ORIGINS;
  return readBuckets(models.tourismRollups, tourismSeriesKey(destination, origin), a, a.bucket);
};

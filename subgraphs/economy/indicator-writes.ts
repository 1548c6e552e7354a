// Economic indicator writes: yearly observations and their daily and monthly rollups, in step.
import { indicatorSeriesKey, type IndicatorObservationRecord } from './indicator-models.js';
import type { Models } from './models.js';
import { deleteSeriesObservations, rebuildSeriesRollups, repairSeriesWrites, writeSeriesObservations, type SeriesStore, type WriteOptions } from './series-writes.js';

type IndicatorModels = Pick<Models, 'indicatorObservations' | 'indicatorRollups' | 'writeMarkers'>;
export type IndicatorObservationInput = Omit<IndicatorObservationRecord, '_id'>;

const seriesOf = (d: Pick<IndicatorObservationRecord, 'indicator' | 'reporterCode' | 'partnerCode'>) =>
  indicatorSeriesKey(d.indicator, d.reporterCode, d.partnerCode);

const indicatorStore = (models: IndicatorModels): SeriesStore<IndicatorObservationRecord> => ({
  kind: 'indicators',
  observations: models.indicatorObservations,
  rollups: models.indicatorRollups,
  markers: models.writeMarkers,
  seriesOf,
  seriesFilter: (series) => {
    const [indicator, reporterCode, partner] = series.split('|');
    return { indicator, reporterCode, partnerCode: partner === '-' ? null : partner };
  },
});

export function writeIndicatorObservations(models: IndicatorModels, observations: IndicatorObservationInput[], options?: WriteOptions) {
  const records = observations.map((o) => ({ _id: `${seriesOf(o)}|${o.time.toISOString()}`, ...o }));
  return writeSeriesObservations(indicatorStore(models), records, options);
}

export const deleteIndicatorObservations = (models: IndicatorModels, ids: string[]) => deleteSeriesObservations(indicatorStore(models), ids);
export const repairIndicatorWrites = (models: IndicatorModels) => repairSeriesWrites(indicatorStore(models));
export const rebuildIndicatorRollups = (models: IndicatorModels) => rebuildSeriesRollups(indicatorStore(models));

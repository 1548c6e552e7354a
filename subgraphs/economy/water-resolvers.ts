// Resolvers of water monitoring and economic indicator series.
import { paginate } from '../../platform-kit/connections.js';
import { badUserInput } from '../../platform-kit/input-errors.js';
import { readBuckets } from '../../platform-kit/time-series.js';
import type { QueryResolvers, WaterStationResolvers } from './generated/resolvers-types.js';
import { indicatorSeriesKey } from './indicator-models.js';
import { observedProperties, observedPropertyByCode } from './observed-properties.js';
import { stationStoreFilter } from './project-filter.js';
import { waterSeriesKey } from './water-models.js';
import { lastWrittenAt, withUpdatedSince } from '../../platform-kit/audit/record-fields.js';
import { citationOf, PILLAR_TITLES } from '../../platform-kit/citation.js';

export const waterQueries: Pick<QueryResolvers, 'waterStations' | 'waterStation' | 'observedProperties' | 'economicIndicatorSeries'> = {
  waterStations: (_, { filter, updatedSince, first, after }, ctx) => paginate(ctx.models.waterStations, withUpdatedSince(stationStoreFilter(filter), updatedSince), { first, after }),
  waterStation: (_, { id }, ctx) => ctx.loaders.station.load(id),
  observedProperties: () => observedProperties,
  economicIndicatorSeries: (_, { indicator, reporterCode, partnerCode, from, to, bucket }, ctx) => {
    if (indicator === 'TRADE_VALUE_USD' && partnerCode == null) throw badUserInput('partnerCode', 'a member code (TRADE_VALUE_USD is bilateral)');
    if (indicator === 'GDP_USD' && partnerCode != null) throw badUserInput('partnerCode', 'no partner (GDP_USD has none)');
    return readBuckets(ctx.models.indicatorRollups, indicatorSeriesKey(indicator, reporterCode, partnerCode ?? null), { from, to }, bucket);
  },
};

export const waterStationResolvers: WaterStationResolvers = {
  id: (s) => s._id,
  properties: (s) => s.properties.map((p) => observedPropertyByCode.get(p)!),
  series: (s, { property, from, to, bucket }, ctx) =>
    readBuckets(ctx.models.waterRollups, waterSeriesKey(s._id, property), { from, to }, bucket),
  latestObservation: (s, { property }, ctx) => ctx.loaders.latestObservation.load(waterSeriesKey(s._id, property)),
  updatedAt: lastWrittenAt,
  citation: (s) =>
    citationOf({ title: { en: `Water station ${s.name} (${s.river})`, zh: `水文站 ${s.name}（${s.river}）` }, id: s._id, kind: 'water station', pillar: PILLAR_TITLES.economy, provenance: s.provenance }),
};

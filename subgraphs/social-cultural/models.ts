// Stored shapes of the social-cultural subgraph and the mapper types codegen uses.
import type { Connection } from 'mongoose';
import type { Connection as PageConnection } from '../../platform-kit/connections.js';
import { registerLiveDataModels } from '../../platform-kit/pillar-live-data.js';
import type { EventRecord, ExchangeProgrammeRecord } from './activity-records.js';
import { eventModel, programmeModel } from './activity-records.js';
import { rollupGuardModel } from './rollup-guard.js';
import { actionCellModel, eventCellModel, exchangeCellModel } from './rollup-records.js';
import { registerSeriesModels } from './series-records.js';
import { syntheticRunModel } from './synthetic-runs.js';

export type { PlanActionRecord } from '../../platform-kit/plan-actions-store.js';
export type { ProgressAssessmentRecord } from '../../platform-kit/progress-store.js';
export type { EventPlaceRecord, EventRecord, ExchangeProgrammeRecord, ParticipantGroup } from './activity-records.js';
export type { ExchangeAggregateRow, EventAggregateRow } from './aggregates.js';
export type { SeriesBucketValue } from '../../platform-kit/time-series.js';
export type { HealthCaseRecord, TourismArrivalRecord } from './series-records.js';

export type ExchangeProgrammeConnectionValue = PageConnection<ExchangeProgrammeRecord>;
export type EventConnectionValue = PageConnection<EventRecord>;
/** A participant group or a country's participant totals. */
export interface ParticipationValue {
  countryCode: string;
  total: number;
  female: number | null;
  male: number | null;
}

/** A Country reference or this pillar's view of it: the code, fields resolve lazily. */
export interface CountryPillarView {
  countryCode: string;
}

export function registerModels(connection: Connection) {
  return {
    ...registerLiveDataModels(connection),
    programmes: programmeModel(connection),
    events: eventModel(connection),
    exchangeCells: exchangeCellModel(connection),
    eventCells: eventCellModel(connection),
    actionCells: actionCellModel(connection),
    rollupGuards: rollupGuardModel(connection),
    syntheticRuns: syntheticRunModel(connection),
    ...registerSeriesModels(connection),
  };
}

export type Models = ReturnType<typeof registerModels>;

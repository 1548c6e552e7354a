// Stored shapes of the economy subgraph and the mapper types codegen uses.
import type { Connection as StoreConnection } from 'mongoose';
import type { Connection } from '../../platform-kit/connections.js';
import type { ProjectRecord } from './project-model.js';
import type { WaterStationRecord } from './water-models.js';
import { registerLiveDataModels } from '../../platform-kit/pillar-live-data.js';
import { registerIndicatorModels } from './indicator-models.js';
import { projectModel } from './project-model.js';
import { projectActionCountsModel, projectLeaderboardModel, projectRollupModel } from './project-rollup-models.js';
import { registerWaterModels } from './water-models.js';
import { syntheticStateModel } from './synthetic-state.js';
import { writeMarkerModel } from './write-markers.js';

export type { PlanActionRecord } from '../../platform-kit/plan-actions-store.js';
export type { ProgressAssessmentRecord } from '../../platform-kit/progress-store.js';
export type { ProjectRecord, FinancialFlowRecord, FundingTotalsRecord } from './project-model.js';
export type { WaterStationRecord, LatestWaterObservationRecord } from './water-models.js';
export type { SectorInfo } from './economy-codes.js';
export type { ObservedPropertyInfo } from './observed-properties.js';
export type { OrganisationRecord } from '../../platform-kit/organisations-documents.js';

/** Connections as paginate() returns them (totalCount lazy). */
export type ProjectConnectionValue = Connection<ProjectRecord>;
export type WaterStationConnectionValue = Connection<WaterStationRecord>;

/** A Country reference or this pillar's view of it: the code, fields resolve lazily. */
export interface CountryPillarView {
  countryCode: string;
}

export function registerModels(connection: StoreConnection) {
  return {
    ...registerLiveDataModels(connection),
    projects: projectModel(connection),
    projectRollups: projectRollupModel(connection),
    projectActionCounts: projectActionCountsModel(connection),
    projectLeaderboards: projectLeaderboardModel(connection),
    ...registerWaterModels(connection),
    ...registerIndicatorModels(connection),
    writeMarkers: writeMarkerModel(connection),
    syntheticState: syntheticStateModel(connection),
  };
}

export type Models = ReturnType<typeof registerModels>;

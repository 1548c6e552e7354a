// Stored shapes of the economy subgraph and the mapper types codegen uses.
import type { Connection } from 'mongoose';
import { registerLiveDataModels } from '../../platform-kit/pillar-live-data.js';

export type { PlanActionRecord } from '../../platform-kit/plan-actions-store.js';
export type { ProgressAssessmentRecord } from '../../platform-kit/progress-store.js';

/** A Country reference or this pillar's view of it: the code, fields resolve lazily. */
export interface CountryPillarView {
  countryCode: string;
}

export function registerModels(connection: Connection) {
  return registerLiveDataModels(connection);
}

export type Models = ReturnType<typeof registerModels>;

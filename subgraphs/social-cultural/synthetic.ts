// Synthetic demo/benchmark data for the social-cultural pillar, written
// through the write modules (so rollups are maintained exactly as for real
// writes). Deterministic for (scale, randomSeed); rerunning gives the same state.
//
// How the scale maps to counts (linear in scale):
//   exchange programmes   round(100 × scale)            (xp-000001 …)
//   events                round(100 × scale)            (ev-000001 …)
//   reporting units       max(1, round(scale)) per member and series
//   health observations   6 members × 2 diseases × 60 months × units     =   720 × units
//   tourism observations  6 destinations × 6 origins × 60 months × units = 2,160 × units
//   organisations         26 (fixed), progress assessments 23 actions × 6 × 5 years = 690 (fixed)
// Scale 1: 100 + 100 records and 2,880 observations. About 1,000,000
// observations are reached at scale 350 (1,008,000), with 35,000 programmes and events.
import { syntheticAssessments } from '../../platform-kit/synthetic-progress.js';
import { memberCountries } from '../../plan-data/index.js';
import { actionsOwnedBy } from '../../plan-data/index.js';
import { upsertById } from '../../platform-kit/bulk-writes.js';
import type { SyntheticOptions } from '../../platform-kit/subgraph-server.js';
import { upsertEvents, upsertProgrammes } from './activity-writes.js';
import type { Models } from './models.js';
import { healthKind, insertNewObservations, tourismKind, upsertObservations } from './series-writes.js';
import { writeProgressAssessments } from '../../platform-kit/progress-store.js';
import { syntheticEvent, syntheticProgramme } from './synthetic-activities.js';
import { organisationIdOf, syntheticOrganisations } from './synthetic-organisations.js';
import { syntheticRunId } from './synthetic-runs.js';
import { syntheticHealthCases, syntheticTourismArrivals } from './synthetic-series.js';
import type { HealthCaseRecord, TourismArrivalRecord } from './series-records.js';

export interface SyntheticCounts {
  programmes: number;
  events: number;
  /** Reporting units per member and series. */
  units: number;
  healthObservations: number;
  tourismObservations: number;
}

export function syntheticCounts(scale: number): SyntheticCounts {
  const units = Math.max(1, Math.round(scale));
  const members = memberCountries.length;
  return {
    programmes: Math.round(100 * scale),
    events: Math.round(100 * scale),
    units,
    healthObservations: members * 2 * 60 * units,
    tourismObservations: members * members * 60 * units,
  };
}

const SEED_CHUNK = 10_000;
const SERIES_CALL = 50_000;

/** Progress assessments for every 4.3 action × member × year 2018-2022, assessed by each member's secretariat. */
export const syntheticProgress = (randomSeed: number) =>
  syntheticAssessments(actionsOwnedBy('social-cultural'), randomSeed, { assessorOf: (code) => organisationIdOf(code, 'secretariat') });

export async function seedSyntheticSocialCultural(models: Models, { scale, randomSeed, log }: SyntheticOptions): Promise<SyntheticCounts> {
  const counts = syntheticCounts(scale);
  const runId = syntheticRunId(scale, randomSeed);
  if (await models.syntheticRuns.findById(runId).lean()) {
    log?.(`social-cultural synthetic data already complete for ${runId}`);
    return counts;
  }
  await upsertById(models.organisations, syntheticOrganisations());
  await writeProgressAssessments(models, syntheticProgress(randomSeed));
  for (let start = 0; start < counts.programmes; start += SEED_CHUNK) {
    const end = Math.min(counts.programmes, start + SEED_CHUNK);
    await upsertProgrammes(models, Array.from({ length: end - start }, (_, i) => syntheticProgramme(randomSeed, start + i)));
  }
  for (let start = 0; start < counts.events; start += SEED_CHUNK) {
    const end = Math.min(counts.events, start + SEED_CHUNK);
    await upsertEvents(models, Array.from({ length: end - start }, (_, i) => syntheticEvent(randomSeed, start + i)));
  }
  // Into an empty collection, observations are only inserted (no reads of
  // existing ones); otherwise the general upsert makes the rerun a no-op.
  const health = healthKind(models);
  const tourism = tourismKind(models);
  const writeHealth = (await models.healthCases.countDocuments()) === 0 ? insertNewObservations : upsertObservations;
  const writeTourism = (await models.tourismArrivals.countDocuments()) === 0 ? insertNewObservations : upsertObservations;
  // Members' observations go in calls of up to SERIES_CALL records (fewer reads of the daily rollups).
  let healthCall: HealthCaseRecord[] = [];
  let tourismCall: TourismArrivalRecord[] = [];
  for (const [i, { code }] of memberCountries.entries()) {
    const last = i === memberCountries.length - 1;
    healthCall.push(...syntheticHealthCases(randomSeed, code, counts.units));
    tourismCall.push(...syntheticTourismArrivals(randomSeed, code, counts.units));
    if (last || healthCall.length >= SERIES_CALL) [await writeHealth(health, models.rollupGuards, healthCall), (healthCall = [])];
    if (last || tourismCall.length >= SERIES_CALL) [await writeTourism(tourism, models.rollupGuards, tourismCall), (tourismCall = [])];
  }
  await models.syntheticRuns.updateOne({ _id: runId }, { $set: { completedAt: new Date() } }, { upsert: true });
  log?.(
    `social-cultural synthetic: ${counts.programmes} programmes, ${counts.events} events, ` +
      `${counts.healthObservations} health and ${counts.tourismObservations} tourism observations`,
  );
  return counts;
}

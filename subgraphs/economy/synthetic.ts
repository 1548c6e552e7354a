// Synthetic demo/benchmark data for the economy pillar. Every record says it
// is synthetic (provenance.synthetic = true, source "synthetic", titles
// "Synthetic …"); only the plan's actions, sections and the six members are real.
//
// Counts are linear in options.scale (scale 1 is the small development set):
//   projects                    200 × scale     (scale 500 → 100,000)
//   implementing organisations   20 × scale
//   water stations                2 × scale, each observing 3 properties daily
//                                 over 2018-01-01..2022-12-31 (1,826 days)
//   water observations       10,956 × scale     (scale 100 → 1,095,600)
// plus fixed-size sets: economic indicators (TRADE_VALUE_USD for the 30
// ordered member pairs and GDP_USD for the 6 members, yearly 2018-2022) and
// progress assessments for ~70% of (4.2 action × member × year 2018-2022).
//
// Deterministic: record i depends only on (randomSeed, i), ids are stable, and
// a larger scale extends a smaller one. Idempotent: progress is checkpointed in
// synthetic_seed_state, unchanged records are skipped, all writes are upserts.
// Writes go through the write modules (rollups kept in step), in batches.
import { syntheticAssessments } from '../../platform-kit/synthetic-progress.js';
import { countryCodes } from './economy-codes.js';
import { writeIndicatorObservations, type IndicatorObservationInput } from './indicator-writes.js';
import type { Models } from './models.js';
import { upsertProjects } from './project-writes.js';
import { actionsOwnedBy } from '../../plan-data/index.js';
import { upsertById } from '../../platform-kit/bulk-writes.js';
import { writeProgressAssessments } from '../../platform-kit/progress-store.js';
import { syntheticProvenance } from '../../platform-kit/provenance.js';
import type { SyntheticOptions } from '../../platform-kit/subgraph-server.js';
import { recordRandom } from '../../platform-kit/synthetic-random.js';
import { ORGANISATIONS_PER_SCALE, PROJECTS_PER_SCALE, syntheticOrganisation, syntheticProject } from './synthetic-projects.js';
import { resumableBatches } from './synthetic-state.js';
import { syntheticStation, syntheticStationObservations } from './synthetic-water.js';
import { upsertWaterStations, writeWaterObservations } from './water-writes.js';

export const STATIONS_PER_SCALE = 2;
const PROJECT_BATCH = 2000;
const ORGANISATION_BATCH = 2000;
export const ASSESSMENT_YEARS = [2018, 2019, 2020, 2021, 2022];

export const syntheticCounts = (scale: number) => ({
  projects: Math.round(PROJECTS_PER_SCALE * scale),
  organisations: Math.round(ORGANISATIONS_PER_SCALE * scale),
  stations: Math.max(1, Math.round(STATIONS_PER_SCALE * scale)),
});

export function syntheticIndicators(randomSeed: number): IndicatorObservationInput[] {
  const out: IndicatorObservationInput[] = [];
  const provenance = syntheticProvenance();
  countryCodes.forEach((reporter, r) => {
    const rng = recordRandom(randomSeed, 'indicator', r);
    let gdp = 1e10 * (1 + rng.next() * 20);
    for (const year of ASSESSMENT_YEARS) {
      const time = new Date(Date.UTC(year, 0, 1));
      gdp *= 1 + 0.02 + rng.next() * 0.05;
      out.push({ indicator: 'GDP_USD', reporterCode: reporter, partnerCode: null, time, value: Math.round(gdp), provenance });
      for (const partner of countryCodes) {
        if (partner === reporter) continue;
        out.push({ indicator: 'TRADE_VALUE_USD', reporterCode: reporter, partnerCode: partner, time, value: Math.round(gdp * (0.002 + rng.next() * 0.02)), provenance });
      }
    }
  });
  return out;
}

/** Progress assessments of section 4.2's actions (about 70% of action × member pairs assessed). */
export const economyAssessments = (randomSeed: number) => syntheticAssessments(actionsOwnedBy('economy'), randomSeed, { coverage: 0.7 });

export async function seedEconomySynthetic(models: Models, options: SyntheticOptions): Promise<void> {
  const { randomSeed } = options;
  const counts = syntheticCounts(options.scale);
  const log = options.log ?? (() => {});
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => from + k);

  for (let from = 1; from <= counts.organisations; from += ORGANISATION_BATCH) {
    const to = Math.min(counts.organisations, from + ORGANISATION_BATCH - 1);
    await upsertById(models.organisations, range(from, to).map((i) => syntheticOrganisation(randomSeed, i)));
  }
  await resumableBatches(models.syntheticState, 'projects', randomSeed, counts.projects, PROJECT_BATCH, (from, to, fresh) =>
    upsertProjects(models, range(from, to).map((i) => syntheticProject(randomSeed, i)), { fresh }).then(() => undefined),
  );
  log(`synthetic: ${counts.projects} projects, ${counts.organisations} organisations`);

  const stations = range(1, counts.stations).map((i) => syntheticStation(randomSeed, i));
  await upsertWaterStations(models, stations);
  // One batch per station (3 × 1,826 observations).
  await resumableBatches(models.syntheticState, 'water', randomSeed, counts.stations, 1, async (from, to, fresh) => {
    for (const i of range(from, to)) await writeWaterObservations(models, syntheticStationObservations(randomSeed, stations[i - 1], i), { fresh });
  });
  log(`synthetic: ${counts.stations} water stations`);

  await writeIndicatorObservations(models, syntheticIndicators(randomSeed));
  await writeProgressAssessments(models, economyAssessments(randomSeed));
}

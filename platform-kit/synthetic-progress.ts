// Synthetic progress assessments for a pillar's actions: every action ×
// member × year of the plan, with statuses that tend to advance over the years.
import { memberCountries, type PlanAction } from '../plan-data/index.js';
import { progressAssessmentId, progressStatuses, writeProgressAssessments, type ProgressAssessmentRecord } from './progress-store.js';
import { syntheticProvenance } from './provenance.js';
import type { SyntheticRandom } from './synthetic-random.js';
import type { LiveDataModels } from './pillar-live-data.js';

export const PLAN_YEARS = [2018, 2019, 2020, 2021, 2022] as const;

export function syntheticAssessments(actions: PlanAction[], random: SyntheticRandom): ProgressAssessmentRecord[] {
  const records: ProgressAssessmentRecord[] = [];
  for (const action of actions) {
    for (const country of memberCountries) {
      // Index into NO_EVIDENCE..COMPLETE; drifts upward year by year.
      let level = random.int(0, 2);
      for (const year of PLAN_YEARS) {
        level = Math.min(progressStatuses.length - 1, level + (random.next() < 0.45 ? 1 : 0));
        records.push({
          _id: progressAssessmentId(action.number, country.code, year),
          actionNumber: action.number,
          countryCode: country.code,
          year,
          status: progressStatuses[level],
          narrative: {
            en: `Synthetic assessment of action ${action.number} for ${country.code}, ${year}.`,
            zh: `合成数据:${year}年${country.name.zh}第${action.number}项行动评估。`,
          },
          evidenceDocumentIds: [],
          assessorOrganisationId: null,
          provenance: syntheticProvenance(),
        });
      }
    }
  }
  return records;
}

export async function seedSyntheticProgress(models: LiveDataModels, actions: PlanAction[], random: SyntheticRandom): Promise<void> {
  await writeProgressAssessments(models, syntheticAssessments(actions, random));
}

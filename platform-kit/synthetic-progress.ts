// Synthetic progress assessments for a pillar's actions: action × member × plan
// year, statuses drifting upward over the years. Each action has its own random
// stream, so a record depends only on the seed and its action.
import { memberCountries, type PlanAction } from '../plan-data/index.js';
import { progressAssessmentId, progressStatuses, type ProgressAssessmentRecord } from './progress-store.js';
import { syntheticProvenance } from './provenance.js';
import { SyntheticRandom } from './synthetic-random.js';

export const PLAN_YEARS = [2018, 2019, 2020, 2021, 2022] as const;

export interface SyntheticAssessmentOptions {
  /** Share of action × country pairs assessed at all (1 = every pair). */
  coverage?: number;
  /** Organisation recorded as assessor for a country, if any. */
  assessorOf?: (countryCode: string) => string | null;
}

export function syntheticAssessments(
  actions: PlanAction[],
  randomSeed: number,
  { coverage = 1, assessorOf = () => null }: SyntheticAssessmentOptions = {},
): ProgressAssessmentRecord[] {
  const records: ProgressAssessmentRecord[] = [];
  for (const action of actions) {
    const random = new SyntheticRandom((randomSeed ^ Math.imul(action.number, 0x9e3779b1)) >>> 0);
    for (const country of memberCountries) {
      const assessed = random.next() < coverage;
      let level = random.int(0, 2); // index into NO_EVIDENCE..COMPLETE
      for (const year of PLAN_YEARS) {
        level = Math.min(progressStatuses.length - 1, level + (random.next() < 0.45 ? 1 : 0));
        if (!assessed) continue;
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
          assessorOrganisationId: assessorOf(country.code),
          provenance: syntheticProvenance(),
        });
      }
    }
  }
  return records;
}

// Synthetic demo data for political-security: meetings, cooperation activities,
// mechanism bodies, their organisations and documents, and progress assessments
// for section 4.1 and the framework chapters. Every record is synthetic: true.
// Scale 1: 60 meetings, 120 activities, 6 + 6 bodies, 690 assessments (23 actions × 6 × 5 years).
import { actionsOwnedBy, memberCountries, plan } from '../../plan-data/index.js';
import type { SyntheticOptions } from '../../platform-kit/subgraph-server.js';
import { PLAN_YEARS, syntheticAssessments } from '../../platform-kit/synthetic-progress.js';
import { writeProgressAssessments } from '../../platform-kit/progress-store.js';
import { syntheticProvenance } from '../../platform-kit/provenance.js';
import { SyntheticRandom } from '../../platform-kit/synthetic-random.js';
import { upsertById } from '../../platform-kit/bulk-writes.js';
import { activityKinds, bodyStatuses, meetingTypes, type CooperationActivityRecord, type MeetingRecord, type MechanismBodyRecord } from './mechanism-models.js';
import { upsertActivities, upsertMeetings } from './mechanism-writes.js';
import type { Models } from './models.js';

const BATCH = 2000;
const codes = memberCountries.map((c) => c.code);
const pad = (n: number) => String(n).padStart(6, '0');
const dayIn = (random: SyntheticRandom, year: number) => new Date(Date.UTC(year, random.int(0, 11), random.int(1, 28)));

async function inBatches<T>(items: T[], write: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += BATCH) await write(items.slice(i, i + BATCH));
}

export async function seedSyntheticPoliticalSecurity(models: Models, options: SyntheticOptions): Promise<void> {
  const random = new SyntheticRandom(options.randomSeed);
  const provenance = syntheticProvenance();
  const psActions = plan.actions.filter((a) => a.subgraph === 'political-security').map((a) => a.number);
  const securityActions = plan.actions.filter((a) => a.section?.startsWith('4.1')).map((a) => a.number);

  const secretariats = codes.map((code) => ({
    _id: `org-ns-${code}`,
    name: { en: `National Secretariat of ${code} (synthetic record)`, zh: `${code}国家秘书处(合成数据)` },
    type: 'NATIONAL_SECRETARIAT' as const,
    countryCode: code,
    provenance,
  }));
  await upsertById(models.organisations, secretariats);

  const meetingCount = 60 * options.scale;
  const meetings: MeetingRecord[] = [];
  const documents = [];
  for (let i = 1; i <= meetingCount; i++) {
    const date = dayIn(random, random.pick(PLAN_YEARS));
    const type = random.pick(meetingTypes);
    const hosts = random.sample(codes, type === 'LEADERS' || type === 'FOREIGN_MINISTERS' ? 2 : 1);
    const id = `mtg-${date.toISOString().slice(0, 10)}-${pad(i)}`;
    const docId = `doc-${id}`;
    documents.push({
      _id: docId,
      title: { en: `Synthetic outcome document of meeting ${pad(i)}`, zh: `合成数据:会议${pad(i)}成果文件` },
      date,
      language: 'en',
      url: null,
      provenance,
    });
    meetings.push({
      _id: id,
      type,
      title: { en: `Synthetic ${type.toLowerCase().replace(/_/g, ' ')} meeting ${pad(i)}`, zh: `合成数据:会议${pad(i)}` },
      date,
      hostCountryCodes: hosts,
      coChairCodes: hosts,
      outcomeDocumentIds: [docId],
      actionsReviewed: random.sample(
        plan.actions.map((a) => a.number),
        random.int(1, 6),
      ).sort((a, b) => a - b),
      provenance,
    });
  }
  await inBatches(documents, (b) => upsertById(models.documents, b));
  await inBatches(meetings, (b) => upsertMeetings(models, b));

  const activities: CooperationActivityRecord[] = [];
  for (let i = 1; i <= 120 * options.scale; i++) {
    const start = dayIn(random, random.pick(PLAN_YEARS));
    const participants = random.sample(codes, random.int(2, 6)).map((countryCode) => {
      const female = random.int(0, 40);
      const male = random.int(0, 40);
      return { countryCode, total: female + male, female, male };
    });
    activities.push({
      _id: `act-${pad(i)}`,
      kind: random.pick(activityKinds),
      title: { en: `Synthetic cooperation activity ${pad(i)}`, zh: `合成数据:合作活动${pad(i)}` },
      startDate: start,
      endDate: new Date(start.getTime() + random.int(1, 10) * 86_400_000),
      participants,
      participantCountryCodes: participants.map((p) => p.countryCode),
      actionNumbers: random.sample(securityActions, random.int(1, 2)).sort((a, b) => a - b),
      provenance,
    });
  }
  await inBatches(activities, (b) => upsertActivities(models, b));

  const bodies: MechanismBodyRecord[] = [
    ...codes.map((code) => ({
      _id: `body-ns-${code}`,
      kind: 'NATIONAL_SECRETARIAT' as const,
      name: { en: `National Secretariat of ${code} (synthetic record)`, zh: `${code}国家秘书处(合成数据)` },
      countryCode: code,
      status: random.pick(bodyStatuses),
      provenance,
    })),
    ...Array.from({ length: 6 * options.scale }, (_, i) => ({
      _id: `body-${pad(i + 1)}`,
      kind: random.pick(['JOINT_WORKING_GROUP', 'CENTRE'] as const),
      name: { en: `Synthetic mechanism body ${pad(i + 1)}`, zh: `合成数据:机制机构${pad(i + 1)}` },
      countryCode: null,
      status: random.pick(bodyStatuses),
      provenance,
    })),
  ];
  await inBatches(bodies, (b) => upsertById(models.bodies, b));

  await writeProgressAssessments(models, syntheticAssessments(actionsOwnedBy('political-security'), options.randomSeed));
  options.log?.(`synthetic: ${meetings.length} meetings, ${activities.length} activities, ${bodies.length} bodies, ${psActions.length} actions assessed`);
}

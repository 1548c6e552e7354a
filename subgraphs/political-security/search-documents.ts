// What political-security puts in the search index (platform-kit/search): its
// meetings, cooperation activities, mechanism bodies, organisations and
// documents, and the plan actions it stewards (section 4.1 and the framework
// chapters). Kinds are indexed on
// every write (audited-kinds.ts wraps them with withSearchIndex), the whole
// index is rebuilt at seed.
import { organisationDocumentSearchDocuments, planActionSearchDocument, rebuildSearchIndex, type SearchDocument } from '../../platform-kit/search/index.js';
import { notArchived, type CooperationActivityRecord, type MechanismBodyRecord, type MeetingRecord } from './mechanism-models.js';
import type { Models } from './models.js';

const PILLAR = 'POLITICAL_SECURITY';

export const meetingSearchDocument = (m: MeetingRecord): SearchDocument => ({
  type: 'MEETING',
  id: m._id,
  pillar: PILLAR,
  title: m.title,
  body: [m.type.replace(/_/g, ' ').toLowerCase()],
  countryCodes: [...new Set([...m.hostCountryCodes, ...m.coChairCodes])].sort(),
});

export const activitySearchDocument = (a: CooperationActivityRecord): SearchDocument => ({
  type: 'COOPERATION_ACTIVITY',
  id: a._id,
  pillar: PILLAR,
  title: a.title,
  body: [a.kind.replace(/_/g, ' ').toLowerCase()],
  countryCodes: [...a.participantCountryCodes].sort(),
});

export const bodySearchDocument = (b: MechanismBodyRecord): SearchDocument => ({
  type: 'MECHANISM_BODY',
  id: b._id,
  pillar: PILLAR,
  title: b.name,
  body: [b.kind.replace(/_/g, ' ').toLowerCase()],
  countryCodes: b.countryCode ? [b.countryCode] : [],
});

/** Rebuilds this pillar's index from its stored records (seed). */
export async function rebuildPoliticalSecuritySearch(models: Models): Promise<void> {
  const [actions, meetings, activities, bodies, shared] = await Promise.all([
    models.actions.find({ subgraph: 'political-security' }).lean(),
    models.meetings.find(notArchived()).lean(),
    models.activities.find(notArchived()).lean(),
    models.bodies.find(notArchived()).lean(),
    organisationDocumentSearchDocuments(models, PILLAR),
  ]);
  await rebuildSearchIndex(models.meetings.db, [
    ...actions.map(planActionSearchDocument),
    ...(meetings as MeetingRecord[]).map(meetingSearchDocument),
    ...(activities as CooperationActivityRecord[]).map(activitySearchDocument),
    ...(bodies as MechanismBodyRecord[]).map(bodySearchDocument),
    ...shared,
  ]);
}

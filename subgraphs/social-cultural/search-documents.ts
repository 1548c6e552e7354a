// What social-cultural puts in the search index (platform-kit/search): its
// exchange programmes and events (indexed on every write: audited-kinds.ts
// wraps their kinds with withSearchIndex), its organisations and documents
// (indexed on every write by their shared kinds) and the plan actions of
// section 4.3; rebuilt at seed.
import { organisationDocumentSearchDocuments, planActionSearchDocument, rebuildSearchIndex, type SearchDocument } from '../../platform-kit/search/index.js';
import { notArchived, type EventRecord, type ExchangeProgrammeRecord } from './activity-records.js';
import type { Models } from './models.js';

const PILLAR = 'SOCIAL_CULTURAL';

export const programmeSearchDocument = (p: ExchangeProgrammeRecord): SearchDocument => ({
  type: 'EXCHANGE_PROGRAMME',
  id: p._id,
  pillar: PILLAR,
  title: p.title,
  body: [p.kind.replace(/_/g, ' ').toLowerCase()],
  countryCodes: [...p.countryCodes].sort(),
});

export const eventSearchDocument = (e: EventRecord): SearchDocument => ({
  type: 'EVENT',
  id: e._id,
  pillar: PILLAR,
  title: e.title,
  body: [e.kind.replace(/_/g, ' ').toLowerCase(), e.place.name],
  countryCodes: [e.place.countryCode],
});

/** Rebuilds this pillar's index from its stored records (seed). */
export async function rebuildSocialCulturalSearch(models: Models): Promise<void> {
  const [actions, programmes, events, shared] = await Promise.all([
    models.actions.find().lean(),
    models.programmes.find(notArchived()).lean() as Promise<ExchangeProgrammeRecord[]>,
    models.events.find(notArchived()).lean() as Promise<EventRecord[]>,
    organisationDocumentSearchDocuments(models, PILLAR),
  ]);
  await rebuildSearchIndex(models.programmes.db, [
    ...actions.map(planActionSearchDocument),
    ...programmes.map(programmeSearchDocument),
    ...events.map(eventSearchDocument),
    ...shared,
  ]);
}

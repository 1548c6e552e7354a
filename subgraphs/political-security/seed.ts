// Seeds the real reference data: the plan outline (all chapters, sections and
// 94 actions: this subgraph serves every action's text), the six members, the
// plan as a document, and the one meeting the seed text reports. Idempotent.
import { memberCountries, plan } from '../../plan-data/index.js';
import { toPlanActionRecord } from '../../platform-kit/plan-actions-store.js';
import { upsertById } from '../../platform-kit/bulk-writes.js';
import { PLAN_PROVENANCE } from '../../platform-kit/provenance.js';
import { upsertMeetings } from './mechanism-writes.js';
import { repairPoliticalSecurityWrites } from './audited-kinds.js';
import type { Models } from './models.js';
import { rebuildPoliticalSecuritySearch } from './search-documents.js';

export async function seedPoliticalSecurity(models: Models): Promise<void> {
  await upsertById(models.chapters, plan.chapters.map((c) => ({ _id: c.code, number: c.number, title: c.title })));
  await upsertById(
    models.sections,
    plan.sections.map((s) => ({ _id: s.code, chapter: s.chapter, parent: s.parent, title: s.title, subgraph: s.subgraph })),
  );
  await upsertById(models.actions, plan.actions.map(toPlanActionRecord));
  await upsertById(
    models.countries,
    memberCountries.map((c) => ({ _id: c.code, name: c.name, nativeName: c.nativeName, nativeLanguage: c.nativeLanguage })),
  );
  await upsertById(models.documents, [
    {
      _id: 'doc-plan-of-action-2018-2022',
      title: plan.title,
      date: new Date('2018-01-29T00:00:00.000Z'),
      language: 'zh-en',
      url: null,
      provenance: PLAN_PROVENANCE,
    },
  ]);
  // Reported in the seed text's caption (Xinhua photo, China.org.cn 2018-01-29).
  await upsertMeetings(models, [
    {
      _id: 'mtg-2018-01-10-leaders-2',
      type: 'LEADERS',
      title: { en: "Second Lancang-Mekong Cooperation Leaders' Meeting", zh: '澜沧江-湄公河合作第二次领导人会议' },
      date: new Date('2018-01-10T00:00:00.000Z'),
      hostCountryCodes: ['KH'],
      coChairCodes: ['CN', 'KH'],
      outcomeDocumentIds: [],
      actionsReviewed: [],
      provenance: { ...PLAN_PROVENANCE, source: 'China.org.cn, 2018-01-29: caption of the Plan of Action page (Xinhua)' },
    },
  ]);
  // Rollups and audited writes (shared kinds and this pillar's) a crash left half-done.
  await repairPoliticalSecurityWrites(models);
  // The search index, from the records as they now are.
  await rebuildPoliticalSecuritySearch(models);
}

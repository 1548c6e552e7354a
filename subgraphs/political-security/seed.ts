// Seeds the plan outline (all chapters, sections and 94 actions: this subgraph
// serves every action's text) and the six members. Idempotent upserts by _id.
import { memberCountries, plan } from '../../plan-data/index.js';
import { toPlanActionRecord, upsertById } from '../../platform-kit/plan-actions-store.js';
import type { Models } from './models.js';

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
}

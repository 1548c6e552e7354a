import { byIdLoader } from '../../platform-kit/by-id-loader.js';
import type { Principal } from '../../platform-kit/access/principal.js';
import { liveDataLoaders } from '../../platform-kit/pillar-live-data.js';
import { mechanismLoaders } from './mechanism-loaders.js';
import type { ChapterRecord, Models, PlanActionRecord, SectionRecord } from './models.js';

export interface Outline {
  chapters: ChapterRecord[];
  sections: SectionRecord[];
  actions: PlanActionRecord[];
}

async function loadOutline(models: Models): Promise<Outline> {
  const [chapters, sections, actions] = await Promise.all([
    models.chapters.find().sort({ number: 1 }).lean<ChapterRecord[]>(),
    models.sections.find().lean<SectionRecord[]>(),
    models.actions.find().sort({ _id: 1 }).lean<PlanActionRecord[]>(),
  ]);
  // Section codes sort numerically part by part (4.2.10 after 4.2.9).
  sections.sort((a, b) => a._id.localeCompare(b._id, 'en', { numeric: true }));
  return { chapters, sections, actions };
}

/** Per-request context: the verified caller, models and fresh DataLoaders (no cross-request caching). */
export function createContext(models: Models, principal: Principal) {
  let outline: Promise<Outline> | null = null;
  return {
    principal,
    models,
    /** The whole outline (5 chapters, 26 sections, 94 actions) in three queries, once per request. */
    outline: () => (outline ??= loadOutline(models)),
    loaders: {
      chapter: byIdLoader(models.chapters),
      section: byIdLoader(models.sections),
      country: byIdLoader(models.countries),
      ...liveDataLoaders(models),
      ...mechanismLoaders(models),
    },
  };
}

export type SubgraphContext = ReturnType<typeof createContext>;

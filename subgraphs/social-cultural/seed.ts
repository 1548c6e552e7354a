// Seeds the plan actions this subgraph stewards (section 4.3, Social and Cultural
// Cooperation) and repairs rollups left behind by an unfinished write. Idempotent.
import { seedOwnActions } from '../../platform-kit/pillar-live-data.js';
import type { Models } from './models.js';
import { rebuildSocialCulturalSearch } from './search-documents.js';
import { repairSocialCulturalWrites } from './audited-kinds.js';

export async function seedSocialCulturalPillar(models: Models, log?: (msg: string) => void): Promise<void> {
  await seedOwnActions(models, 'social-cultural');
  // Rollups and audited writes (shared kinds and this pillar's) a crash left half-done.
  await repairSocialCulturalWrites(models, log);
  // The search index, from the records as they now are.
  await rebuildSocialCulturalSearch(models);
}

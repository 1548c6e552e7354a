// Seeds the plan actions this subgraph stewards (section 4.3, Social and Cultural
// Cooperation) and repairs rollups left behind by an unfinished write. Idempotent.
import { seedOwnActions } from '../../platform-kit/pillar-live-data.js';
import type { Models } from './models.js';
import { repairRollupsIfDirty } from './rebuild-rollups.js';

export async function seedSocialCulturalPillar(models: Models, log?: (msg: string) => void): Promise<void> {
  await seedOwnActions(models, 'social-cultural');
  await repairRollupsIfDirty(models, log);
}

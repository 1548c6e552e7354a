// Seeds the plan actions this subgraph stewards (section 4.2, Economy and
// Sustainable Development) and repairs rollups left inconsistent by an
// interrupted write (see write-markers.ts). Idempotent.
import { seedOwnActions } from '../../platform-kit/pillar-live-data.js';
import { repairIndicatorWrites } from './indicator-writes.js';
import type { Models } from './models.js';
import { repairProjectRollups } from './project-writes.js';
import { repairWaterWrites } from './water-writes.js';

export async function seedEconomicPillar(models: Models): Promise<void> {
  await seedOwnActions(models, 'economy');
  await repairProjectRollups(models);
  await repairWaterWrites(models);
  await repairIndicatorWrites(models);
}

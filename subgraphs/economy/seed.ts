// Seeds the plan actions this subgraph stewards (section 4.2, Economy and
// Sustainable Development) and repairs rollups left inconsistent by an
// interrupted write (see write-markers.ts). Idempotent.
import { seedOwnActions } from '../../platform-kit/pillar-live-data.js';
import { repairAuditedWrites } from '../../platform-kit/shared-audited-kinds.js';
import { projectKind } from './project-mutations.js';
import { waterObservationKind } from './water-mutations.js';
import { repairIndicatorWrites } from './indicator-writes.js';
import type { Models } from './models.js';
import { rebuildEconomySearch } from './search-documents.js';
import { repairProjectRollups } from './project-writes.js';
import { repairWaterWrites } from './water-writes.js';

export async function seedEconomicPillar(models: Models): Promise<void> {
  await seedOwnActions(models, 'economy');
  await repairEconomyWrites(models);
  // The search index, from the records as they now are.
  await rebuildEconomySearch(models);
}

/** Completes the rollups of writes a crash interrupted (also run by the import CLI before it writes). */
export async function repairEconomyWrites(models: Models): Promise<void> {
  await repairProjectRollups(models);
  await repairWaterWrites(models);
  await repairIndicatorWrites(models);
  // Then audited writes stopped between their revision and their record (through the modules above).
  await repairAuditedWrites(models, {
    projects: projectKind(models),
    water_observations: waterObservationKind(models),
  }, 'economy');
}

// Seeds the plan actions this subgraph stewards (section 4.2, Economy and Sustainable Development). Idempotent.
import { seedOwnActions } from '../../platform-kit/pillar-live-data.js';
import type { Models } from './models.js';

export const seedEconomicPillar = (models: Models) => seedOwnActions(models, 'economy');

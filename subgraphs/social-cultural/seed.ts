// Seeds the plan actions this subgraph stewards (section 4.3, Social and Cultural Cooperation). Idempotent.
import { seedOwnActions } from '../../platform-kit/pillar-live-data.js';
import type { Models } from './models.js';

export const seedSocialCulturalPillar = (models: Models) => seedOwnActions(models, 'social-cultural');

import type { Principal } from '../../platform-kit/access/principal.js';
import { liveDataLoaders } from '../../platform-kit/pillar-live-data.js';
import { economyLoaders } from './economy-loaders.js';
import type { Models } from './models.js';

/** Per-request context: the verified caller, models and fresh DataLoaders (no cross-request caching). */
export function createContext(models: Models, principal: Principal) {
  return { principal, models, loaders: { ...liveDataLoaders(models), ...economyLoaders(models) } };
}

export type SubgraphContext = ReturnType<typeof createContext>;

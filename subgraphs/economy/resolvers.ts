import { actionLiveDataResolvers, commonTypeResolvers, countryViewResolvers } from '../../platform-kit/pillar-live-data.js';
import type { Resolvers } from './generated/resolvers-types.js';

export const resolvers: Resolvers = {
  ...commonTypeResolvers,
  PlanAction: {
    __resolveType: () => 'EconomicAction',
  },
  EconomicAction: actionLiveDataResolvers('economy'),
  Country: {
    __resolveReference: (ref) => ({ countryCode: ref.code }),
    code: (c) => c.countryCode,
    economy: (c) => c,
  },
  CountryEconomy: countryViewResolvers('economy'),
};

import { actionLiveDataResolvers, commonTypeResolvers, countryViewResolvers } from '../../platform-kit/pillar-live-data.js';
import type { Resolvers } from './generated/resolvers-types.js';

export const resolvers: Resolvers = {
  ...commonTypeResolvers,
  PlanAction: {
    __resolveType: () => 'SocialCulturalAction',
  },
  SocialCulturalAction: actionLiveDataResolvers('social-cultural'),
  Country: {
    __resolveReference: (ref) => ({ countryCode: ref.code }),
    code: (c) => c.countryCode,
    socialCultural: (c) => c,
  },
  CountrySocialCultural: countryViewResolvers('social-cultural'),
};

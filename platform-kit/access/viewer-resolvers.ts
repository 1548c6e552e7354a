// Resolver for access.graphql's `viewer`, merged into every subgraph's resolvers
// by the subgraph server (it depends only on the context's principal).
import type { Principal } from './principal.js';

/** 'social-cultural' → 'SOCIAL_CULTURAL', the Pillar enum's spelling. */
const pillarEnum = (pillar: string) => pillar.toUpperCase().replace(/-/g, '_');

export const viewerResolvers = {
  Query: {
    viewer: (_parent: unknown, _args: unknown, ctx: { principal: Principal }) => ({
      id: ctx.principal.id,
      role: ctx.principal.role,
      pillar: ctx.principal.pillar ? pillarEnum(ctx.principal.pillar) : null,
      countryCode: ctx.principal.countryCode ?? null,
    }),
  },
};

// Who is calling: verified once at the gateway, passed to subgraphs in a
// signed internal header, read by every resolver that checks access.
import type { PillarSubgraphName } from './pillar-names.js';

export const roles = ['ANONYMOUS', 'THINK_TANK_READER', 'MINISTRY_EDITOR', 'SECRETARIAT_ADMIN'] as const;
export type Role = (typeof roles)[number];

export interface Principal {
  /** Stable id of the caller: an API key id, a JWT `sub`, or 'anonymous'. */
  id: string;
  role: Role;
  /** MINISTRY_EDITOR only: the one pillar subgraph it may write. */
  pillar?: PillarSubgraphName;
  /** MINISTRY_EDITOR only, optional: limits writes to records of this member country (ISO alpha-2). */
  countryCode?: string;
}

export const anonymousPrincipal: Principal = { id: 'anonymous', role: 'ANONYMOUS' };

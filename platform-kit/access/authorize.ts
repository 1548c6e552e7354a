// Authorization checks shared by every subgraph's resolvers. Each throws a
// GraphQLError (UNAUTHENTICATED or FORBIDDEN) naming who is needed, and never
// carries data; callers check before reading or writing anything. No HTTP
// status is set here: a non-2xx subgraph response would hide the error code
// behind the gateway's generic fetch error.
import { GraphQLError } from 'graphql';
import type { PillarSubgraphName } from './pillar-names.js';
import type { Principal, Role } from './principal.js';

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED' } });
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}

const describe = (p: Principal) =>
  `${p.role}${p.pillar ? ` of ${p.pillar}` : ''}${p.countryCode ? ` (${p.countryCode})` : ''} '${p.id}'`;

/** Throws UNAUTHENTICATED for the anonymous principal. */
export function requireAuthenticated(principal: Principal): void {
  if (principal.role === 'ANONYMOUS') {
    throw unauthenticated('Authentication required: send "Authorization: Bearer <jwt>" or "X-API-Key: <key>"');
  }
}

/** Throws UNAUTHENTICATED when anonymous, FORBIDDEN unless the principal has one of the roles. */
export function requireRole(principal: Principal, ...roles: Role[]): void {
  requireAuthenticated(principal);
  if (!roles.includes(principal.role)) {
    throw forbidden(`Forbidden: this requires role ${roles.join(' or ')}; caller is ${describe(principal)}`);
  }
}

/**
 * Writers of a pillar: its MINISTRY_EDITOR or any SECRETARIAT_ADMIN. The rule
 * for an editor limited to a country: it writes records that involve its
 * country, in every version (before and after the change). Here, for records
 * of one country (progress, organisations, observations): every code given,
 * before and after, must be the editor's. Multi-country records (projects,
 * meetings, programmes) apply the same rule per version through
 * audit/writable-kind.ts requireKindWriter. Without countryCodes only the
 * pillar is checked (a first check before the record is read).
 */
export function requirePillarWriter(principal: Principal, pillar: PillarSubgraphName, countryCodes: string[] = []): void {
  requireAuthenticated(principal);
  if (principal.role === 'SECRETARIAT_ADMIN') return;
  if (principal.role !== 'MINISTRY_EDITOR' || principal.pillar !== pillar) {
    throw forbidden(
      `Forbidden: writing ${pillar} data requires a MINISTRY_EDITOR of ${pillar} or a SECRETARIAT_ADMIN; caller is ${describe(principal)}`,
    );
  }
  const foreign = principal.countryCode ? countryCodes.filter((c) => c !== principal.countryCode) : [];
  if (foreign.length > 0) {
    throw forbidden(
      `Forbidden: editor '${principal.id}' may only write records of country ${principal.countryCode}; this record involves ${[...new Set(foreign)].join(', ')}`,
    );
  }
}

/** Unpublished records (drafts, archived, pending) are visible to the pillar's editors and admins only. */
export function canReadUnpublished(principal: Principal, pillar: PillarSubgraphName): boolean {
  return principal.role === 'SECRETARIAT_ADMIN' || (principal.role === 'MINISTRY_EDITOR' && principal.pillar === pillar);
}

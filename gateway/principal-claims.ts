// Turns what a credential asserts (JWT claims, an API key record, CLI options)
// into a Principal, with one set of rules: the role must be a real, signed-in
// role; a ministry editor names exactly one pillar and at most one member
// country; the other roles carry neither.
import { pillarSubgraphNames, type PillarSubgraphName } from '../platform-kit/access/pillar-names.js';
import { roles, type Principal, type Role } from '../platform-kit/access/principal.js';
import { memberCountries } from '../plan-data/index.js';

export const credentialRoles = roles.filter((r) => r !== 'ANONYMOUS');
const memberCodes = memberCountries.map((c) => c.code);

export interface PrincipalFields {
  id: unknown;
  role: unknown;
  pillar?: unknown;
  countryCode?: unknown;
}

/** The principal, or a message saying which field is wrong and what is expected. */
export function principalFrom(fields: PrincipalFields): Principal | { problem: string } {
  const { id, role, pillar, countryCode } = fields;
  if (typeof id !== 'string' || id.length === 0 || id.length > 200) return { problem: 'the subject id must be a non-empty string of at most 200 characters' };
  if (!(credentialRoles as unknown[]).includes(role)) return { problem: `role must be one of ${credentialRoles.join(', ')} (got ${JSON.stringify(role)})` };
  const principal: Principal = { id, role: role as Role };
  if (role !== 'MINISTRY_EDITOR') {
    if (pillar != null || countryCode != null) return { problem: `pillar and countryCode apply to MINISTRY_EDITOR only, not ${String(role)}` };
    return principal;
  }
  if (!(pillarSubgraphNames as readonly unknown[]).includes(pillar)) {
    return { problem: `a MINISTRY_EDITOR needs pillar, one of ${pillarSubgraphNames.join(', ')} (got ${JSON.stringify(pillar ?? null)})` };
  }
  principal.pillar = pillar as PillarSubgraphName;
  if (countryCode != null) {
    if (!memberCodes.includes(countryCode as string)) return { problem: `countryCode must be a member country, one of ${memberCodes.join(', ')} (got ${JSON.stringify(countryCode)})` };
    principal.countryCode = countryCode as string;
  }
  return principal;
}

// Test callers. The fixture starts the platform with this process's random
// JWT secret and signing secret, so tests can act as any principal: through
// the gateway with a JWT (authHeaders), or straight at a subgraph the way the
// gateway calls it (signedSubgraphHeaders).
import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { signPrincipal } from '../../platform-kit/access/internal-header.js';
import type { Principal } from '../../platform-kit/access/principal.js';

/** LMC_JWT_HS256_SECRET of test platforms. */
export const testJwtSecret = randomBytes(32).toString('base64url');
/** LMC_GATEWAY_SIGNING_SECRET of test platforms and directly started subgraphs. */
export const testSigningSecret = randomBytes(32).toString('base64url');

export const anonymous: Principal = { id: 'anonymous', role: 'ANONYMOUS' };
export const thinkTankReader: Principal = { id: 'test-think-tank', role: 'THINK_TANK_READER' };
export const secretariatAdmin: Principal = { id: 'test-secretariat', role: 'SECRETARIAT_ADMIN' };
export const editorOf = (pillar: NonNullable<Principal['pillar']>, countryCode?: string): Principal => ({
  id: `test-editor-${pillar}${countryCode ? `-${countryCode}` : ''}`,
  role: 'MINISTRY_EDITOR',
  pillar,
  ...(countryCode ? { countryCode } : {}),
});

/** An HS256 JWT for the principal (valid 10 minutes) signed with the test secret. */
export async function testJwt(principal: Principal, secret = testJwtSecret): Promise<string> {
  const { id, ...claims } = principal;
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(id)
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(secret));
}

/** Headers for a gateway request as this principal (none for the anonymous one). */
export async function authHeaders(principal: Principal): Promise<Record<string, string>> {
  if (principal.role === 'ANONYMOUS') return {};
  return { authorization: `Bearer ${await testJwt(principal)}` };
}

/** Headers the gateway would send a subgraph for this principal. */
export function signedSubgraphHeaders(principal: Principal = anonymous, signedAt = Date.now()): Record<string, string> {
  return signPrincipal(principal, testSigningSecret, signedAt);
}

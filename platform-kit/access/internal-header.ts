// The gateway → subgraph internal header: the verified principal plus a
// timestamp, HMAC-SHA256-signed with the secret the gateway and the subgraphs
// share (LMC_GATEWAY_SIGNING_SECRET). Subgraphs trust nothing else, so a
// caller that bypasses the gateway cannot reach them, and a signed header
// copied from the wire is only good for a few minutes.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { pillarSubgraphNames } from './pillar-names.js';
import { roles, type Principal } from './principal.js';

export const principalHeader = 'x-lmc-principal';
export const signatureHeader = 'x-lmc-signature';
export const signingSecretEnv = 'LMC_GATEWAY_SIGNING_SECRET';
/** How old a signed header may be; gateway and subgraphs run on one host or synced clocks. */
export const maxHeaderAgeMs = 5 * 60_000;
/** Clock skew tolerated for headers stamped slightly in the future. */
const maxClockSkewMs = 30_000;

interface SignedPayload {
  principal: Principal;
  /** Milliseconds since the epoch when the gateway signed it. */
  signedAt: number;
}

const hmac = (secret: string, value: string) => createHmac('sha256', secret).update(value).digest('base64url');

/** Headers the gateway adds to every subgraph request. */
export function signPrincipal(principal: Principal, secret: string, now = Date.now()): Record<string, string> {
  const payload: SignedPayload = { principal, signedAt: now };
  const value = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return { [principalHeader]: value, [signatureHeader]: hmac(secret, value) };
}

const rejected = (why: string) =>
  new GraphQLError(`Subgraphs only answer requests signed by the LMC gateway: ${why}`, {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
  });

const single = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The principal of a subgraph request; throws UNAUTHENTICATED unless the gateway signed it recently. */
export function verifySignedPrincipal(
  headers: Record<string, string | string[] | undefined>,
  secret: string,
  now = Date.now(),
): Principal {
  const value = single(headers[principalHeader]);
  const signature = single(headers[signatureHeader]);
  if (!value || !signature) throw rejected('the signed principal header is missing');
  const expected = Buffer.from(hmac(secret, value));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw rejected('the signature is invalid');
  let payload: SignedPayload;
  try {
    payload = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as SignedPayload;
  } catch {
    throw rejected('the principal header is not valid JSON');
  }
  const age = now - Number(payload?.signedAt);
  if (!Number.isFinite(age) || age > maxHeaderAgeMs || age < -maxClockSkewMs) {
    throw rejected(`the signature is stale (signed ${Math.round(age / 1000)} s ago, at most ${maxHeaderAgeMs / 1000} s allowed)`);
  }
  if (!isPrincipal(payload?.principal)) throw rejected('the principal is malformed');
  return payload.principal;
}

/** Shape check, so a bug in the gateway cannot hand resolvers a principal they misread. */
export function isPrincipal(p: unknown): p is Principal {
  if (typeof p !== 'object' || p === null) return false;
  const { id, role, pillar, countryCode } = p as Record<string, unknown>;
  return (
    typeof id === 'string' &&
    id.length > 0 &&
    (roles as readonly unknown[]).includes(role) &&
    (pillar === undefined || (pillarSubgraphNames as readonly unknown[]).includes(pillar)) &&
    (countryCode === undefined || (typeof countryCode === 'string' && /^[A-Z]{2}$/.test(countryCode)))
  );
}

/** The shared secret from env; services refuse to start without one rather than run unprotected. */
export function signingSecretFrom(env: NodeJS.ProcessEnv): string {
  const secret = env[signingSecretEnv];
  if (!secret || secret.length < 16) {
    throw new Error(`${signingSecretEnv} must be set (at least 16 characters) and shared by the gateway and every subgraph`);
  }
  return secret;
}

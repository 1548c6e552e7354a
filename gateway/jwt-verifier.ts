// Verifies client JWTs with jose: HS256 with a shared secret
// (LMC_JWT_HS256_SECRET) and/or RS256 with an issuer's public key
// (LMC_JWT_RS256_PUBLIC_KEY as PEM, or LMC_JWT_RS256_PUBLIC_KEY_FILE).
// Only the algorithms configured are accepted, so an HS256 token can never be
// checked against the RSA public key. Tokens must carry `sub`, `role` and `exp`.
import { readFileSync } from 'node:fs';
import { errors, importSPKI, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { Principal } from '../platform-kit/access/principal.js';
import { principalFrom } from './principal-claims.js';

export interface JwtSettings {
  hs256Secret?: string;
  rs256PublicKeyPem?: string;
  /** When set, tokens must carry this `iss` / `aud`. */
  issuer?: string;
  audience?: string;
}

export function jwtSettingsFrom(env: NodeJS.ProcessEnv): JwtSettings {
  const file = env.LMC_JWT_RS256_PUBLIC_KEY_FILE;
  // PEM in an env var often arrives with literal "\n" sequences.
  const pem = env.LMC_JWT_RS256_PUBLIC_KEY?.replace(/\\n/g, '\n') || (file ? readFileSync(file, 'utf8') : undefined);
  return {
    hs256Secret: env.LMC_JWT_HS256_SECRET || undefined,
    rs256PublicKeyPem: pem || undefined,
    issuer: env.LMC_JWT_ISSUER || undefined,
    audience: env.LMC_JWT_AUDIENCE || undefined,
  };
}

/** Thrown for any token the gateway does not accept; the message is safe to show the client. */
export class CredentialRejected extends Error {}

export type JwtVerifier = (token: string) => Promise<Principal>;

export async function createJwtVerifier(settings: JwtSettings): Promise<JwtVerifier> {
  if (settings.hs256Secret !== undefined && settings.hs256Secret.length < 32) {
    throw new Error('LMC_JWT_HS256_SECRET must be at least 32 characters (HS256 needs a 256-bit secret)');
  }
  const hsKey = settings.hs256Secret ? new TextEncoder().encode(settings.hs256Secret) : undefined;
  const rsKey = settings.rs256PublicKeyPem ? await importSPKI(settings.rs256PublicKeyPem, 'RS256') : undefined;
  const algorithms = [...(hsKey ? ['HS256'] : []), ...(rsKey ? ['RS256'] : [])];
  const keyFor: JWTVerifyGetKey = ({ alg }) => {
    if (alg === 'HS256' && hsKey) return hsKey;
    if (alg === 'RS256' && rsKey) return rsKey;
    throw new CredentialRejected(`JWT algorithm ${alg} is not accepted; this gateway accepts ${algorithms.join(', ')}`);
  };

  return async (token) => {
    if (algorithms.length === 0) {
      throw new CredentialRejected('JWT authentication is not configured on this gateway (set LMC_JWT_HS256_SECRET or LMC_JWT_RS256_PUBLIC_KEY); use an API key');
    }
    let payload;
    try {
      ({ payload } = await jwtVerify(token, keyFor, {
        algorithms,
        issuer: settings.issuer,
        audience: settings.audience,
        requiredClaims: ['sub', 'exp'],
        clockTolerance: 30,
      }));
    } catch (err) {
      throw new CredentialRejected(jwtProblem(err));
    }
    const principal = principalFrom({ id: payload.sub, role: payload.role, pillar: payload.pillar, countryCode: payload.countryCode });
    if ('problem' in principal) throw new CredentialRejected(`JWT claims are invalid: ${principal.problem}`);
    return principal;
  };
}

function jwtProblem(err: unknown): string {
  if (err instanceof CredentialRejected) return err.message;
  if (err instanceof errors.JWTExpired) return 'JWT has expired; get a new token';
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'JWT signature is invalid';
  if (err instanceof errors.JOSEAlgNotAllowed) return `JWT algorithm is not accepted: ${err.message}`;
  if (err instanceof errors.JWTClaimValidationFailed) return `JWT claim "${err.claim}" is invalid: ${err.message}`;
  if (err instanceof errors.JOSEError) return `JWT is invalid: ${err.message}`;
  return 'JWT is invalid';
}

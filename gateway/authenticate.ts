// Who is calling the gateway: `Authorization: Bearer <jwt>`, `X-API-Key: <key>`,
// or nobody (the anonymous principal, public data only). A credential that is
// present but not accepted is an error, never a silent fall-back to anonymous.
import type { IncomingHttpHeaders } from 'node:http';
import { GraphQLError } from 'graphql';
import { anonymousPrincipal, type Principal } from '../platform-kit/access/principal.js';
import type { ApiKeyVerifier } from './api-keys.js';
import { CredentialRejected, type JwtVerifier } from './jwt-verifier.js';

export type Authenticator = (headers: IncomingHttpHeaders) => Promise<Principal>;

const unauthenticated = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });

export function createAuthenticator(verifyJwt: JwtVerifier, verifyApiKey: ApiKeyVerifier): Authenticator {
  return async (headers) => {
    const authorization = headers.authorization?.trim();
    const rawApiKey = headers['x-api-key'];
    const apiKey = (Array.isArray(rawApiKey) ? rawApiKey[0] : rawApiKey)?.trim();
    if (authorization && apiKey) throw unauthenticated('Send either an Authorization header or an X-API-Key header, not both');
    try {
      if (authorization) {
        const bearer = /^Bearer\s+(\S+)$/i.exec(authorization);
        if (!bearer) throw new CredentialRejected('Authorization header must be "Bearer <jwt>"');
        return await verifyJwt(bearer[1]);
      }
      if (apiKey) return await verifyApiKey(apiKey);
    } catch (err) {
      if (err instanceof CredentialRejected) throw unauthenticated(err.message);
      // E.g. the access store is unreachable: say so without leaking driver details.
      console.error(`[gateway] credential check failed: ${(err as Error).message}`);
      throw new GraphQLError('Credentials could not be checked right now; try again', {
        extensions: { code: 'INTERNAL_SERVER_ERROR', http: { status: 503 } },
      });
    }
    return anonymousPrincipal;
  };
}

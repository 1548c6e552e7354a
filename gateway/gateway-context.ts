// The per-request context of the gateway: who is calling, the request id sent
// on to the subgraphs, and what the request did (for logs, metrics and
// response-cache invalidation).
import type { Principal } from '../platform-kit/access/principal.js';

export interface GatewayContext {
  principal: Principal;
  requestId: string;
  clientIp: string;
  /** Subgraphs this request read from / sent mutations to. */
  pillarsRead: Set<string>;
  pillarsWritten: Set<string>;
  /** Filled in while the request runs; read by the HTTP layer once it has answered. */
  outcome: RequestOutcome;
}

export interface RequestOutcome {
  operationName?: string;
  operationType?: string;
  /** Set when the response cache answered ('hit') or stored the response ('miss'). */
  cache?: 'hit' | 'miss' | 'uncacheable';
  errorCodes: string[];
}

export function newContext(requestId: string, clientIp: string, principal: Principal): GatewayContext {
  return { principal, requestId, clientIp, pillarsRead: new Set(), pillarsWritten: new Set(), outcome: { errorCodes: [] } };
}

// GET /export/<pillar>[/<collection>.<ndjson|csv>][?updatedSince=ISO]: bulk
// export for the think-tank network. The gateway authenticates the caller
// (THINK_TANK_READER or SECRETARIAT_ADMIN), applies the rate limit, and
// streams the owning subgraph's export (platform-kit/export/export-http.ts)
// through, signed like any subgraph request. GET /export lists the pillars.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { GraphQLError } from 'graphql';
import type { Agent } from 'undici';
import { requireRole } from '../platform-kit/access/authorize.js';
import { signPrincipal } from '../platform-kit/access/internal-header.js';
import type { Principal } from '../platform-kit/access/principal.js';
import { exportAsOfHeader, exportRoles, exportTotalHeader } from '../platform-kit/export/export-http.js';
import { graphqlError, sendJson } from '../platform-kit/http/graphql-over-node.js';
import { requestIdHeader, subgraphUnavailableCode } from './subgraph-data-source.js';

export interface ExportRouteOptions {
  agent: Agent;
  subgraphs: Array<{ name: string; url: string }>;
  signingSecret: string;
  /** The caller (throws GraphQLError UNAUTHENTICATED for bad credentials). */
  authenticate(req: IncomingMessage): Promise<Principal>;
  /** Throws GraphQLError RATE_LIMITED (with its Retry-After) when the caller is over its limit. */
  admitCaller?(req: IncomingMessage, principal: Principal): Promise<void>;
  /** Longest wait for the next bytes of an export (a CSV's first bytes come after a pass over the collection). */
  idleTimeoutMs?: number;
}

const statusOfCode: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, RATE_LIMITED: 429 };

export function exportRoute(options: ExportRouteOptions) {
  const byName = new Map(options.subgraphs.map((s) => [s.name, s.url]));
  const idleTimeoutMs = options.idleTimeoutMs ?? 120_000;

  return async (req: IncomingMessage, res: ServerResponse, url: URL, requestId: string): Promise<void> => {
    let principal: Principal;
    try {
      principal = await options.authenticate(req);
      requireRole(principal, ...exportRoles);
      await options.admitCaller?.(req, principal);
    } catch (err) {
      if (!(err instanceof GraphQLError)) throw err;
      const code = String(err.extensions?.code ?? 'UNAUTHENTICATED');
      const retryAfter = (err.extensions?.http as { headers?: Map<string, string> } | undefined)?.headers?.get('retry-after');
      return sendJson(res, statusOfCode[code] ?? 401, graphqlError(code, err.message), retryAfter ? { 'retry-after': retryAfter } : {});
    }
    if (req.method !== 'GET') return sendJson(res, 405, graphqlError('METHOD_NOT_ALLOWED', 'Exports are read with GET'), { allow: 'GET' });
    const [, , pillar, ...rest] = url.pathname.split('/');
    if (!pillar) {
      return sendJson(res, 200, { pillars: [...byName.keys()].map((name) => ({ name, href: `/export/${name}` })) });
    }
    const target = byName.get(pillar);
    if (!target) {
      return sendJson(res, 404, graphqlError('NOT_FOUND', `No pillar ${pillar}: one of ${[...byName.keys()].join(', ')}`, { field: 'pillar' }));
    }
    const upstream = new URL(`export${rest.length ? `/${rest.join('/')}` : ''}${url.search}`, target);
    const aborted = new AbortController();
    res.once('close', () => aborted.abort());
    let answer;
    try {
      answer = await options.agent.request({
        origin: upstream.origin,
        path: upstream.pathname + upstream.search,
        method: 'GET',
        headers: { [requestIdHeader]: requestId, ...signPrincipal(principal, options.signingSecret) },
        headersTimeout: idleTimeoutMs,
        bodyTimeout: idleTimeoutMs,
        signal: aborted.signal,
      });
    } catch (err) {
      const why = (err as { code?: string; message: string }).code ?? (err as Error).message;
      return sendJson(res, 502, graphqlError(subgraphUnavailableCode, `Subgraph "${pillar}" is unavailable: ${why}`, { serviceName: pillar }));
    }
    const passed = ['content-type', 'content-disposition', 'x-lmc-export-schema-version', exportAsOfHeader, exportTotalHeader, 'cache-control'];
    res.writeHead(
      answer.statusCode,
      Object.fromEntries(passed.flatMap((h) => (answer.headers[h] ? [[h, String(answer.headers[h])]] : []))),
    );
    try {
      await pipeline(answer.body, res);
    } catch {
      // The subgraph or the client broke off: the client sees an incomplete body, never a silently short file.
      res.destroy();
    }
  };
}

// The gateway's HTTP front: CORS, a request id, body size limit, the
// operational routes (/healthz, /readyz, /metrics) and, for everything else,
// Apollo Server's GraphQL-over-HTTP handling. No framework: node:http is all
// this needs, and it keeps the hot path short.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { answerWithApollo, BodyTooLarge, graphqlError, parsedBody, readBody, sendJson } from '../platform-kit/http/graphql-over-node.js';
import type { GatewayContext } from './gateway-context.js';
import { requestIdHeader } from './subgraph-data-source.js';

export interface OperationalRoutes {
  readiness(): Promise<{ ready: boolean }>;
  metrics(): Promise<{ contentType: string; body: string }>;
}

/** Refuses a GraphQL request before Apollo sees it (safelist mode), or lets it through (undefined). */
export type Admission = (request: { method: string; search: string; body: unknown }) => { status: number; code: string; message: string } | undefined;

export interface HandlerOptions {
  apollo: ApolloServer<GatewayContext>;
  maxBodyBytes: number;
  corsOrigins: string[];
  routes: OperationalRoutes;
  /** Builds the request's context (authentication, rate limit); throws GraphQLErrors Apollo turns into responses. */
  context(req: IncomingMessage, requestId: string): Promise<GatewayContext>;
  admit?: Admission;
  /** GET /export/…: bulk export for think tanks (export-route.ts). */
  exportRoute?(req: IncomingMessage, res: ServerResponse, url: URL, requestId: string): Promise<void>;
  /** Called once per answered GraphQL request. */
  onAnswered?(info: { requestId: string; status: number; seconds: number; context?: GatewayContext; method: string; path: string }): void;
}

const corsAllowedHeaders = 'content-type, authorization, x-api-key, apollo-require-preflight, x-apollo-operation-name, x-request-id';
const validRequestId = /^[\w.:-]{1,128}$/;

export function createRequestHandler(options: HandlerOptions) {
  const { apollo, routes, maxBodyBytes } = options;
  const anyOrigin = options.corsOrigins.includes('*');
  const allowedOrigins = new Set(options.corsOrigins);

  /** CORS headers for an allowed Origin; false for a cross-origin request from elsewhere. */
  function cors(req: IncomingMessage, res: ServerResponse): boolean {
    const origin = req.headers.origin;
    if (!origin) return true;
    // Same origin (the dashboard and explorer the gateway serves): browsers send Origin on every POST.
    if (origin === `http://${req.headers.host}` || origin === `https://${req.headers.host}`) return true;
    res.setHeader('vary', 'Origin');
    if (!anyOrigin && !allowedOrigins.has(origin)) return false;
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('access-control-allow-credentials', 'true');
    res.setHeader('access-control-expose-headers', 'x-request-id, retry-after');
    return true;
  }

  async function graphql(req: IncomingMessage, res: ServerResponse, requestId: string, url: URL, started: number) {
    let context: GatewayContext | undefined;
    const answered = (status: number) =>
      options.onAnswered?.({ requestId, status, seconds: (performance.now() - started) / 1000, context, method: req.method ?? '', path: url.pathname });
    let body: unknown;
    if (req.method === 'POST') {
      let text: string;
      try {
        text = await readBody(req, maxBodyBytes);
      } catch (err) {
        if (!(err instanceof BodyTooLarge)) throw err;
        // The rest of the body is not read: close the connection after answering.
        sendJson(res, 413, graphqlError('PAYLOAD_TOO_LARGE', `Request body is larger than ${maxBodyBytes} bytes`), { connection: 'close' });
        answered(413);
        return;
      }
      const parsed = parsedBody(req, text);
      if (!parsed.ok) {
        sendJson(res, 400, graphqlError('BAD_REQUEST', 'Request body is not valid JSON'));
        answered(400);
        return;
      }
      body = parsed.body;
    }
    const refused = options.admit?.({ method: req.method ?? 'GET', search: url.search, body });
    if (refused) {
      sendJson(res, refused.status, graphqlError(refused.code, refused.message));
      answered(refused.status);
      return;
    }
    const status = await answerWithApollo(apollo, req, res, {
      search: url.search,
      body,
      context: async () => (context = await options.context(req, requestId)),
    });
    answered(status);
  }

  return (req: IncomingMessage, res: ServerResponse): void => {
    const started = performance.now();
    const offered = req.headers[requestIdHeader];
    const requestId = typeof offered === 'string' && validRequestId.test(offered) ? offered : randomUUID();
    res.setHeader(requestIdHeader, requestId);
    const url = new URL(req.url ?? '/', 'http://gateway');
    const corsAllowed = cors(req, res);
    if (req.method === 'OPTIONS') {
      if (!corsAllowed) return sendJson(res, 403, graphqlError('CORS_ORIGIN_NOT_ALLOWED', 'This origin may not call the gateway'));
      res.writeHead(204, {
        'access-control-allow-methods': 'GET, POST, OPTIONS',
        'access-control-allow-headers': corsAllowedHeaders,
        'access-control-max-age': '600',
      });
      res.end();
      return;
    }
    const run = async () => {
      if (req.method === 'GET' && url.pathname === '/healthz') return sendJson(res, 200, { status: 'ok' });
      if (req.method === 'GET' && url.pathname === '/readyz') {
        const readiness = await routes.readiness();
        return sendJson(res, readiness.ready ? 200 : 503, readiness);
      }
      if (req.method === 'GET' && url.pathname === '/metrics') {
        const { contentType, body } = await routes.metrics();
        res.writeHead(200, { 'content-type': contentType });
        res.end(body);
        return;
      }
      if (!corsAllowed) return sendJson(res, 403, graphqlError('CORS_ORIGIN_NOT_ALLOWED', 'This origin may not call the gateway'));
      if (options.exportRoute && (url.pathname === '/export' || url.pathname.startsWith('/export/'))) return options.exportRoute(req, res, url, requestId);
      if (req.method !== 'GET' && req.method !== 'POST') {
        return sendJson(res, 405, graphqlError('METHOD_NOT_ALLOWED', 'Use GET or POST'), { allow: 'GET, POST' });
      }
      await graphql(req, res, requestId, url, started);
    };
    run().catch((err: Error) => {
      // Apollo answers its own errors; reaching here is a bug or a broken connection.
      console.error(`[gateway] request ${requestId} failed: ${err.stack ?? err.message}`);
      if (!res.headersSent) sendJson(res, 500, graphqlError('INTERNAL_SERVER_ERROR', 'Internal server error'));
      else res.destroy();
    });
  };
}

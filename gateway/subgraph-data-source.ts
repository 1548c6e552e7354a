// How the gateway calls a subgraph: over a keep-alive connection pool
// (undici), with a deadline per request, the caller's principal signed into
// the internal header and the request id passed on. A subgraph that is down,
// hangs or answers garbage becomes one GraphQL error naming it, so the rest of
// the response still arrives. Queries that failed to connect are retried a
// bounded number of times; mutations never are (they may have been applied).
// With tracing on, the W3C traceparent header goes along too.
import { STATUS_CODES } from 'node:http';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { Agent } from 'undici';
import { principalHeader, signatureHeader, signPrincipal } from '../platform-kit/access/internal-header.js';
import { anonymousPrincipal } from '../platform-kit/access/principal.js';
import type { SubgraphFetchSettings } from './gateway-config.js';
import type { GatewayContext } from './gateway-context.js';
import { injectTraceContext } from './tracing.js';

export const requestIdHeader = 'x-request-id';
export const subgraphUnavailableCode = 'SUBGRAPH_UNAVAILABLE';

export interface SubgraphFetchObserver {
  (subgraph: string, seconds: number, outcome: 'ok' | 'error'): void;
}

type Fetcher = RemoteGraphQLDataSource['fetcher'];

interface RawResponse {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** Who the signed principal header names, without its timestamp (requests for the same caller may share a fetch). */
function principalOf(headers: Record<string, string> | undefined): string | undefined {
  const value = headers?.[principalHeader];
  if (!value) return undefined;
  try {
    return JSON.stringify(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')).principal);
  } catch {
    return undefined;
  }
}

/**
 * A fetch()-shaped function over an undici pool (undici's request() is much
 * lighter than fetch()). Identical query fetches in flight at the same time
 * for the same caller share one subgraph request (each caller still parses
 * its own copy); mutations are always sent on their own.
 */
export function pooledFetcher(agent: Agent, timeoutMs: number, deduplicate = true): Fetcher {
  const inFlight = new Map<string, Promise<RawResponse>>();
  const send = async (target: URL, init: { method?: string; headers?: Record<string, string>; body?: string }): Promise<RawResponse> => {
    const { statusCode, headers, body } = await agent.request({
      origin: target.origin,
      path: target.pathname + target.search,
      method: (init.method ?? 'POST') as 'POST',
      headers: init.headers,
      body: init.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { statusCode, headers, text: await body.text() };
  };
  return (async (url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) => {
    const target = new URL(url);
    // The gateway serialises { query, variables, … } with the query first.
    const isQuery = typeof init.body === 'string' && !init.body.startsWith('{"query":"mutation');
    const principal = deduplicate && isQuery ? principalOf(init.headers) : undefined;
    let raw: RawResponse;
    if (principal === undefined) {
      raw = await send(target, init);
    } else {
      const key = `${url}\n${principal}\n${init.body}`;
      let shared = inFlight.get(key);
      if (!shared) {
        shared = send(target, init).finally(() => inFlight.delete(key));
        inFlight.set(key, shared);
      }
      raw = await shared;
    }
    const { statusCode, headers, text } = raw;
    const responseHeaders = new Headers();
    for (const [name, value] of Object.entries(headers)) {
      for (const v of Array.isArray(value) ? value : [value ?? '']) responseHeaders.append(name, v);
    }
    const response = {
      ok: statusCode >= 200 && statusCode < 300,
      status: statusCode,
      statusText: STATUS_CODES[statusCode] ?? '',
      url,
      redirected: false,
      bodyUsed: false,
      headers: responseHeaders,
      text: async () => text,
      json: async () => JSON.parse(text),
      arrayBuffer: async () => new TextEncoder().encode(text).buffer,
      clone: () => response,
    };
    return response;
  }) as unknown as Fetcher;
}

export function subgraphAgent(settings: SubgraphFetchSettings): Agent {
  return new Agent({
    connections: settings.connections,
    keepAliveTimeout: 30_000,
    headersTimeout: settings.timeoutMs,
    bodyTimeout: settings.timeoutMs,
    connect: { timeout: Math.min(settings.timeoutMs, 5000) },
  });
}

const connectionErrorCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'ENOTFOUND', 'EAI_AGAIN']);
const retryableStatuses = new Set([502, 503, 504]);
const timeoutCodes = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

function errorCode(err: unknown): string | undefined {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code ?? e?.cause?.code;
}

class SubgraphFailure extends GraphQLError {
  constructor(subgraph: string, why: string, readonly retryable: boolean) {
    super(`Subgraph "${subgraph}" is unavailable: ${why}`, { extensions: { code: subgraphUnavailableCode, serviceName: subgraph } });
  }
}

/** The caller's input failed a check only the subgraph can make (e.g. a custom scalar's format). */
class SubgraphInputError extends GraphQLError {}

/**
 * A subgraph's HTTP 400 whose errors are all BAD_USER_INPUT (variable coercion,
 * e.g. `recordedAt: "yesterday"` for a DateTime) is about the caller's input, not
 * an outage: passed on as BAD_USER_INPUT naming the offending field.
 */
async function invalidInputOf(subgraph: string, response: { json(): Promise<unknown> }): Promise<GraphQLError | undefined> {
  let errors: unknown;
  try {
    errors = ((await response.json()) as { errors?: unknown })?.errors;
  } catch {
    return undefined;
  }
  if (!Array.isArray(errors) || errors.length === 0) return undefined;
  // Bad variables (BAD_USER_INPUT) and bad literals of the subgraph's own scalars, e.g. a DateTime
  // (the gateway cannot check those: its supergraph scalars accept anything).
  const badValue = (e: { message?: unknown; extensions?: { code?: unknown } }) =>
    typeof e?.message === 'string' &&
    (e.extensions?.code === 'BAD_USER_INPUT' || (e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' && /^(Expected value of type|DateTime must be)/.test(e.message)));
  if (!errors.every(badValue)) return undefined;
  const message = (errors[0].message as string).slice(0, 500);
  // graphql-js: Variable "$input" got invalid value "x" at "input.provenance.recordedAt"; …
  const field = message.match(/^Variable "\$[^"]+" got invalid value .*? at "([^"]+)"/)?.[1] ?? message.match(/^Variable "\$([^"]+)"/)?.[1];
  return new SubgraphInputError(message, { extensions: { code: 'BAD_USER_INPUT', serviceName: subgraph, ...(field ? { field } : {}) } });
}

export interface SubgraphDataSourceOptions {
  name: string;
  url: string;
  fetcher: Fetcher;
  settings: SubgraphFetchSettings;
  signingSecret: string;
  onFetch?: SubgraphFetchObserver;
}

export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly options: SubgraphDataSourceOptions;

  constructor(options: SubgraphDataSourceOptions) {
    super({ url: options.url, fetcher: options.fetcher, honorSubgraphCacheControlHeader: false });
    this.options = options;
  }

  // Subgraph requests are built fresh (client headers are not forwarded);
  // deleting first still guarantees no client copy of these headers survives.
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http!.headers;
    headers.delete(principalHeader);
    headers.delete(signatureHeader);
    const signed = signPrincipal(context?.principal ?? anonymousPrincipal, this.options.signingSecret);
    for (const [header, value] of Object.entries(signed)) headers.set(header, value);
    if (context?.requestId) headers.set(requestIdHeader, context.requestId);
    injectTraceContext((name, value) => headers.set(name, value));
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const { name, settings, onFetch } = this.options;
    const isMutation = /^\s*mutation\b/.test(options.request.query ?? '');
    if (isMutation) options.context?.pillarsWritten?.add(name);
    else options.context?.pillarsRead?.add(name);
    for (let attempt = 0; ; attempt++) {
      const started = performance.now();
      try {
        const response = await super.process(options);
        onFetch?.(name, (performance.now() - started) / 1000, 'ok');
        return response;
      } catch (err) {
        onFetch?.(name, (performance.now() - started) / 1000, 'error');
        const retry = !isMutation && attempt < settings.retries && err instanceof SubgraphFailure && err.retryable;
        if (!retry) throw err;
        await new Promise((r) => setTimeout(r, 25 * 2 ** attempt));
      }
    }
  }

  override didEncounterError(error: Error): void {
    if (error instanceof SubgraphFailure || error instanceof SubgraphInputError) throw error;
    const { name, settings } = this.options;
    const code = errorCode(error);
    if (error.name === 'TimeoutError' || error.name === 'AbortError' || timeoutCodes.has(code ?? '')) {
      throw new SubgraphFailure(name, `it did not answer within ${settings.timeoutMs} ms`, false);
    }
    if (connectionErrorCodes.has(code ?? '')) throw new SubgraphFailure(name, `it cannot be reached (${code})`, true);
    // E.g. a body that is not JSON: say so, without the body.
    throw new SubgraphFailure(name, 'it sent a response the gateway could not read', false);
  }

  override async errorFromResponse(response: { status: number; json(): Promise<unknown> }): Promise<GraphQLError> {
    if (response.status === 400) {
      const invalid = await invalidInputOf(this.options.name, response);
      if (invalid) return invalid;
    }
    // The subgraph's body is not passed on: it may hold details meant for operators.
    return new SubgraphFailure(this.options.name, `it answered HTTP ${response.status}`, retryableStatuses.has(response.status));
  }
}

// What clients may see of an error: its message, locations, path and the
// extensions code, field and serviceName. Stack traces, downstream response
// bodies, exception details and "Did you mean …?" suggestions never leave the
// gateway; messages of unexpected errors (ours or a subgraph's) are replaced,
// and the originals are logged with the request id (gateway-server.ts).
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';

const keptExtensions = ['code', 'field', 'serviceName'] as const;
const unexpectedCodes = new Set([undefined, 'INTERNAL_SERVER_ERROR', 'DOWNSTREAM_SERVICE_ERROR']);
/** graphql-js appends suggestions to validation and coercion messages. */
const suggestion = /\s*Did you mean [^?]*\?/g;

/** Errors the gateway throws on purpose (authentication, rate limits) keep their messages. */
const thrownOnPurpose = (error: unknown, formatted: GraphQLFormattedError) =>
  error instanceof GraphQLError && !error.originalError && formatted.extensions?.serviceName === undefined;

export function maskError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code as string | undefined;
  const serviceName = formatted.extensions?.serviceName as string | undefined;
  const extensions: Record<string, unknown> = {};
  for (const key of keptExtensions) if (formatted.extensions?.[key] !== undefined) extensions[key] = formatted.extensions[key];
  const unexpected = unexpectedCodes.has(code) && !thrownOnPurpose(error, formatted);
  const message = unexpected
    ? `Internal server error${serviceName ? ` in subgraph "${serviceName}"` : ''}`
    : formatted.message.replace(suggestion, '');
  if (unexpected) extensions.code = 'INTERNAL_SERVER_ERROR';
  return {
    message,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    ...(Object.keys(extensions).length ? { extensions } : {}),
  };
}

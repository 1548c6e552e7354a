// GraphQL over plain node:http for the gateway and the subgraphs: a body
// reader with a size limit, JSON answers in the GraphQL error shape, and
// Apollo Server's request execution written to a node response. No framework:
// both servers also answer non-GraphQL routes (health, export) on the same port.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';

export class BodyTooLarge extends Error {}

/** The request body as text; rejects with BodyTooLarge past maxBytes (declared or streamed). */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (declared > maxBytes) return Promise.reject(new BodyTooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.removeAllListeners('data');
        req.pause();
        reject(new BodyTooLarge());
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** A response body in the GraphQL error shape. */
export const graphqlError = (code: string, message: string, extensions: Record<string, unknown> = {}) => ({
  errors: [{ message, extensions: { code, ...extensions } }],
});

/** The parsed body of a POST: JSON for application/json, else the text (Apollo then answers what it accepts). */
export function parsedBody(req: IncomingMessage, text: string): { ok: true; body: unknown } | { ok: false } {
  const contentType = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(contentType) || text.length === 0) return { ok: true, body: text };
  try {
    return { ok: true, body: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Runs one GraphQL request through Apollo Server and writes its answer; returns the HTTP status. */
export async function answerWithApollo<C extends BaseContext>(
  apollo: ApolloServer<C>,
  req: IncomingMessage,
  res: ServerResponse,
  request: { search: string; body: unknown; context: () => Promise<C> },
): Promise<number> {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const response = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: request.search, body: request.body },
    context: request.context,
  });
  const status = response.status ?? 200;
  for (const [name, value] of response.headers) res.setHeader(name, value);
  res.statusCode = status;
  if (response.body.kind === 'complete') res.end(response.body.string);
  else {
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }
  return status;
}

// Minimal GraphQL-over-HTTP client for tests: the real gateway, over the wire.
export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }>;
}

/** Extra request headers, e.g. from identities.ts authHeaders() or signedSubgraphHeaders(). */
export type RequestHeaders = Record<string, string>;

export async function graphql<T = any>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: RequestHeaders = {},
): Promise<GraphQLResponse<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  try {
    return JSON.parse(text) as GraphQLResponse<T>;
  } catch {
    throw new Error(`non-JSON response (${res.status}): ${text.slice(0, 300)}`);
  }
}

/** Like graphql() but fails the test on any GraphQL error. */
export async function graphqlData<T = any>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: RequestHeaders = {},
): Promise<T> {
  const body = await graphql<T>(url, query, variables, headers);
  if (body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data as T;
}

// The dashboard's only way to the data: typed operations POSTed as JSON to the
// gateway it is served from (a JSON body passes the gateway's CSRF prevention).
// GraphQL partial data is kept: the answer says which subgraphs did not answer.
import type { TypedDocumentString } from './gql/graphql';

export interface Answer<T> {
  /** What the gateway could answer (null when nothing could). */
  data: T | null;
  /** Subgraphs named by errors (extensions.serviceName or 'Subgraph "x"' in the message). */
  missingSubgraphs: string[];
  /** Messages of the other errors. */
  otherErrors: string[];
}

interface GraphQLErrorBody {
  message: string;
  extensions?: { code?: string; serviceName?: string };
}

const subgraphInMessage = /Subgraph "([\w-]+)"/;

export function subgraphsNamedBy(errors: GraphQLErrorBody[]): { missingSubgraphs: string[]; otherErrors: string[] } {
  const missing = new Set<string>();
  const other: string[] = [];
  for (const error of errors) {
    const named = error.extensions?.serviceName ?? error.message.match(subgraphInMessage)?.[1];
    if (named && error.extensions?.code !== 'BAD_USER_INPUT') missing.add(named);
    else other.push(error.message);
  }
  return { missingSubgraphs: [...missing].sort(), otherErrors: other };
}

export async function request<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  endpoint = '/',
): Promise<Answer<TResult>> {
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: document.toString(), variables }),
    });
  } catch (err) {
    return { data: null, missingSubgraphs: [], otherErrors: [`gateway unreachable: ${(err as Error).message}`] };
  }
  let body: { data?: TResult | null; errors?: GraphQLErrorBody[] };
  try {
    body = await response.json();
  } catch {
    return { data: null, missingSubgraphs: [], otherErrors: [`HTTP ${response.status} without a GraphQL answer`] };
  }
  return { data: body.data ?? null, ...subgraphsNamedBy(body.errors ?? []) };
}

// Readiness probe for the gateway: the operation `query LmcHealthCheck {
// __typename }` (signed like every request) is answered by pinging this
// subgraph's store, so the gateway's /readyz covers stores as well as
// processes. Any other operation is untouched.
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { Connection } from 'mongoose';

export const healthCheckOperation = 'LmcHealthCheck';

export function storeHealthPlugin(connection: Connection, timeoutMs = 2000): ApolloServerPlugin {
  const ping = () =>
    Promise.race([
      connection.db!.admin().ping(),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref()),
    ]);
  return {
    async requestDidStart() {
      return {
        async responseForOperation({ operationName }) {
          if (operationName !== healthCheckOperation) return null;
          try {
            await ping();
            return { http: { status: 200, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data: { __typename: 'Query' } } } };
          } catch (err) {
            const error = new GraphQLError(`store unreachable: ${(err as Error).message}`, { extensions: { code: 'STORE_UNAVAILABLE' } });
            return { http: { status: 200, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { errors: [error.toJSON()] } } };
          }
        },
      };
    },
  };
}

// The Apollo gateway: loads the statically composed supergraph and calls each
// subgraph at the URL configured for it, with a timeout on every fetch.
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

export interface GatewayOptions {
  supergraphSdl: string;
  /** Subgraph name → URL; names not listed keep the URL composed into the supergraph. */
  subgraphUrls: Record<string, string | undefined>;
  port: number;
  host?: string;
  subgraphTimeoutMs?: number;
}

export async function startGateway(options: GatewayOptions): Promise<{ url: string; stop(): Promise<void> }> {
  const timeoutMs = options.subgraphTimeoutMs ?? 10_000;
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) =>
      new RemoteGraphQLDataSource({
        url: options.subgraphUrls[name] ?? url,
        // The default fetcher waits forever on a hung subgraph.
        fetcher: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) } as RequestInit) as never,
      }),
  });
  const server = new ApolloServer({ gateway });
  const { url } = await startStandaloneServer(server, { listen: { port: options.port, host: options.host ?? '127.0.0.1' } });
  return { url, stop: () => server.stop() };
}

// The response cache: whole query results, keyed by the query, operation
// name, variables and what the caller may see. PUBLIC responses are shared by
// callers of the same visibility (role, and pillar and country for ministry
// editors); PRIVATE ones only by the same principal. Entries live for the
// policy's max age (cache-hints.ts) and are dropped as soon as a mutation
// through the gateway reaches a pillar they read (response-cache-store.ts).
// Writes that bypass the gateway show after at most the max age.
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import { subgraphs, subgraphSdl } from '../subgraphs/registry.js';
import { cacheHintsFromSdl, cachePolicyOf, type CacheHints, type CachePolicy } from './cache-hints.js';
import type { GatewayContext } from './gateway-context.js';
import type { CacheSettings } from './gateway-config.js';
import type { GatewayMetrics } from './gateway-metrics.js';
import { sha256 } from './persisted-queries.js';
import type { ResponseCacheStore } from './response-cache-store.js';

export const cacheHeader = 'x-lmc-cache';

export interface ResponseCacheOptions {
  store: ResponseCacheStore;
  settings: CacheSettings;
  metrics?: GatewayMetrics;
  hints?: CacheHints;
}

const visibilityOf = (context: GatewayContext, policy: CachePolicy) => {
  const { principal } = context;
  if (policy.scope === 'PRIVATE') return `principal:${principal.id}`;
  return `role:${principal.role}:${principal.pillar ?? ''}:${principal.countryCode ?? ''}`;
};

const pillarNames: string[] = subgraphs.map((s) => s.name);

export function responseCachePlugin({ store, settings, metrics, hints }: ResponseCacheOptions): ApolloServerPlugin<GatewayContext> {
  const cacheHints = hints ?? cacheHintsFromSdl(subgraphs.map(subgraphSdl));
  // Policies are static per query text and schema; bounded so odd clients cannot grow it.
  const policies = new Map<string, CachePolicy>();
  let policySchema: GraphQLSchema | undefined;
  const policyFor = (schema: GraphQLSchema, queryHash: string, document: Parameters<typeof cachePolicyOf>[1]) => {
    if (schema !== policySchema) {
      policies.clear();
      policySchema = schema;
    }
    let policy = policies.get(queryHash);
    if (!policy) {
      policy = cachePolicyOf(schema, document, cacheHints, settings.defaultMaxAgeSeconds);
      if (policies.size >= 10_000) policies.delete(policies.keys().next().value!);
      policies.set(queryHash, policy);
    }
    return policy;
  };

  return {
    async requestDidStart() {
      let key: string | undefined;
      let maxAge = 0;
      let generationsBefore: number[] = [];
      return {
        async responseForOperation({ operation, schema, document, queryHash, request, contextValue }) {
          if (operation?.operation !== 'query') return null;
          const policy = policyFor(schema, queryHash ?? '', document);
          if (policy.maxAge <= 0) {
            contextValue.outcome.cache = 'uncacheable';
            return null;
          }
          key = sha256(JSON.stringify([queryHash, request.operationName ?? null, request.variables ?? {}, visibilityOf(contextValue, policy)]));
          maxAge = policy.maxAge;
          const [cached, current] = await Promise.all([store.get(key), store.generations(pillarNames)]);
          generationsBefore = current;
          const fresh = cached && Object.entries(cached.generations).every(([pillar, gen]) => gen === current[pillarNames.indexOf(pillar)]);
          metrics?.cacheLookup(fresh ? 'hit' : 'miss');
          contextValue.outcome.cache = fresh ? 'hit' : 'miss';
          if (!fresh) return null;
          key = undefined;
          return {
            http: { status: 200, headers: new HeaderMap([[cacheHeader, 'hit']]) },
            body: { kind: 'single', singleResult: JSON.parse(cached.result) },
          };
        },
        async willSendResponse({ response, contextValue }) {
          const written = [...(contextValue?.pillarsWritten ?? [])];
          // Even a failed mutation may have written part of its work: drop the pillar's entries.
          if (written.length) await store.invalidate(written);
          if (!key || response.body.kind !== 'single') return;
          response.http.headers.set(cacheHeader, 'miss');
          const result = response.body.singleResult;
          if (result.errors?.length || result.data === undefined) return;
          const generations: Record<string, number> = {};
          for (const pillar of contextValue.pillarsRead) generations[pillar] = generationsBefore[pillarNames.indexOf(pillar)];
          await store.set(key, { result: JSON.stringify({ data: result.data }), generations }, maxAge);
        },
      };
    },
  };
}

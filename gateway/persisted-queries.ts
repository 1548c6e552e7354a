// Persisted operations. Automatic persisted queries (APQ) are Apollo Server's:
// a client sends the SHA-256 of its query and the query only when the gateway
// does not know it yet. Their store is this process's memory or Redis.
// Safelist mode (LMC_SAFELIST=<manifest>) runs only the operations of a
// manifest made by `npm run safelist` from examples/*.graphql: requests are
// admitted by the hash of their query (or a persistedQuery hash) before
// Apollo parses anything, and manifest operations can be sent by hash alone.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { PersistedQueryOptions } from '@apollo/server';
import { parse, print } from 'graphql';
import type { Redis } from 'ioredis';
import type { Admission } from './http-handler.js';

export type QueryStore = NonNullable<PersistedQueryOptions['cache']>;

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A bounded in-memory store (least recently used out first). */
export function memoryQueryStore(maxEntries = 10_000): QueryStore {
  const entries = new Map<string, { value: string; until: number }>();
  return {
    async get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      entries.delete(key);
      if (entry.until < Date.now()) return undefined;
      entries.set(key, entry);
      return entry.value;
    },
    async set(key, value, options) {
      entries.delete(key);
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(key, { value, until: options?.ttl ? Date.now() + options.ttl * 1000 : Infinity });
    },
    async delete(key) {
      return entries.delete(key);
    },
  };
}

/** The store in Redis under `prefix`; Redis errors are misses (the client then sends the query). */
export function redisQueryStore(redis: Redis, prefix: string, onError: (err: Error) => void): QueryStore {
  return {
    async get(key) {
      return (await redis.get(prefix + key).catch((err) => void onError(err))) ?? undefined;
    },
    async set(key, value, options) {
      const write = options?.ttl ? redis.set(prefix + key, value, 'EX', options.ttl) : redis.set(prefix + key, value);
      await write.catch((err) => onError(err));
    },
    async delete(key) {
      return (await redis.del(prefix + key).catch((err) => void onError(err))) === 1;
    },
  };
}

// The manifest format of Apollo's persisted query lists, so existing tools can read it.
export interface SafelistManifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: Array<{ id: string; name: string; type: 'query' | 'mutation' | 'subscription'; body: string }>;
}

export interface Safelist {
  /** Operation hash → query text. */
  operations: Map<string, string>;
}

export function loadSafelist(path: string): Safelist {
  let manifest: SafelistManifest;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`LMC_SAFELIST ${path} cannot be read: ${(err as Error).message}`);
  }
  if (manifest.format !== 'apollo-persisted-query-manifest' || !Array.isArray(manifest.operations)) {
    throw new Error(`LMC_SAFELIST ${path} is not an operation manifest (run "npm run safelist")`);
  }
  const operations = new Map<string, string>();
  for (const op of manifest.operations) {
    if (sha256(op.body) !== op.id) throw new Error(`LMC_SAFELIST ${path}: operation ${op.name} has id ${op.id}, but its body hashes differently`);
    operations.set(op.id, op.body);
  }
  return { operations };
}

/** Apollo Server prefixes the keys it passes to the APQ store. */
const apqKeyPrefix = 'apq:';

/** Manifest operations first, then the APQ store: hash-only requests for listed operations always work. */
export function withSafelist(safelist: Safelist, store: QueryStore): QueryStore {
  return {
    get: async (key) => safelist.operations.get(key.startsWith(apqKeyPrefix) ? key.slice(apqKeyPrefix.length) : key) ?? store.get(key),
    set: (key, value, options) => store.set(key, value, options),
    delete: (key) => store.delete(key),
  };
}

/** Hash of a query as sent, or of its printed form (whitespace and comments normalised). */
function listedQuery(safelist: Safelist, query: string): boolean {
  if (safelist.operations.has(sha256(query))) return true;
  try {
    return safelist.operations.has(sha256(print(parse(query))));
  } catch {
    return false;
  }
}

interface OperationRequest {
  query?: unknown;
  extensions?: { persistedQuery?: { sha256Hash?: unknown } };
}

export function safelistAdmission(safelist: Safelist): Admission {
  const refuse = (message: string) => ({ status: 400, code: 'PERSISTED_QUERY_NOT_IN_LIST', message });
  const check = (op: OperationRequest) => {
    if (typeof op?.query === 'string') {
      return listedQuery(safelist, op.query) ? undefined : refuse('This gateway only runs registered operations, and this one is not registered');
    }
    const hash = op?.extensions?.persistedQuery?.sha256Hash;
    if (typeof hash === 'string' && safelist.operations.has(hash)) return undefined;
    return refuse('This gateway only runs registered operations: send a registered query or its sha256Hash');
  };
  return ({ method, search, body }) => {
    if (method === 'GET') {
      const params = new URLSearchParams(search);
      let extensions: OperationRequest['extensions'];
      try {
        extensions = JSON.parse(params.get('extensions') ?? 'null') ?? undefined;
      } catch {
        extensions = undefined;
      }
      return check({ query: params.get('query') ?? undefined, extensions });
    }
    if (Array.isArray(body)) {
      for (const op of body) {
        const refused = check(op as OperationRequest);
        if (refused) return refused;
      }
      return undefined;
    }
    if (body && typeof body === 'object') return check(body as OperationRequest);
    return undefined; // not JSON: Apollo refuses it (CSRF / content type)
  };
}

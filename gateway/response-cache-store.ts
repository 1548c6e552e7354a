// Where cached responses live: this worker's memory, or Redis (shared by all
// workers and gateway instances). Invalidation is by generation: each pillar
// has a counter that a write through the gateway increments; an entry
// remembers the generations of the pillars it read, as they were before it was
// computed, and is stale once any of them moved on.
import type { Redis } from 'ioredis';

export interface CachedResponse {
  /** The serialised GraphQL result. */
  result: string;
  /** Pillar → its generation when the response was computed. */
  generations: Record<string, number>;
}

export interface ResponseCacheStore {
  get(key: string): Promise<CachedResponse | undefined>;
  set(key: string, entry: CachedResponse, ttlSeconds: number): Promise<void>;
  generations(pillars: string[]): Promise<number[]>;
  /** Drops (logically) every entry that read any of these pillars. */
  invalidate(pillars: string[]): Promise<void>;
}

export function memoryCacheStore(maxEntries: number): ResponseCacheStore {
  const entries = new Map<string, { entry: CachedResponse; until: number }>();
  const generations = new Map<string, number>();
  return {
    async get(key) {
      const found = entries.get(key);
      if (!found) return undefined;
      if (found.until <= Date.now()) {
        entries.delete(key);
        return undefined;
      }
      return found.entry;
    },
    async set(key, entry, ttlSeconds) {
      entries.delete(key);
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(key, { entry, until: Date.now() + ttlSeconds * 1000 });
    },
    async generations(pillars) {
      return pillars.map((p) => generations.get(p) ?? 0);
    },
    async invalidate(pillars) {
      for (const p of pillars) generations.set(p, (generations.get(p) ?? 0) + 1);
    },
  };
}

const entryKey = (key: string) => `lmc:cache:entry:${key}`;
const generationKey = (pillar: string) => `lmc:cache:generation:${pillar}`;

/** Redis errors are misses (and lost writes); the gateway keeps answering from the subgraphs. */
export function redisCacheStore(redis: Redis, onError: (err: Error) => void): ResponseCacheStore {
  return {
    async get(key) {
      try {
        const raw = await redis.get(entryKey(key));
        return raw ? (JSON.parse(raw) as CachedResponse) : undefined;
      } catch (err) {
        onError(err as Error);
        return undefined;
      }
    },
    async set(key, entry, ttlSeconds) {
      await redis.set(entryKey(key), JSON.stringify(entry), 'EX', ttlSeconds).catch(onError);
    },
    async generations(pillars) {
      if (pillars.length === 0) return [];
      try {
        return (await redis.mget(pillars.map(generationKey))).map((g) => Number(g ?? 0));
      } catch (err) {
        onError(err as Error);
        // Unknown generations: NaN never equals a stored one, so nothing stale is served.
        return pillars.map(() => NaN);
      }
    },
    async invalidate(pillars) {
      if (pillars.length === 0) return;
      const multi = redis.multi();
      for (const p of pillars) multi.incr(generationKey(p));
      await multi.exec().catch(onError);
    },
  };
}

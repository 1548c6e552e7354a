// The one Redis connection a gateway worker shares between rate limits, the
// response cache and persisted queries (REDIS_URL). Commands fail fast while
// Redis is away instead of queueing: callers fall back (rate limits let the
// request through, the cache misses) and log it, so Redis trouble slows the
// gateway down but never takes it down.
import { Redis } from 'ioredis';

export async function connectRedis(url: string, connectTimeoutMs = 5000): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: connectTimeoutMs,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    // Keep trying to come back after an outage, at most once a second.
    retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
  });
  // Without a listener ioredis prints every reconnect error; outages are reported by the callers.
  redis.on('error', () => {});
  try {
    await redis.connect();
  } catch (err) {
    redis.disconnect();
    throw new Error(`Redis at ${url.replace(/\/\/[^@]*@/, '//***@')} is not reachable: ${(err as Error).message}`);
  }
  return redis;
}

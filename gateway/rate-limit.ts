// Fixed-window rate limits per caller: an API key or JWT subject by principal
// id, anonymous callers by IP. Counters live in this process, or in Redis when
// configured so every worker and gateway instance counts together.
import type { Redis } from 'ioredis';
import type { Principal } from '../platform-kit/access/principal.js';
import type { RateLimitSettings } from './gateway-config.js';

export interface RateDecision {
  allowed: boolean;
  /** Whole seconds until the caller's window resets (for Retry-After). */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  check(callerKey: string): Promise<RateDecision>;
}

export const callerKey = (principal: Principal, clientIp: string) =>
  principal.role === 'ANONYMOUS' ? `ip:${clientIp}` : `principal:${principal.id}`;

const decision = (count: number, limit: number, msLeft: number): RateDecision => ({
  allowed: count <= limit,
  retryAfterSeconds: Math.max(1, Math.ceil(msLeft / 1000)),
});

export function memoryRateLimiter({ limit, windowMs }: RateLimitSettings, maxCallers = 100_000): RateLimiter {
  const windows = new Map<string, { count: number; resetAt: number }>();
  return {
    async check(key) {
      const now = Date.now();
      let window = windows.get(key);
      if (!window || window.resetAt <= now) {
        if (!window && windows.size >= maxCallers) {
          // Expired windows first; if all are live, the oldest caller's count is forgotten.
          for (const [k, w] of windows) if (w.resetAt <= now) windows.delete(k);
          if (windows.size >= maxCallers) windows.delete(windows.keys().next().value!);
        }
        window = { count: 0, resetAt: now + windowMs };
        windows.set(key, window);
      }
      window.count++;
      return decision(window.count, limit, window.resetAt - now);
    },
  };
}

// INCR and set the expiry on the first hit of a window, atomically.
const countScript = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {count, redis.call('PTTL', KEYS[1])}`;

export function redisRateLimiter(redis: Redis, { limit, windowMs }: RateLimitSettings, onError: (err: Error) => void): RateLimiter {
  return {
    async check(key) {
      try {
        const [count, ttl] = (await redis.eval(countScript, 1, `lmc:rate:${key}`, windowMs)) as [number, number];
        return decision(count, limit, ttl > 0 ? ttl : windowMs);
      } catch (err) {
        // Fail open: a Redis outage must not lock every client out.
        onError(err as Error);
        return { allowed: true, retryAfterSeconds: 0 };
      }
    },
  };
}

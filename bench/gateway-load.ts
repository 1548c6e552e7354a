// A duration-based closed-loop load driver for the gateway comparison: a fixed
// number of workers send requests back to back for a warm-up period and then
// for the measured period, every target with the same driver. Requests go
// over undici pools (one keep-alive connection per worker), lighter on the
// client than fetch, which matters when client and servers share two cores.
import { Pool } from 'undici';

export interface LoadSettings {
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
}

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;

/** One request: resolves true when the answer is a success (HTTP 200, no GraphQL errors). */
export type Send = () => Promise<boolean>;

export async function runLoad(send: Send, settings: LoadSettings): Promise<LoadResult> {
  const loop = async (seconds: number, record: (ms: number, ok: boolean) => void) => {
    const until = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: settings.connections }, async () => {
        while (performance.now() < until) {
          const started = performance.now();
          const ok = await send().catch(() => false);
          record(performance.now() - started, ok);
        }
      }),
    );
  };
  await loop(settings.warmupSeconds, () => {});
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  await loop(settings.durationSeconds, (ms, ok) => {
    latencies.push(ms);
    if (!ok) errors++;
  });
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, errors, seconds, rps: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/** Sends one fixed GraphQL POST body to a URL over a pool. */
export function graphqlPoster(pool: Pool, url: string, body: string, headers: Record<string, string> = {}): Send {
  const { pathname, search } = new URL(url);
  return async () => {
    const res = await pool.request({
      path: pathname + search,
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    const text = await res.body.text();
    return res.statusCode === 200 && !text.includes('"errors"');
  };
}

export const poolFor = (url: string, connections: number) => new Pool(new URL(url).origin, { connections, pipelining: 1 });

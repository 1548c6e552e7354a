// A tiny closed-loop load driver: `concurrency` workers send the same GraphQL
// request back to back; latencies of every request after warm-up are kept.
export interface LoadResult {
  /** Every measured latency (ms), ascending; for merging interleaved rounds. */
  latencies: number[];
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
}

export const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;

export async function runLoad(options: {
  url: string;
  body: string;
  requests: number;
  warmup: number;
  concurrency: number;
}): Promise<LoadResult> {
  const send = async () => {
    const started = performance.now();
    const res = await fetch(options.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: options.body });
    const json = (await res.json()) as { errors?: unknown[] };
    return { ms: performance.now() - started, ok: res.ok && !json.errors?.length };
  };
  for (let i = 0; i < options.warmup; i++) await send();
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (next++ < options.requests) {
        const r = await send();
        latencies.push(r.ms);
        if (!r.ok) errors++;
      }
    }),
  );
  return summarise(latencies, errors, (performance.now() - started) / 1000);
}

/** Percentiles and rate of a set of latencies (several rounds may be merged first). */
export function summarise(measured: number[], errors: number, seconds: number): LoadResult {
  const latencies = [...measured].sort((a, b) => a - b);
  return {
    latencies,
    requests: latencies.length,
    errors,
    seconds,
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
  };
}

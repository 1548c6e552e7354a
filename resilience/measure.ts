// What the scenarios measure with: timed HTTP requests, closed-loop load,
// process memory and open sockets (from /proc), and the result every scenario
// returns (its figures and the failures it saw).
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

export interface ScenarioResult {
  name: string;
  /** What was measured, printed as one line and written to the JSON report. */
  figures: Record<string, number | string>;
  /** Lost writes, crashes, unexpected errors: any entry fails the run. */
  failures: string[];
}

export interface Timed<T = any> {
  status: number;
  body: { data?: T; errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }> };
  text: string;
  ms: number;
  /** Set when no HTTP answer came at all (connection refused or reset). */
  networkError?: string;
}

/** One POST; never throws: a failed connection is a result too. */
export async function timedPost(url: string, body: string | object, headers: Record<string, string> = {}, timeoutMs = 30_000): Promise<Timed> {
  const started = performance.now();
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' || body instanceof Uint8Array ? (body as string) : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let parsed: Timed['body'] = {};
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON: callers look at status and text.
    }
    return { status: res.status, body: parsed, text, ms: performance.now() - started };
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
    return { status: 0, body: {}, text: '', ms: performance.now() - started, networkError: String(cause) };
  }
}

/** True when the gateway answers GET /healthz. */
export async function healthy(gatewayUrl: string): Promise<boolean> {
  try {
    const res = await fetch(new URL('/healthz', gatewayUrl), { signal: AbortSignal.timeout(5000) });
    return res.status === 200;
  } catch {
    return false;
  }
}

/**
 * Closed-loop load: `workers` loops each send a request as soon as the previous
 * one answered, until stop() is called. `onResult` sees every answer.
 */
export function closedLoop(workers: number, request: (worker: number, i: number) => Promise<void>) {
  let running = true;
  const loops = Array.from({ length: workers }, async (_, worker) => {
    for (let i = 0; running; i++) await request(worker, i);
  });
  return {
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resident memory of a process in MB (VmRSS from /proc), or NaN when it is gone. */
export function rssMb(pid: number): number {
  try {
    const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+)\s+kB/m);
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Inodes of the TCP sockets a process holds open (its file descriptors that are sockets). */
function socketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = readlinkSync(`/proc/${pid}/fd/${fd}`).match(/^socket:\[(\d+)\]$/);
      if (m) inodes.add(m[1]);
    } catch {
      // Closed while listing.
    }
  }
  return inodes;
}

/** Established TCP connections from a process to a port (from /proc/<pid>/net/tcp and its socket fds). */
export function connectionsTo(pid: number, port: number): number {
  const inodes = socketInodes(pid);
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  let count = 0;
  for (const table of ['tcp', 'tcp6']) {
    let text = '';
    try {
      text = readFileSync(`/proc/${pid}/net/${table}`, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10) continue;
      const remotePort = cols[2].split(':')[1];
      // State 01 is ESTABLISHED.
      if (remotePort === hexPort && cols[3] === '01' && inodes.has(cols[9])) count++;
    }
  }
  return count;
}

export const percentile = (values: number[], p: number) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

export const round = (n: number, digits = 0) => (Number.isFinite(n) ? Number(n.toFixed(digits)) : n);

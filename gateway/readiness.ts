// Readiness: every subgraph answers the signed health-check operation, which
// it answers by pinging its own store (platform-kit/store-health.ts). Results
// are kept for a second so a busy /readyz does not turn into a probe storm.
import { signPrincipal } from '../platform-kit/access/internal-header.js';
import { anonymousPrincipal } from '../platform-kit/access/principal.js';
import { healthCheckOperation } from '../platform-kit/store-health.js';
import type { Agent } from 'undici';

export interface SubgraphReadiness {
  name: string;
  url: string;
  ready: boolean;
  /** 'ok', or why not, e.g. "cannot be reached (ECONNREFUSED)" or "store unreachable: …". */
  detail: string;
}

export interface Readiness {
  ready: boolean;
  subgraphs: SubgraphReadiness[];
}

/** The request id of readiness probes in subgraph logs. */
export const readinessRequestId = 'readiness-probe';
const probeBody = JSON.stringify({ query: `query ${healthCheckOperation} { __typename }`, operationName: healthCheckOperation });

async function probe(agent: Agent, name: string, url: string, signingSecret: string, timeoutMs: number): Promise<SubgraphReadiness> {
  const target = new URL(url);
  try {
    const { statusCode, body } = await agent.request({
      origin: target.origin,
      path: target.pathname + target.search,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': readinessRequestId, ...signPrincipal(anonymousPrincipal, signingSecret) },
      body: probeBody,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await body.text();
    if (statusCode !== 200) return { name, url, ready: false, detail: `answered HTTP ${statusCode}` };
    const parsed = JSON.parse(text) as { errors?: Array<{ message: string }> };
    if (parsed.errors?.length) return { name, url, ready: false, detail: parsed.errors[0].message };
    return { name, url, ready: true, detail: 'ok' };
  } catch (err) {
    const e = err as { name?: string; code?: string; message: string };
    if (e.name === 'TimeoutError') return { name, url, ready: false, detail: `no answer within ${timeoutMs} ms` };
    return { name, url, ready: false, detail: `cannot be reached (${e.code ?? e.message})` };
  }
}

export function readinessChecker(
  agent: Agent,
  subgraphs: Array<{ name: string; url: string }>,
  signingSecret: string,
  { timeoutMs = 2000, reuseMs = 1000 } = {},
): () => Promise<Readiness> {
  let last: { at: number; result: Promise<Readiness> } | undefined;
  return () => {
    if (last && Date.now() - last.at < reuseMs) return last.result;
    const result = Promise.all(subgraphs.map((s) => probe(agent, s.name, s.url, signingSecret, timeoutMs))).then((checked) => ({
      ready: checked.every((s) => s.ready),
      subgraphs: checked,
    }));
    last = { at: Date.now(), result };
    return result;
  };
}

// The "direct path" of the gateway comparison: the subgraph requests our
// gateway makes for a query, recorded once through small forwarding proxies,
// then replayed straight at the subgraphs with the query plan's order
// (sequence / parallel). It is what any gateway must at least do for that
// query, minus planning, merging and its own HTTP hop.
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { QueryPlanner, type PlanNode } from '@apollo/query-planner';
import { parse } from 'graphql';
import type { Pool } from 'undici';
import { signPrincipal } from '../platform-kit/access/internal-header.js';
import { anonymousPrincipal } from '../platform-kit/access/principal.js';
import type { Send } from './gateway-load.js';

export interface RecordedFetch {
  subgraph: string;
  /** The JSON body the gateway sent (query, variables with representations, operationName). */
  body: string;
}

export interface RecordingProxies {
  urls: Record<string, string>;
  fetches: RecordedFetch[];
  close(): void;
}

/** One forwarding proxy per subgraph that keeps a copy of every request body. */
export async function startRecordingProxies(subgraphUrls: Record<string, string>): Promise<RecordingProxies> {
  const fetches: RecordedFetch[] = [];
  const servers: Server[] = [];
  const urls: Record<string, string> = {};
  for (const [subgraph, url] of Object.entries(subgraphUrls)) {
    const target = new URL(url);
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        if (!body.includes('LmcHealthCheck')) fetches.push({ subgraph, body: body.toString('utf8') });
        const upstream = httpRequest(
          { host: target.hostname, port: target.port, path: target.pathname, method: req.method, headers: req.headers },
          (up) => {
            res.writeHead(up.statusCode ?? 502, up.headers);
            up.pipe(res);
          },
        );
        upstream.end(body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    urls[subgraph] = `http://127.0.0.1:${(server.address() as AddressInfo).port}${target.pathname}`;
  }
  return { urls, fetches, close: () => servers.forEach((s) => s.close()) };
}

type Step = { kind: 'fetch'; subgraph: string; body: string } | { kind: 'sequence' | 'parallel'; steps: Step[] };

function stepsFrom(node: PlanNode, recorded: RecordedFetch[]): Step {
  switch (node.kind) {
    case 'Fetch': {
      const at = recorded.findIndex((r) => r.subgraph === node.serviceName && JSON.parse(r.body).query === node.operation);
      if (at < 0) throw new Error(`no recorded ${node.serviceName} request for plan fetch ${node.operation.slice(0, 80)}`);
      const [fetch] = recorded.splice(at, 1);
      return { kind: 'fetch', subgraph: fetch.subgraph, body: fetch.body };
    }
    case 'Flatten':
      return stepsFrom(node.node, recorded);
    case 'Sequence':
      return { kind: 'sequence', steps: node.nodes.map((n) => stepsFrom(n, recorded)) };
    case 'Parallel':
      return { kind: 'parallel', steps: node.nodes.map((n) => stepsFrom(n, recorded)) };
    default:
      throw new Error(`plan node ${node.kind} is not replayed`);
  }
}

/** The query plan of an operation, with each fetch bound to the recorded request that carried it. */
export function replayPlan(supergraphSdl: string, query: string, operationName: string | undefined, recorded: RecordedFetch[]): Step {
  const supergraph = Supergraph.build(supergraphSdl);
  const operation = operationFromDocument(supergraph.apiSchema(), parse(query), { operationName });
  const plan = new QueryPlanner(supergraph).buildQueryPlan(operation);
  if (!plan.node) throw new Error('empty query plan');
  if (plan.node.kind === 'Subscription') throw new Error('subscriptions are not replayed');
  return stepsFrom(plan.node, [...recorded]);
}

export function directSender(step: Step, pools: Record<string, Pool>, paths: Record<string, string>, signingSecret: string): Send {
  const run = async (s: Step): Promise<boolean> => {
    if (s.kind === 'fetch') {
      const res = await pools[s.subgraph].request({
        path: paths[s.subgraph],
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signPrincipal(anonymousPrincipal, signingSecret) },
        body: s.body,
      });
      const text = await res.body.text();
      return res.statusCode === 200 && !text.includes('"errors"');
    }
    if (s.kind === 'sequence') {
      let ok = true;
      for (const inner of s.steps) ok = (await run(inner)) && ok;
      return ok;
    }
    return (await Promise.all(s.steps.map(run))).every(Boolean);
  };
  return () => run(step);
}

export function countFetches(step: Step): number {
  return step.kind === 'fetch' ? 1 : step.steps.reduce((n, s) => n + countFetches(s), 0);
}

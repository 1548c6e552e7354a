// Prometheus metrics of one gateway worker (prom-client), served on /metrics.
// Operation names come from clients, so only a bounded number of distinct
// names get their own label value; the rest are counted as "other".
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'lmc_gateway_requests_total',
    help: 'GraphQL requests by operation name and outcome (success, partial, error, rejected)',
    labelNames: ['operation', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'lmc_gateway_request_duration_seconds',
    help: 'Time from request received to response sent, by operation name',
    labelNames: ['operation'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly subgraphLatency = new Histogram({
    name: 'lmc_gateway_subgraph_fetch_duration_seconds',
    help: 'Gateway → subgraph fetch time by subgraph and outcome',
    labelNames: ['subgraph', 'outcome'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly subgraphErrors = new Counter({
    name: 'lmc_gateway_subgraph_fetch_errors_total',
    help: 'Failed gateway → subgraph fetches (connection, timeout, HTTP error) by subgraph',
    labelNames: ['subgraph'] as const,
    registers: [this.registry],
  });
  private readonly cacheLookups = new Counter({
    name: 'lmc_gateway_response_cache_lookups_total',
    help: 'Response cache lookups by result (hit, miss); hit ratio = hit / (hit + miss)',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });
  private readonly rateLimited = new Counter({
    name: 'lmc_gateway_rate_limit_rejections_total',
    help: 'Requests refused with 429 by caller kind (ip for anonymous callers, principal otherwise)',
    labelNames: ['caller'] as const,
    registers: [this.registry],
  });
  private readonly knownOperations = new Set<string>();

  constructor(private readonly maxOperationLabels = 200) {
    collectDefaultMetrics({ register: this.registry });
  }

  private operationLabel(name: string | undefined): string {
    if (!name) return 'anonymous';
    if (this.knownOperations.has(name)) return name;
    if (!/^[_A-Za-z][_0-9A-Za-z]{0,63}$/.test(name) || this.knownOperations.size >= this.maxOperationLabels) return 'other';
    this.knownOperations.add(name);
    return name;
  }

  request(operationName: string | undefined, outcome: string, seconds: number): void {
    const operation = this.operationLabel(operationName);
    this.requests.inc({ operation, outcome });
    this.latency.observe({ operation }, seconds);
  }

  subgraphFetch(subgraph: string, seconds: number, outcome: 'ok' | 'error'): void {
    this.subgraphLatency.observe({ subgraph, outcome }, seconds);
    if (outcome === 'error') this.subgraphErrors.inc({ subgraph });
  }

  cacheLookup(result: 'hit' | 'miss'): void {
    this.cacheLookups.inc({ result });
  }

  rateLimitRejection(caller: 'ip' | 'principal'): void {
    this.rateLimited.inc({ caller });
  }
}

// Traffic features, each on its own gateway process in front of one set of
// subgraphs: rate limits (429 + Retry-After, recovery), automatic persisted
// queries, safelist mode, the response cache (visibility, pillar
// invalidation, TTLs), metrics and logs, and a cluster of workers sharing
// limits and cache through Redis; OpenTelemetry export.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../gateway/persisted-queries.js';
import { buildSafelist, dashboardSources, fileSources } from '../../gateway/safelist-cli.js';
import type { Principal } from '../../platform-kit/access/principal.js';
import { repoRoot } from '../../subgraphs/registry.js';
import { authHeaders, secretariatAdmin } from '../support/identities.js';
import { startTestPlatform, type PlatformFixture } from '../support/platform-fixture.js';
import { metricValue, post, startExtraGateway, type ExtraGateway } from './gateway-process.js';

let platform: PlatformFixture;
const gateways: ExtraGateway[] = [];
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  for (const g of gateways) await g.dispose();
  await platform?.dispose();
});

async function gatewayWith(env: NodeJS.ProcessEnv) {
  const gateway = await startExtraGateway(platform, env);
  gateways.push(gateway);
  return gateway;
}

const reader = (id: string): Principal => ({ id, role: 'THINK_TANK_READER' });
const dashboardQuery = readFileSync(join(repoRoot, 'examples', 'dashboard.graphql'), 'utf8');
const dashboardVariables = { year: 2020, from: '2020-01-01T00:00:00.000Z', to: '2021-01-01T00:00:00.000Z' };
const countriesQuery = '{ countries { code name { en } } }';

describe('rate limits (in memory)', () => {
  let gateway: ExtraGateway;
  beforeAll(async () => {
    gateway = await gatewayWith({ LMC_RATE_LIMIT: '5', LMC_RATE_LIMIT_WINDOW_MS: '2000' });
  });

  it('answers 429 with Retry-After once a caller is over its limit, counts callers apart, and recovers', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await post(gateway.url, { query: countriesQuery })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const limited = await post(gateway.url, { query: countriesQuery });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(2);
    expect(limited.body.data).toBeUndefined();
    expect(limited.body.errors![0]).toMatchObject({ extensions: { code: 'RATE_LIMITED' } });

    // An authenticated caller has its own budget, whatever its IP.
    const asReader = await post(gateway.url, { query: countriesQuery }, await authHeaders(reader('rate-limited-reader')));
    expect(asReader.status).toBe(200);
    expect(await metricValue(gateway.url, 'lmc_gateway_rate_limit_rejections_total', { caller: 'ip' })).toBeGreaterThanOrEqual(1);

    await new Promise((r) => setTimeout(r, Number(limited.headers.get('retry-after')) * 1000 + 100));
    expect((await post(gateway.url, { query: countriesQuery })).status).toBe(200);
  });
});

describe('automatic persisted queries', () => {
  it('registers a query by hash and then runs it from the hash alone', async () => {
    const query = `query Apq_${randomUUID().replace(/-/g, '')} { countries { code } }`;
    const persistedQuery = { version: 1, sha256Hash: sha256(query) };
    const unknown = await post(platform.gatewayUrl, { extensions: { persistedQuery } });
    expect(unknown.body.errors![0]).toMatchObject({ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } });
    const registered = await post(platform.gatewayUrl, { query, extensions: { persistedQuery } });
    expect(registered.body.data.countries).toHaveLength(6);
    const byHash = await post(platform.gatewayUrl, { extensions: { persistedQuery } });
    expect(byHash.body.errors).toBeUndefined();
    expect(byHash.body.data.countries).toHaveLength(6);
    const mismatch = await post(platform.gatewayUrl, { query: '{ countries { name { en } } }', extensions: { persistedQuery } });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.errors![0].message).toMatch(/provided sha does not match query/);
  });
});

describe('safelist mode', () => {
  let gateway: ExtraGateway;
  let manifestPath: string;
  beforeAll(async () => {
    manifestPath = join(mkdtempSync(join(tmpdir(), 'lmc-safelist-')), 'safelist.json');
    writeFileSync(manifestPath, JSON.stringify(buildSafelist([...fileSources([join(repoRoot, 'examples', 'dashboard.graphql')]), ...(await dashboardSources())])));
    gateway = await gatewayWith({ LMC_SAFELIST: manifestPath });
  });

  it('runs registered operations, sent as text or by hash alone', async () => {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    const dashboard = manifest.operations.find((o: { name: string }) => o.name === 'Dashboard');
    expect(dashboard).toBeDefined();
    const asText = await post(gateway.url, { query: dashboardQuery, variables: dashboardVariables });
    expect(asText.body.errors).toBeUndefined();
    expect(asText.body.data.countries).toHaveLength(6);
    const byHash = await post(gateway.url, { variables: dashboardVariables, extensions: { persistedQuery: { version: 1, sha256Hash: dashboard.id } } });
    expect(byHash.body.errors).toBeUndefined();
    expect(byHash.body.data.plan.actions).toHaveLength(94);
  });

  it("runs the dashboard page's own operations as its typed client sends them", async () => {
    const sources = await dashboardSources();
    expect(sources.length).toBeGreaterThan(5);
    const outline = sources.find((s) => s.label.endsWith('DashboardOutlineDocument'))!;
    const res = await post(gateway.url, { query: outline.text });
    expect(res.body.errors?.map((e) => e.extensions?.code) ?? []).not.toContain('PERSISTED_QUERY_NOT_IN_LIST');
    expect(res.body.data).toBeDefined();
  });

  it('refuses any other operation before it reaches a subgraph', async () => {
    const fetchesBefore = await metricValue(gateway.url, 'lmc_gateway_subgraph_fetch_duration_seconds_count');
    for (const payload of [
      { query: countriesQuery },
      { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(countriesQuery) } } },
      { query: countriesQuery, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(countriesQuery) } } },
    ]) {
      const res = await post(gateway.url, payload);
      expect(res.status).toBe(400);
      expect(res.body.data).toBeUndefined();
      expect(res.body.errors![0].extensions?.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
    }
    expect(await metricValue(gateway.url, 'lmc_gateway_subgraph_fetch_duration_seconds_count')).toBe(fetchesBefore);
  });
});

const cacheState = (res: { headers: Headers }) => res.headers.get('x-lmc-cache');

describe('response cache (in memory)', () => {
  let gateway: ExtraGateway;
  const defaultMaxAge = 2;
  beforeAll(async () => {
    gateway = await gatewayWith({ LMC_RESPONSE_CACHE: 'on', LMC_CACHE_DEFAULT_MAX_AGE: String(defaultMaxAge) });
  });

  it('answers a repeated query from the cache, separately for each visibility', async () => {
    const first = await post(gateway.url, { query: countriesQuery });
    expect(cacheState(first)).toBe('miss');
    const second = await post(gateway.url, { query: countriesQuery });
    expect(cacheState(second)).toBe('hit');
    expect(second.body).toEqual(first.body);
    // A signed-in caller may see more than the public: its answer is cached apart.
    const asReader = await post(gateway.url, { query: countriesQuery }, await authHeaders(reader('cache-reader')));
    expect(cacheState(asReader)).toBe('miss');
    const asOtherReader = await post(gateway.url, { query: countriesQuery }, await authHeaders(reader('cache-reader-2')));
    expect(cacheState(asOtherReader)).toBe('hit');
    // Different variables are different entries.
    const q = 'query($n: Int!) { planAction(number: $n) { number text { en } } }';
    expect(cacheState(await post(gateway.url, { query: q, variables: { n: 47 } }))).toBe('miss');
    expect(cacheState(await post(gateway.url, { query: q, variables: { n: 48 } }))).toBe('miss');
    expect(cacheState(await post(gateway.url, { query: q, variables: { n: 47 } }))).toBe('hit');
    expect(await metricValue(gateway.url, 'lmc_gateway_response_cache_lookups_total', { result: 'hit' })).toBeGreaterThanOrEqual(3);
  });

  it('never caches what depends on the caller alone', async () => {
    const headers = await authHeaders(reader('viewer-reader'));
    const res = await post(gateway.url, { query: '{ viewer { id } countries { code } }' }, headers);
    expect(res.body.data.viewer.id).toBe('viewer-reader');
    expect(cacheState(res)).toBeNull();
    expect(cacheState(await post(gateway.url, { query: '{ viewer { id } countries { code } }' }, headers))).toBeNull();
  });

  it('drops the entries of a pillar when a mutation through the gateway writes to it, and only those', async () => {
    const admin = await authHeaders(secretariatAdmin);
    const id = `org-cache-${randomUUID()}`;
    const input = (en: string) => ({
      name: { en, zh: '合成数据 机构' },
      type: 'MINISTRY',
      countryCode: 'LA',
      provenance: { source: 'synthetic', licence: 'CC0-1.0', recordedAt: '2026-01-01T00:00:00.000Z', synthetic: true },
    });
    const create = await post(
      gateway.url,
      { query: 'mutation($id: ID, $input: OrganisationInput!) { createPoliticalSecurityOrganisation(id: $id, input: $input) { id } }', variables: { id, input: input('Synthetic before') } },
      admin,
    );
    expect(create.body.errors).toBeUndefined();
    const read = { query: 'query($id: ID!) { politicalSecurityOrganisation(id: $id) { id name { en } } }', variables: { id } };
    const economyOnly = { query: '{ projects(first: 1) { totalCount } }' };
    expect(cacheState(await post(gateway.url, read, admin))).toBe('miss');
    expect(cacheState(await post(gateway.url, economyOnly, admin))).toBe('miss');
    expect(cacheState(await post(gateway.url, read, admin))).toBe('hit');

    const update = await post(
      gateway.url,
      { query: 'mutation($id: ID!, $input: OrganisationInput!) { updatePoliticalSecurityOrganisation(id: $id, input: $input) { id } }', variables: { id, input: input('Synthetic after') } },
      admin,
    );
    expect(update.body.errors).toBeUndefined();
    const afterWrite = await post(gateway.url, read, admin);
    expect(cacheState(afterWrite)).toBe('miss');
    expect(afterWrite.body.data.politicalSecurityOrganisation.name.en).toBe('Synthetic after');
    // The economy entry did not read political-security: still served.
    expect(cacheState(await post(gateway.url, economyOnly, admin))).toBe('hit');
  });

  it('keeps short-lived data for the default max age and the plan outline for its hinted hour', async () => {
    const live = { query: '{ countries { code politicalSecurity { meetingCount } } }' };
    const outline = { query: '{ plan { title { en } chapters { code } } }' };
    expect(cacheState(await post(gateway.url, live))).toBe('miss');
    expect(cacheState(await post(gateway.url, outline))).toBe('miss');
    expect(cacheState(await post(gateway.url, live))).toBe('hit');
    await new Promise((r) => setTimeout(r, defaultMaxAge * 1000 + 300));
    expect(cacheState(await post(gateway.url, live))).toBe('miss');
    expect(cacheState(await post(gateway.url, outline))).toBe('hit');
  });
});

describe('metrics and logs', () => {
  it('counts requests by operation and outcome, with latency, and logs each request as JSON with its id', async () => {
    const gateway = await gatewayWith({});
    await post(gateway.url, { query: dashboardQuery, variables: dashboardVariables }, { 'x-request-id': 'metrics-dashboard-1' });
    await post(gateway.url, { query: '{ countrie { code } }' });
    expect(await metricValue(gateway.url, 'lmc_gateway_requests_total', { operation: 'Dashboard', outcome: 'success' })).toBe(1);
    expect(await metricValue(gateway.url, 'lmc_gateway_requests_total', { outcome: 'rejected' })).toBe(1);
    expect(await metricValue(gateway.url, 'lmc_gateway_request_duration_seconds_count', { operation: 'Dashboard' })).toBe(1);
    expect(await metricValue(gateway.url, 'lmc_gateway_subgraph_fetch_duration_seconds_count', { subgraph: 'economy', outcome: 'ok' })).toBeGreaterThan(0);
    const logged = gateway.lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
    expect(logged).toContainEqual(expect.objectContaining({ msg: 'request', reqId: 'metrics-dashboard-1', operation: 'Dashboard', status: 200, principal: 'anonymous' }));
  });
});

const redisUrl = 'redis://127.0.0.1:6379';
async function redisAvailable(): Promise<boolean> {
  const probe = new Redis(redisUrl, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => {});
  try {
    await probe.connect();
    await probe.ping();
    return true;
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

/** A POST on a new connection each time, so the cluster spreads requests over its workers. */
function postOnNewConnection(url: string, payload: unknown, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: any }>((resolve, reject) => {
    const body = JSON.stringify(payload);
    const req = httpRequest(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe.skipIf(!(await redisAvailable()))('a cluster of two workers sharing Redis', () => {
  let gateway: ExtraGateway;
  beforeAll(async () => {
    gateway = await gatewayWith({ REDIS_URL: redisUrl, LMC_GATEWAY_WORKERS: '2', LMC_RATE_LIMIT: '8', LMC_RATE_LIMIT_WINDOW_MS: '10000', LMC_RESPONSE_CACHE: 'on' });
  });

  it('serves from two worker processes', () => {
    expect(gateway.lines.join('\n')).toMatch(/serving http\S+ \(2 workers\)/);
  });

  it('counts one limit across the workers', async () => {
    const headers = await authHeaders(reader(`cluster-reader-${randomUUID()}`));
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await postOnNewConnection(gateway.url, { query: countriesQuery }, headers)).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(8);
    expect(statuses.slice(8)).toEqual([429, 429, 429, 429]);
  });

  it('shares the response cache and its invalidation across the workers', async () => {
    const headers = await authHeaders(reader(`cluster-cache-${randomUUID()}`));
    const query = `query Cluster_${randomUUID().replace(/-/g, '')} { countries { code } }`;
    const states: unknown[] = [];
    for (let i = 0; i < 4; i++) states.push((await postOnNewConnection(gateway.url, { query }, headers)).headers['x-lmc-cache']);
    expect(states).toEqual(['miss', 'hit', 'hit', 'hit']);
    const admin = await authHeaders(secretariatAdmin);
    const write = await postOnNewConnection(
      gateway.url,
      {
        query: 'mutation($input: OrganisationInput!) { createPoliticalSecurityOrganisation(input: $input) { id } }',
        variables: {
          input: {
            name: { en: 'Synthetic cluster org', zh: '合成数据 机构' },
            type: 'MINISTRY',
            countryCode: 'KH',
            provenance: { source: 'synthetic', licence: 'CC0-1.0', recordedAt: '2026-01-01T00:00:00.000Z', synthetic: true },
          },
        },
      },
      admin,
    );
    expect(write.body.errors).toBeUndefined();
    expect((await postOnNewConnection(gateway.url, { query }, headers)).headers['x-lmc-cache']).toBe('miss');
  });
});

describe('tracing', () => {
  it('exports the gateway spans over OTLP when an endpoint is configured, and passes traceparent to subgraphs', async () => {
    const received: string[] = [];
    const closers: Array<() => void> = [];
    const collector = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push(`${req.url} ${body}`);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    try {
      const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
      // A forwarding proxy in front of the economy subgraph keeps the trace headers it sees.
      const traceparents: string[] = [];
      const economy = new URL(platform.subgraphs.economy.url);
      const proxy = createServer((req, res) => {
        if (req.headers.traceparent) traceparents.push(String(req.headers.traceparent));
        const upstream = httpRequest({ host: economy.hostname, port: economy.port, path: economy.pathname, method: req.method, headers: req.headers }, (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        });
        req.pipe(upstream);
      });
      await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
      closers.push(() => proxy.close());
      const gateway = await startExtraGateway(
        platform,
        { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_BSP_SCHEDULE_DELAY: '200' },
        { economy: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/` },
      );
      gateways.push(gateway);
      expect(gateway.lines.join('\n')).toMatch(/tracing: OpenTelemetry/);
      const res = await post(gateway.url, { query: '{ countries { code economy { projectCount } } }' });
      expect(res.body.errors).toBeUndefined();
      const deadline = Date.now() + 10_000;
      while (!received.some((r) => r.includes('gateway.fetch')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      const exported = received.join('\n');
      expect(exported).toMatch(/^\/v1\/traces /);
      for (const span of ['gateway.request', 'gateway.plan', 'gateway.fetch']) expect(exported).toContain(span);
      expect(exported).toContain('lmc-gateway');
      expect(traceparents.length).toBeGreaterThan(0);
      expect(traceparents[0]).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
      // The subgraph fetch belongs to a trace the gateway exported.
      expect(exported).toContain(traceparents[0].split('-')[1]);
    } finally {
      collector.close();
      for (const close of closers) close();
    }
  });
});

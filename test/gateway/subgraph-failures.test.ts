// Subgraphs that misbehave: a hanging one gives an error within the timeout,
// a stopped one gives partial data and an error naming it (queries retried a
// bounded number of times, mutations never), downstream bodies and stack
// traces stay inside, /readyz follows the subgraphs, and the gateway reuses
// connections and passes the request id on.
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readinessRequestId } from '../../gateway/readiness.js';
import { freePort } from '../../platform-kit/free-port.js';
import { authHeaders, editorOf } from '../support/identities.js';
import { startTestPlatform, type PlatformFixture } from '../support/platform-fixture.js';
import { metricValue, post, startExtraGateway, type ExtraGateway } from './gateway-process.js';

const timeoutMs = 1500;
let platform: PlatformFixture;
const extraGateways: ExtraGateway[] = [];
const servers: Server[] = [];

beforeAll(async () => {
  platform = await startTestPlatform({ env: { SUBGRAPH_TIMEOUT_MS: String(timeoutMs), LMC_SUBGRAPH_RETRIES: '1' } });
});
afterAll(async () => {
  for (const g of extraGateways) await g.dispose();
  for (const s of servers) s.close();
  await platform?.dispose();
});

async function listen(server: Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

async function extraGateway(env: NodeJS.ProcessEnv, urls: Partial<Record<string, string>>) {
  const gateway = await startExtraGateway(platform, { SUBGRAPH_TIMEOUT_MS: String(timeoutMs), LMC_SUBGRAPH_RETRIES: '1', ...env }, urls);
  extraGateways.push(gateway);
  return gateway;
}

const countriesWithEconomy = '{ countries { code name { en } economy { projectCount } } }';
const countriesWithSocial = '{ countries { code socialCultural { eventCount } } }';
const readyz = async (url: string) => {
  const res = await fetch(new URL('/readyz', url));
  return { status: res.status, body: (await res.json()) as { ready: boolean; subgraphs: Array<{ name: string; ready: boolean; detail: string }> } };
};

describe('talking to subgraphs', () => {
  it('reuses keep-alive connections and passes the request id to every subgraph fetch', async () => {
    const sockets = new Set<unknown>();
    const requestIds: string[] = [];
    const economyUrl = new URL(platform.subgraphs.economy.url);
    // A recording proxy in front of the real economy subgraph.
    const proxyUrl = await listen(
      createServer((req, res) => {
        sockets.add(req.socket);
        requestIds.push(String(req.headers['x-request-id']));
        const upstream = httpRequest({ host: economyUrl.hostname, port: economyUrl.port, path: economyUrl.pathname, method: req.method, headers: req.headers }, (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        });
        req.pipe(upstream);
      }),
    );
    const gateway = await extraGateway({}, { economy: proxyUrl });
    for (let i = 0; i < 10; i++) {
      const res = await post(gateway.url, { query: countriesWithEconomy }, { 'x-request-id': `trace-${i}` });
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.countries[0].economy.projectCount).toEqual(expect.any(Number));
    }
    expect(requestIds.filter((id) => id !== readinessRequestId)).toEqual(Array.from({ length: 10 }, (_, i) => `trace-${i}`));
    // Sequential requests ride one pooled connection instead of opening ten.
    expect(sockets.size).toBe(1);
  });

  it('shares one subgraph fetch between identical queries in flight for the same caller', async () => {
    const principals: string[] = [];
    const economyUrl = new URL(platform.subgraphs.economy.url);
    // A proxy that holds every request 300 ms, so concurrent client requests overlap.
    const slowProxy = await listen(
      createServer((req, res) => {
        principals.push(String(req.headers['x-lmc-principal']));
        setTimeout(() => {
          const upstream = httpRequest({ host: economyUrl.hostname, port: economyUrl.port, path: economyUrl.pathname, method: req.method, headers: req.headers }, (up) => {
            res.writeHead(up.statusCode ?? 502, up.headers);
            up.pipe(res);
          });
          req.pipe(upstream);
        }, 300);
      }),
    );
    const gateway = await extraGateway({}, { economy: slowProxy });
    principals.length = 0;
    const anonymousCalls = Array.from({ length: 5 }, () => post(gateway.url, { query: countriesWithEconomy }));
    const readerCall = post(gateway.url, { query: countriesWithEconomy }, await authHeaders({ id: 'dedupe-reader', role: 'THINK_TANK_READER' }));
    const results = await Promise.all([...anonymousCalls, readerCall]);
    for (const res of results) {
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.countries[0].economy.projectCount).toEqual(expect.any(Number));
    }
    // One economy fetch for the five anonymous requests, one for the reader.
    expect(principals).toHaveLength(2);
  });

  it('never passes on a downstream response body, stack trace or internal message', async () => {
    const failing = await listen(
      createServer((req, res) => {
        let text = '';
        req.on('data', (c) => (text += c));
        req.on('end', () => {
          if (text.includes('_entities')) {
            res.writeHead(200, { 'content-type': 'application/json' });
            res.end(
              JSON.stringify({
                data: { _entities: null },
                errors: [{ message: 'MongoServerError: SECRET-INTERNAL-DETAIL', extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at secret (/srv/app.ts:1:1)'] } }],
              }),
            );
          } else {
            res.writeHead(500, { 'content-type': 'text/plain' });
            res.end('SECRET-DOWNSTREAM-BODY at /srv/app.ts:10');
          }
        });
      }),
    );
    const gateway = await extraGateway({}, { 'social-cultural': failing });
    const partial = await post(gateway.url, { query: countriesWithSocial });
    expect(partial.status).toBe(200);
    expect(partial.body.data.countries).toHaveLength(6);
    expect(partial.body.data.countries.every((c: any) => c.socialCultural === null)).toBe(true);
    expect(partial.body.errors![0]).toMatchObject({ message: 'Internal server error in subgraph "social-cultural"', extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: 'social-cultural' } });
    expect(partial.text).not.toMatch(/SECRET|stacktrace|\.ts:\d/);

    // A root field owned by the failing subgraph: HTTP 500 with a body, which stays inside.
    const root = await post(gateway.url, { query: '{ exchangeProgrammes(first: 1) { totalCount } }' });
    expect(root.body.errors![0]).toMatchObject({
      message: 'Subgraph "social-cultural" is unavailable: it answered HTTP 500',
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'social-cultural' },
    });
    expect(root.text).not.toMatch(/SECRET|\.ts:\d/);
  });

  it('reports a subgraph missing at start-up by name', async () => {
    const closed = `http://127.0.0.1:${await freePort()}/`;
    const gateway = await extraGateway({}, { economy: closed });
    expect(gateway.lines.join('\n')).toMatch(/subgraph economy NOT ready at \S+: cannot be reached \(ECONNREFUSED\)/);
    expect(gateway.lines.join('\n')).toMatch(/subgraph political-security ready/);
  });
});

describe('a hanging subgraph', () => {
  it('gives partial data and an error naming it within the timeout, and /readyz turns unready and back', async () => {
    expect(await readyz(platform.gatewayUrl)).toMatchObject({ status: 200, body: { ready: true } });
    const economy = platform.subgraphs.economy.process;
    economy.kill('SIGSTOP');
    try {
      const started = Date.now();
      const res = await post(platform.gatewayUrl, { query: countriesWithEconomy });
      const elapsed = Date.now() - started;
      expect(elapsed).toBeLessThan(timeoutMs * 2 + 1000);
      expect(res.body.data.countries).toHaveLength(6);
      expect(res.body.data.countries[0].name.en).toBeTruthy();
      expect(res.body.data.countries.every((c: any) => c.economy === null)).toBe(true);
      expect(res.body.errors![0]).toMatchObject({
        message: `Subgraph "economy" is unavailable: it did not answer within ${timeoutMs} ms`,
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'economy' },
      });
      await new Promise((r) => setTimeout(r, 1100)); // readiness results are reused for a second
      const unready = await readyz(platform.gatewayUrl);
      expect(unready.status).toBe(503);
      expect(unready.body.subgraphs.find((s) => s.name === 'economy')).toMatchObject({ ready: false, detail: expect.stringMatching(/no answer within/) });
      expect(unready.body.subgraphs.filter((s) => s.ready).map((s) => s.name).sort()).toEqual(['political-security', 'social-cultural']);
    } finally {
      economy.kill('SIGCONT');
    }
    let back = false;
    const deadline = Date.now() + 10_000;
    while (!back && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      back = (await readyz(platform.gatewayUrl)).status === 200;
    }
    expect(back).toBe(true);
    const again = await post(platform.gatewayUrl, { query: countriesWithEconomy });
    expect(again.body.errors).toBeUndefined();
  });
});

describe('a stopped subgraph', () => {
  it('gives partial data naming it; queries are retried once, mutations never', async () => {
    await platform.subgraphs.economy.stop();
    const errorsBefore = await metricValue(platform.gatewayUrl, 'lmc_gateway_subgraph_fetch_errors_total', { subgraph: 'economy' });
    const res = await post(platform.gatewayUrl, { query: countriesWithEconomy });
    expect(res.status).toBe(200);
    expect(res.body.data.countries).toHaveLength(6);
    expect(res.body.data.countries.every((c: any) => c.economy === null)).toBe(true);
    expect(res.body.errors![0]).toMatchObject({
      message: 'Subgraph "economy" is unavailable: it cannot be reached (ECONNREFUSED)',
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'economy' },
    });
    const afterQuery = await metricValue(platform.gatewayUrl, 'lmc_gateway_subgraph_fetch_errors_total', { subgraph: 'economy' });
    expect(afterQuery - errorsBefore).toBe(2); // the first attempt and one retry

    const mutation = await post(
      platform.gatewayUrl,
      {
        query: 'mutation($input: OrganisationInput!) { createEconomyOrganisation(input: $input) { id } }',
        variables: {
          input: {
            name: { en: 'Synthetic org', zh: '合成数据 机构' },
            type: 'MINISTRY',
            countryCode: 'TH',
            provenance: { source: 'synthetic', licence: 'CC0-1.0', recordedAt: '2026-01-01T00:00:00.000Z', synthetic: true },
          },
        },
      },
      await authHeaders(editorOf('economy')),
    );
    expect(mutation.body.errors![0].extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'economy' });
    const afterMutation = await metricValue(platform.gatewayUrl, 'lmc_gateway_subgraph_fetch_errors_total', { subgraph: 'economy' });
    expect(afterMutation - afterQuery).toBe(1);

    await new Promise((r) => setTimeout(r, 1100));
    const unready = await readyz(platform.gatewayUrl);
    expect(unready.status).toBe(503);
    expect(unready.body.subgraphs.find((s) => s.name === 'economy')).toMatchObject({ ready: false, detail: 'cannot be reached (ECONNREFUSED)' });
  });
});

// The gateway as a production deployment sees it (NODE_ENV=production):
// abusive operations are refused before any subgraph is called, no schema
// introspection, CSRF prevention, CORS allow-list, body size limit, no
// batching, and errors that give nothing away.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../subgraphs/registry.js';
import { authHeaders, editorOf } from '../support/identities.js';
import { startTestPlatform, type PlatformFixture } from '../support/platform-fixture.js';
import { metricValue, post } from './gateway-process.js';

let platform: PlatformFixture;
const allowedOrigin = 'https://dashboard.example.org';
const maxBodyBytes = 20_000;

beforeAll(async () => {
  platform = await startTestPlatform({
    env: { NODE_ENV: 'production', LMC_CORS_ORIGINS: `${allowedOrigin}, https://other.example.org`, LMC_MAX_BODY_BYTES: String(maxBodyBytes) },
  });
});
afterAll(async () => {
  await platform?.dispose();
});

const gql = (query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) =>
  post(platform.gatewayUrl, { query, variables }, headers);
const subgraphFetches = () => metricValue(platform.gatewayUrl, 'lmc_gateway_subgraph_fetch_duration_seconds_count');

/** The request is refused with one validation error and no subgraph is called. */
async function expectRefusedBeforeSubgraphs(query: string, message: RegExp) {
  const before = await subgraphFetches();
  const res = await gql(query);
  expect(res.status, res.text).toBe(400);
  expect(res.body.data).toBeUndefined();
  expect(res.body.errors?.[0].message).toMatch(message);
  expect(res.body.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  expect(await subgraphFetches()).toBe(before);
}

describe('operation limits (graphql-armor)', () => {
  it('lets the dashboard query through', async () => {
    const query = readFileSync(join(repoRoot, 'examples', 'dashboard.graphql'), 'utf8');
    const res = await gql(query, { year: 2020, from: '2020-01-01T00:00:00.000Z', to: '2021-01-01T00:00:00.000Z' });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.countries).toHaveLength(6);
    expect(res.body.data.plan.actions).toHaveLength(94);
  });

  it('lets every example dashboard query through the limits', async () => {
    const files = readdirSync(join(repoRoot, 'examples')).filter((f) => f.endsWith('.graphql'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      // Without variables: validation and the limits run, execution stops at the missing variables.
      const res = await gql(readFileSync(join(repoRoot, 'examples', file), 'utf8'));
      const codes = (res.body.errors ?? []).map((e) => e.extensions?.code);
      expect(codes, `${file}: ${res.text.slice(0, 300)}`).not.toContain('GRAPHQL_VALIDATION_FAILED');
      expect(codes, file).not.toContain('GRAPHQL_PARSE_FAILED');
    }
  });

  it('refuses a depth bomb', async () => {
    let nested = 'code';
    for (let i = 0; i < 6; i++) nested = `sections { chapter { ${nested} } }`;
    await expectRefusedBeforeSubgraphs(`{ plan { chapters { ${nested} } } }`, /depth limit of 8 exceeded/);
  });

  it('refuses an alias bomb', async () => {
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: countries { code }`).join(' ');
    await expectRefusedBeforeSubgraphs(`{ ${aliases} }`, /Aliases limit of 15 exceeded/);
  });

  it('refuses a directive bomb', async () => {
    await expectRefusedBeforeSubgraphs(`{ countries ${'@include(if: true) '.repeat(50)}{ code } }`, /Directives limit of 20 exceeded/);
  });

  it('refuses a token bomb', async () => {
    const before = await subgraphFetches();
    const res = await gql(`{ countries { ${'code '.repeat(1500)}} }`);
    expect(res.status, res.text).toBe(400);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors?.[0].message).toMatch(/more tha[nt] 1000 tokens/);
    expect(res.body.errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(await subgraphFetches()).toBe(before);
  });

  it('refuses an operation whose static cost is too high', async () => {
    // Pages are multiplied by their size: ten full project pages cost about 46,600.
    const page = 'projects(first: 100) { edges { node { id title { en zh } totals { committedUsd disbursedUsd } } } }';
    const aliases = Array.from({ length: 10 }, (_, i) => `a${i}: ${page}`).join(' ');
    await expectRefusedBeforeSubgraphs(`{ ${aliases} }`, /Cost limit of 20000 exceeded/);
  });

  it('refuses batches (a JSON array of operations)', async () => {
    const res = await post(platform.gatewayUrl, [{ query: '{ countries { code } }' }, { query: '{ countries { code } }' }]);
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/batching/i);
  });
});

describe('schema privacy in production', () => {
  it('refuses introspection', async () => {
    const res = await gql('{ __schema { types { name } } }');
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.body.errors?.[0].message).toMatch(/introspection is not allowed/i);
    const typeQuery = await gql('{ __type(name: "Country") { fields { name } } }');
    expect(typeQuery.body.data).toBeUndefined();
  });

  it('serves no explorer or landing page', async () => {
    const res = await fetch(platform.gatewayUrl, { headers: { accept: 'text/html' } });
    const text = await res.text();
    expect(res.headers.get('content-type') ?? '').not.toMatch(/html/);
    expect(text).not.toMatch(/<html|sandbox|explorer/i);
  });

  it('gives no field suggestions', async () => {
    const res = await gql('{ countrie { code } }');
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0].message).toMatch(/Cannot query field/);
    expect(res.text).not.toMatch(/Did you mean/i);
    const typo = await gql('{ countries { cod } }');
    expect(typo.body.errors?.[0].message).toBe('Cannot query field "cod" on type "Country".');
  });

  it('keeps extensions.code and field of input errors, and nothing else', async () => {
    const editor = await authHeaders(editorOf('political-security'));
    const res = await gql(
      'mutation($input: OrganisationInput!) { createPoliticalSecurityOrganisation(input: $input) { id } }',
      {
        input: {
          name: { en: 'Synthetic org', zh: '' },
          type: 'MINISTRY',
          countryCode: 'LA',
          provenance: { source: 'synthetic', licence: 'CC0-1.0', recordedAt: '2026-01-01T00:00:00.000Z', synthetic: true },
        },
      },
      editor,
    );
    const [error] = res.body.errors!;
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.name.zh', serviceName: 'political-security' });
    expect(res.text).not.toMatch(/stacktrace|exception|\bat .*\.ts:\d+/);
  });
});

describe('HTTP', () => {
  it('refuses CSRF-able requests: a GET without a preflight header and a text/plain POST', async () => {
    const get = await fetch(`${platform.gatewayUrl}?query=${encodeURIComponent('{ countries { code } }')}`);
    expect(get.status).toBe(400);
    expect(await get.text()).toMatch(/CSRF/);
    const plain = await post(platform.gatewayUrl, JSON.stringify({ query: '{ countries { code } }' }), { 'content-type': 'text/plain' });
    expect(plain.status).toBe(400);
    expect(plain.text).toMatch(/CSRF/);
    const form = await post(platform.gatewayUrl, 'query=%7B%20countries%20%7B%20code%20%7D%20%7D', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(400);
    // The same GET with the preflight header a browser cannot send cross-site without CORS is served.
    const preflighted = await fetch(`${platform.gatewayUrl}?query=${encodeURIComponent('{ countries { code } }')}`, { headers: { 'apollo-require-preflight': '1' } });
    expect(preflighted.status).toBe(200);
    expect(((await preflighted.json()) as any).data.countries).toHaveLength(6);
  });

  it('refuses a body over the size limit with 413 before parsing it', async () => {
    const res = await post(platform.gatewayUrl, { query: `{ countries { code } } # ${'x'.repeat(maxBodyBytes)}` });
    expect(res.status).toBe(413);
    expect(res.body.errors?.[0].extensions?.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers CORS preflights for allowed origins only', async () => {
    const preflight = (origin: string) =>
      fetch(platform.gatewayUrl, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' },
      });
    const allowed = await preflight(allowedOrigin);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(allowedOrigin);
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    const refused = await preflight('https://evil.example.com');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    const crossSite = await post(platform.gatewayUrl, { query: '{ countries { code } }' }, { origin: 'https://evil.example.com' });
    expect(crossSite.status).toBe(403);
    const fromDashboard = await post(platform.gatewayUrl, { query: '{ countries { code } }' }, { origin: allowedOrigin });
    expect(fromDashboard.status).toBe(200);
    expect(fromDashboard.headers.get('access-control-allow-origin')).toBe(allowedOrigin);
  });

  it('serves /healthz and tags every response with a request id', async () => {
    const health = await fetch(new URL('/healthz', platform.gatewayUrl));
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const res = await gql('{ countries { code } }', undefined, { 'x-request-id': 'test-request-42' });
    expect(res.headers.get('x-request-id')).toBe('test-request-42');
    const generated = await gql('{ countries { code } }', undefined, { 'x-request-id': 'bad id with spaces' });
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

// Authentication at the gateway against the real platform: anonymous callers,
// HS256 and RS256 JWTs, API keys made with the keys CLI (and revoked), and
// client-forged internal headers, which the gateway must drop.
import { createHash } from 'node:crypto';
import { exportSPKI, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAccessStore } from '../../gateway/access-store.js';
import { runKeysCommand } from '../../gateway/keys-cli.js';
import type { Principal } from '../../platform-kit/access/principal.js';
import { graphql, graphqlData } from '../support/graphql-client.js';
import { authHeaders, editorOf, secretariatAdmin, signedSubgraphHeaders, testJwt, testJwtSecret } from '../support/identities.js';
import { startTestPlatform, type PlatformFixture } from '../support/platform-fixture.js';

let platform: PlatformFixture;
let rsaPrivateKey: CryptoKey;
const cacheTtlMs = 1000;

beforeAll(async () => {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  rsaPrivateKey = privateKey;
  platform = await startTestPlatform({
    env: { LMC_JWT_RS256_PUBLIC_KEY: await exportSPKI(publicKey), LMC_API_KEY_CACHE_TTL_MS: String(cacheTtlMs) },
  });
});
afterAll(async () => {
  await platform?.dispose();
});

const viewerQuery = '{ viewer { id role pillar countryCode } }';
/** Public data from all three subgraphs (economy and social-cultural via _entities). */
const publicQuery = '{ countries { code economy { progressAssessmentCount } socialCultural { progressAssessmentCount } } }';

async function post(headers: Record<string, string>, query = viewerQuery) {
  const res = await fetch(platform.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: Array<{ message: string; extensions?: { code?: string } }> } };
}

async function expectUnauthenticated(headers: Record<string, string>, message: RegExp) {
  const { status, body } = await post(headers, publicQuery);
  expect(status).toBe(401);
  expect(body.data).toBeUndefined();
  expect(body.errors).toHaveLength(1);
  expect(body.errors![0].extensions?.code).toBe('UNAUTHENTICATED');
  expect(body.errors![0].message).toMatch(message);
}

const jwt = (claims: Record<string, unknown>) => new SignJWT(claims).setProtectedHeader({ alg: 'HS256' });
const hsKey = (secret: string) => new TextEncoder().encode(secret);

describe('without credentials', () => {
  it('is the anonymous principal and reads public data from every subgraph', async () => {
    const data = await graphqlData(platform.gatewayUrl, `{ viewer { id role } ${publicQuery.slice(1, -1)} }`);
    expect(data.viewer).toEqual({ id: 'anonymous', role: 'ANONYMOUS' });
    expect(data.countries).toHaveLength(6);
    expect(data.countries[0].economy.progressAssessmentCount).toEqual(expect.any(Number));
    expect(data.countries[0].socialCultural.progressAssessmentCount).toEqual(expect.any(Number));
  });
});

describe('JWT', () => {
  it('accepts an HS256 token and passes its claims to the subgraphs', async () => {
    const data = await graphqlData(platform.gatewayUrl, viewerQuery, undefined, await authHeaders(editorOf('economy', 'TH')));
    expect(data.viewer).toEqual({ id: 'test-editor-economy-TH', role: 'MINISTRY_EDITOR', pillar: 'ECONOMY', countryCode: 'TH' });
  });

  it('accepts an RS256 token signed by the configured issuer key', async () => {
    const token = await new SignJWT({ role: 'THINK_TANK_READER' })
      .setProtectedHeader({ alg: 'RS256' })
      .setSubject('analyst@example.org')
      .setExpirationTime('5m')
      .sign(rsaPrivateKey);
    const data = await graphqlData(platform.gatewayUrl, viewerQuery, undefined, { authorization: `Bearer ${token}` });
    expect(data.viewer).toEqual({ id: 'analyst@example.org', role: 'THINK_TANK_READER', pillar: null, countryCode: null });
  });

  it('rejects an expired token', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await jwt({ role: 'SECRETARIAT_ADMIN' }).setSubject('late').setIssuedAt(now - 3600).setExpirationTime(now - 600).sign(hsKey(testJwtSecret));
    await expectUnauthenticated({ authorization: `Bearer ${token}` }, /expired/);
  });

  it('rejects a token signed with another secret', async () => {
    const token = await testJwt(secretariatAdmin, 'x'.repeat(40));
    await expectUnauthenticated({ authorization: `Bearer ${token}` }, /signature is invalid/);
  });

  it('rejects an RS256 token signed with another private key', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const token = await new SignJWT({ role: 'SECRETARIAT_ADMIN' }).setProtectedHeader({ alg: 'RS256' }).setSubject('mallory').setExpirationTime('5m').sign(privateKey);
    await expectUnauthenticated({ authorization: `Bearer ${token}` }, /signature is invalid/);
  });

  it('rejects an HS256 token keyed with the RSA public key (algorithm confusion)', async () => {
    const pem = (await exportSPKI((await generateKeyPair('RS256', { extractable: true })).publicKey)) as string;
    const token = await jwt({ role: 'SECRETARIAT_ADMIN' }).setSubject('mallory').setExpirationTime('5m').sign(hsKey(pem));
    await expectUnauthenticated({ authorization: `Bearer ${token}` }, /signature is invalid/);
  });

  it('rejects tokens without an expiry or with claims outside the roles', async () => {
    const noExp = await jwt({ role: 'THINK_TANK_READER' }).setSubject('forever').sign(hsKey(testJwtSecret));
    await expectUnauthenticated({ authorization: `Bearer ${noExp}` }, /"exp"/);
    const badRole = await jwt({ role: 'ROOT' }).setSubject('x').setExpirationTime('5m').sign(hsKey(testJwtSecret));
    await expectUnauthenticated({ authorization: `Bearer ${badRole}` }, /role must be one of/);
    const editorWithoutPillar = await jwt({ role: 'MINISTRY_EDITOR' }).setSubject('x').setExpirationTime('5m').sign(hsKey(testJwtSecret));
    await expectUnauthenticated({ authorization: `Bearer ${editorWithoutPillar}` }, /needs pillar/);
  });

  it('rejects a malformed Authorization header and garbage tokens', async () => {
    await expectUnauthenticated({ authorization: 'Basic dXNlcjpwYXNz' }, /Bearer/);
    await expectUnauthenticated({ authorization: 'Bearer not.a.jwt' }, /JWT is invalid/);
  });
});

describe('API keys', () => {
  const cliEnv = () => ({ ...process.env, LMC_DATA_DIR: platform.dataDir, ACCESS_MONGODB_URI: '' });
  async function keysCli(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runKeysCommand(argv, cliEnv(), (l) => out.push(l), (l) => err.push(l));
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('creates a key with the CLI that then authenticates, is stored hashed, and stops working once revoked', async () => {
    const created = await keysCli('create', '--role', 'MINISTRY_EDITOR', '--pillar', 'social-cultural', '--country', 'la', '--label', 'Lao MoICT');
    expect(created).toMatchObject({ code: 0, err: '' });
    const id = created.out.match(/created (key-[0-9a-f]{16})/)![1];
    const key = created.out.match(/key \(shown once, store it now\): (\S+)/)![1];

    const data = await graphqlData(platform.gatewayUrl, viewerQuery, undefined, { 'x-api-key': key });
    expect(data.viewer).toEqual({ id, role: 'MINISTRY_EDITOR', pillar: 'SOCIAL_CULTURAL', countryCode: 'LA' });

    const store = await openAccessStore({ env: cliEnv(), role: 'cli' });
    try {
      const stored = await store.models.apiKeys.findById(id).lean();
      expect(stored!.hash).toBe(createHash('sha256').update(key).digest('hex'));
      expect(JSON.stringify(stored)).not.toContain(key.split('_').pop());
    } finally {
      await store.close();
    }

    const listed = await keysCli('list');
    expect(listed.out).toMatch(new RegExp(`${id}\\s+MINISTRY_EDITOR social-cultural LA\\s+created \\S+\\s+active\\s+"Lao MoICT"`));

    expect(await keysCli('revoke', id)).toMatchObject({ code: 0, out: `revoked ${id}` });
    expect((await keysCli('list')).out).toMatch(new RegExp(`${id} .* revoked \\d{4}-`));
    // Accepted keys are cached for LMC_API_KEY_CACHE_TTL_MS; after that the revocation holds.
    await new Promise((r) => setTimeout(r, cacheTtlMs + 200));
    await expectUnauthenticated({ 'x-api-key': key }, new RegExp(`API key ${id} was revoked`));
  });

  it('rejects unknown, tampered and malformed keys', async () => {
    const { out } = await keysCli('create', '--role', 'THINK_TANK_READER');
    const key = out.match(/: (lmc_\S+)/)![1];
    const tampered = key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A');
    await expectUnauthenticated({ 'x-api-key': tampered }, /not recognised/);
    await expectUnauthenticated({ 'x-api-key': `lmc_key-0000000000000000_${'A'.repeat(43)}` }, /not recognised/);
    await expectUnauthenticated({ 'x-api-key': 'letmein' }, /malformed/);
    await expectUnauthenticated({ 'x-api-key': key, authorization: `Bearer ${await testJwt(secretariatAdmin)}` }, /not both/);
  });

  it('refuses to create keys that describe no valid principal, and to revoke unknown ids', async () => {
    expect(await keysCli('create', '--role', 'MINISTRY_EDITOR')).toMatchObject({ code: 1, err: expect.stringMatching(/needs pillar/) });
    expect(await keysCli('create', '--role', 'MINISTRY_EDITOR', '--pillar', 'economy', '--country', 'FR')).toMatchObject({
      code: 1,
      err: expect.stringMatching(/member country/),
    });
    expect(await keysCli('create', '--role', 'ANONYMOUS')).toMatchObject({ code: 1, err: expect.stringMatching(/role must be one of/) });
    expect(await keysCli('create', '--role', 'THINK_TANK_READER', '--pillar', 'economy')).toMatchObject({ code: 1 });
    expect(await keysCli('revoke', 'key-ffffffffffffffff')).toMatchObject({ code: 1, err: 'no API key with id key-ffffffffffffffff' });
    expect((await keysCli('frobnicate')).code).toBe(2);
  });
});

describe('internal principal header sent by a client', () => {
  // Correctly signed with the real secret, so only the gateway dropping it protects the subgraphs.
  const forged = () => signedSubgraphHeaders(secretariatAdmin);

  it('is dropped for an anonymous caller', async () => {
    const data = await graphqlData(platform.gatewayUrl, viewerQuery, undefined, forged());
    expect(data.viewer).toEqual({ id: 'anonymous', role: 'ANONYMOUS', pillar: null, countryCode: null });
  });

  it('is dropped for an authenticated caller, who stays who the JWT says', async () => {
    const editor: Principal = editorOf('political-security');
    const data = await graphqlData(platform.gatewayUrl, viewerQuery, undefined, { ...forged(), ...(await authHeaders(editor)) });
    expect(data.viewer).toEqual({ id: editor.id, role: 'MINISTRY_EDITOR', pillar: 'POLITICAL_SECURITY', countryCode: null });
  });

  it('does not change what an anonymous caller gets from entity fetches', async () => {
    const body = await graphql(platform.gatewayUrl, publicQuery, undefined, forged());
    expect(body.errors).toBeUndefined();
    expect(body.data.countries).toHaveLength(6);
  });
});

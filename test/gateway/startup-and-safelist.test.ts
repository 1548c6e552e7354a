// The safelist command, and a gateway that refuses to start on bad settings
// (saying which) instead of running with defaults nobody asked for.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../gateway/persisted-queries.js';
import { freePort } from '../../platform-kit/free-port.js';
import { startService } from '../../platform-launcher/service-process.js';
import { repoRoot } from '../../subgraphs/registry.js';
import { testJwtSecret, testSigningSecret } from '../support/identities.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'lmc-gateway-startup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const safelistCommand = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', join(repoRoot, 'gateway', 'safelist-cli.ts'), ...args], { cwd: repoRoot });

describe('npm run safelist', () => {
  it('writes every named operation of the example queries, with its fragments, into a manifest', async () => {
    const extra = join(dir, 'extra.graphql');
    writeFileSync(extra, 'query Members { countries { ...Names } }\nfragment Names on Country { code name { en zh } }\nfragment Unused on Country { code }\n');
    const out = join(dir, 'safelist.json');
    const { stdout } = await safelistCommand('--out', out, join(repoRoot, 'examples', 'dashboard.graphql'), extra);
    expect(stdout).toMatch(/wrote 2 operations/);
    const manifest = JSON.parse(readFileSync(out, 'utf8'));
    expect(manifest.format).toBe('apollo-persisted-query-manifest');
    expect(manifest.operations.map((o: { name: string }) => o.name)).toEqual(['Dashboard', 'Members']);
    for (const op of manifest.operations) expect(op.id).toBe(sha256(op.body));
    const members = manifest.operations.find((o: { name: string }) => o.name === 'Members');
    expect(members.body).toContain('fragment Names on Country');
    expect(members.body).not.toContain('Unused');
  });

  it("reads every .graphql file of examples/ and the dashboard page's operations by default", async () => {
    const out = join(dir, 'default.json');
    await safelistCommand('--out', out);
    const dashboardClient = readFileSync(join(repoRoot, 'dashboard', 'src', 'gql', 'graphql.ts'), 'utf8');
    const expected = [
      ...readdirSync(join(repoRoot, 'examples'))
        .filter((f) => f.endsWith('.graphql'))
        .flatMap((f) => [...readFileSync(join(repoRoot, 'examples', f), 'utf8').matchAll(/^(?:query|mutation) (\w+)/gm)].map((m) => m[1])),
      ...[...dashboardClient.matchAll(/= new TypedDocumentString\(`\s*(?:query|mutation) (\w+)/g)].map((m) => m[1]),
    ];
    expect(expected).toContain('DashboardOutline');
    const names = JSON.parse(readFileSync(out, 'utf8')).operations.map((o: { name: string }) => o.name);
    expect(names).toContain('Dashboard');
    expect(names).toEqual([...expected].sort((a, b) => a.localeCompare(b)));
  });

  it('refuses anonymous operations, which could not be told apart', async () => {
    const anonymous = join(dir, 'anonymous.graphql');
    writeFileSync(anonymous, '{ countries { code } }\n');
    await expect(safelistCommand('--out', join(dir, 'x.json'), anonymous)).rejects.toMatchObject({ stderr: expect.stringMatching(/needs a name/) });
  });
});

describe('gateway start-up', () => {
  const startGatewayWith = async (env: NodeJS.ProcessEnv) =>
    startService({
      name: 'gateway',
      entry: join(repoRoot, 'gateway', 'main.ts'),
      startTimeoutMs: 30_000,
      env: {
        ...process.env,
        GATEWAY_PORT: String(await freePort()),
        LMC_DATA_DIR: mkdtempSync(join(dir, 'data-')),
        ACCESS_MONGODB_URI: '',
        LMC_JWT_HS256_SECRET: testJwtSecret,
        LMC_GATEWAY_SIGNING_SECRET: testSigningSecret,
        REDIS_URL: '',
        LMC_SAFELIST: '',
        ...env,
      },
    });

  it('refuses invalid limits, a missing safelist and an unreachable Redis, naming the problem', async () => {
    await expect(startGatewayWith({ LMC_MAX_DEPTH: 'deep' })).rejects.toThrow(/LMC_MAX_DEPTH must be an integer/);
    await expect(startGatewayWith({ LMC_RESPONSE_CACHE: 'maybe' })).rejects.toThrow(/LMC_RESPONSE_CACHE must be on or off/);
    await expect(startGatewayWith({ LMC_SAFELIST: join(dir, 'missing.json') })).rejects.toThrow(/LMC_SAFELIST .*missing\.json cannot be read/);
    const closedPort = await freePort();
    await expect(startGatewayWith({ REDIS_URL: `redis://127.0.0.1:${closedPort}` })).rejects.toThrow(/Redis at redis:\/\/127\.0\.0\.1:\d+ is not reachable/);
  });
});

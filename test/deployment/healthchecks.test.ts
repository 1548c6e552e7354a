// The healthcheck commands of docker-compose.yml, run as written against a real
// platform: they pass on healthy services and fail when the service cannot be
// reached or would refuse the gateway.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, subgraphs } from '../../subgraphs/registry.js';
import { startTestPlatform, type PlatformFixture } from '../support/platform-fixture.js';
import { testSigningSecret } from '../support/identities.js';
import { composeDocument, interpolate } from './compose-file.js';

const run = promisify(execFile);
const compose = composeDocument();

/** Exit code of a service's healthcheck, run in the repository (the image's working directory) with the given environment. */
async function healthcheck(service: string, env: Record<string, string>): Promise<number> {
  const test = compose.services[service].healthcheck!.test as string[];
  expect(test[0]).toBe('CMD');
  // Compose interpolates the command with the host environment; these commands read the container's at run time.
  const [command, ...args] = test.slice(1).map((part) => interpolate(part, {}));
  try {
    await run(command, args, { cwd: repoRoot, env: { PATH: process.env.PATH, ...env }, timeout: 30_000 });
    return 0;
  } catch (err) {
    return (err as { code?: number }).code ?? -1;
  }
}

const portOf = (url: string) => new URL(url).port;

describe('docker-compose.yml healthchecks against a running platform', () => {
  let platform: PlatformFixture;
  beforeAll(async () => {
    platform = await startTestPlatform();
  });
  afterAll(async () => {
    await platform?.dispose();
  });

  it('pass for every subgraph that answers the signed store probe, fail with a wrong secret or nothing listening', async () => {
    for (const subgraph of subgraphs) {
      const env = { SERVICE: subgraph.name, [subgraph.portEnv]: portOf(platform.subgraphs[subgraph.name].url) };
      expect(await healthcheck(subgraph.name, { ...env, LMC_GATEWAY_SIGNING_SECRET: testSigningSecret }), subgraph.name).toBe(0);
      expect(await healthcheck(subgraph.name, { ...env, LMC_GATEWAY_SIGNING_SECRET: `${testSigningSecret}-other` }), subgraph.name).not.toBe(0);
    }
    const economy = subgraphs.find((s) => s.name === 'economy')!;
    expect(await healthcheck('economy', { SERVICE: 'economy', [economy.portEnv]: '1', LMC_GATEWAY_SIGNING_SECRET: testSigningSecret })).not.toBe(0);
  });

  it('pass for the gateway while it is up', async () => {
    expect(await healthcheck('gateway', { GATEWAY_PORT: portOf(platform.gatewayUrl) })).toBe(0);
    expect(await healthcheck('gateway', { GATEWAY_PORT: '1' })).not.toBe(0);
  });
});

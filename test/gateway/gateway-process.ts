// Starts another real gateway process (gateway/main.ts) in front of a test
// platform's subgraphs, with its own settings: the same secrets as the
// platform, its own access store under a fresh data directory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../platform-kit/free-port.js';
import { startService, type ServiceProcess } from '../../platform-launcher/service-process.js';
import { repoRoot, subgraphs } from '../../subgraphs/registry.js';
import { testJwtSecret, testSigningSecret } from '../support/identities.js';
import type { PlatformFixture } from '../support/platform-fixture.js';

export interface ExtraGateway extends ServiceProcess {
  lines: string[];
  dispose(): Promise<void>;
}

export async function startExtraGateway(
  platform: PlatformFixture,
  env: NodeJS.ProcessEnv,
  subgraphUrls: Partial<Record<string, string>> = {},
): Promise<ExtraGateway> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lmc-gateway-'));
  const lines: string[] = [];
  const service = await startService({
    name: 'gateway',
    entry: join(repoRoot, 'gateway', 'main.ts'),
    env: {
      ...process.env,
      ...Object.fromEntries(subgraphs.map((s) => [s.urlEnv, subgraphUrls[s.name] ?? platform.subgraphs[s.name].url])),
      GATEWAY_PORT: String(await freePort()),
      LMC_DATA_DIR: dataDir,
      ACCESS_MONGODB_URI: '',
      LMC_JWT_HS256_SECRET: testJwtSecret,
      LMC_GATEWAY_SIGNING_SECRET: testSigningSecret,
      LMC_RESPONSE_CACHE: 'off',
      LMC_RATE_LIMIT: '0',
      REDIS_URL: '',
      LMC_SAFELIST: '',
      NODE_ENV: '',
      ...env,
    },
    onLine: (line) => lines.push(line),
  });
  return {
    ...service,
    lines,
    dispose: async () => {
      await service.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface HttpResult {
  status: number;
  headers: Headers;
  body: { data?: any; errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }> };
  text: string;
}

/** A POST (JSON unless told otherwise) with the raw status and headers. */
export async function post(url: string, payload: unknown, headers: Record<string, string> = {}): Promise<HttpResult> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
  const text = await res.text();
  let body: HttpResult['body'] = {};
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON (e.g. an HTML page); tests look at the text.
  }
  return { status: res.status, headers: res.headers, body, text };
}

/** Sum of a Prometheus metric's samples whose labels include all of `labels`. */
export async function metricValue(gatewayUrl: string, name: string, labels: Record<string, string> = {}): Promise<number> {
  const text = await (await fetch(new URL('/metrics', gatewayUrl))).text();
  let total = 0;
  for (const line of text.split('\n')) {
    const m = line.match(/^([a-zA-Z_:][\w:]*)(?:\{([^}]*)\})? (\S+)$/);
    if (!m || m[1] !== name) continue;
    const sampleLabels = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => sampleLabels[k] === v)) total += Number(m[3]);
  }
  return total;
}

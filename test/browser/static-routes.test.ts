// The gateway's static routes for the dashboard and explorer (dashboard/serve-static.ts),
// over a plain node:http server on a temporary dist folder: which paths they answer,
// the explorer being off in production, and no way out of the assets folder.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticRoutes } from '../../dashboard/serve-static.js';

const dist = mkdtempSync(join(tmpdir(), 'lmc-dashboard-dist-'));
const servers: Server[] = [];
let development = '';
let production = '';

async function serve(isProduction: boolean): Promise<string> {
  const routes = staticRoutes({ production: isProduction, distDir: dist });
  const server = createServer((req, res) => {
    if (!routes(req, res)) res.writeHead(418).end('gateway');
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<title>dashboard</title>');
  writeFileSync(join(dist, 'explorer.html'), '<title>explorer</title>');
  writeFileSync(join(dist, 'assets', 'app-1234.js'), 'console.log(1)');
  writeFileSync(join(dist, 'secret.txt'), 'not an asset');
  [development, production] = await Promise.all([serve(false), serve(true)]);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  rmSync(dist, { recursive: true, force: true });
});

const get = (url: string, method = 'GET') => fetch(url, { method, redirect: 'manual' });

describe('dashboard static routes', () => {
  it('serves the page, its hashed assets and the explorer outside production', async () => {
    const page = await get(`${development}/dashboard/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).toContain('dashboard');
    const asset = await get(`${development}/dashboard/assets/app-1234.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(await (await get(`${development}/explorer/`)).text()).toContain('explorer');
    expect((await get(`${development}/dashboard`)).headers.get('location')).toBe('/dashboard/');
    expect((await get(`${development}/dashboard/`, 'HEAD')).status).toBe(200);
  });

  it('turns the explorer off in production but keeps the dashboard', async () => {
    expect((await get(`${production}/explorer/`)).status).toBe(404);
    expect((await get(`${production}/explorer`)).status).toBe(404);
    expect((await get(`${production}/dashboard/`)).status).toBe(200);
  });

  it('leaves every other path and method to the gateway', async () => {
    for (const path of ['/', '/graphql', '/healthz', '/dashboards', '/explorers/x']) expect((await get(`${development}${path}`)).status, path).toBe(418);
    expect((await fetch(`${development}/dashboard/`, { method: 'POST', body: '{}' })).status).toBe(418);
  });

  it('answers nothing outside the assets folder', async () => {
    for (const path of ['/dashboard/assets/..%2fsecret.txt', '/dashboard/assets/%2e%2e/secret.txt', '/dashboard/secret.txt', '/dashboard/assets/missing.js', '/dashboard/assets/%E0%A4%A'])
      expect((await get(`${development}${path}`)).status, path).toBe(404);
  });
});

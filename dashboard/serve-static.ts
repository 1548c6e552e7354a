// Serves the built dashboard (/dashboard/) and GraphiQL explorer (/explorer/,
// not in production) from dashboard/dist, beside the gateway's GraphQL route.
// The page and explorer call the gateway they come from (same origin).
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const dashboardDist = fileURLToPath(new URL('./dist/', import.meta.url));

export interface StaticRouteOptions {
  /** NODE_ENV=production: no explorer. */
  production?: boolean;
  distDir?: string;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
  '.map': 'application/json',
};

// Own assets only; inline styles are used by the chart library and GraphiQL.
const securityHeaders = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

function send(res: ServerResponse, status: number, headers: Record<string, string | number>, body?: Buffer | string, headOnly = false): void {
  res.writeHead(status, { ...securityHeaders, ...headers });
  res.end(headOnly ? undefined : body);
}

/**
 * A request listener step: answers GET/HEAD for /dashboard, /dashboard/…,
 * /explorer and /explorer/… and returns true; returns false for anything else
 * (the gateway handles it).
 */
export function staticRoutes(options: StaticRouteOptions = {}): (req: IncomingMessage, res: ServerResponse) => boolean {
  const production = options.production ?? process.env.NODE_ENV === 'production';
  const dist = options.distDir ?? dashboardDist;

  const sendFile = (res: ServerResponse, file: string, headOnly: boolean, cache: string) => {
    if (!existsSync(dist)) {
      return send(res, 503, { 'content-type': 'text/plain; charset=utf-8' }, 'The dashboard is not built: run "npm run dashboard:build".\n', headOnly);
    }
    if (!existsSync(file) || !statSync(file).isFile()) return send(res, 404, { 'content-type': 'text/plain; charset=utf-8' }, 'Not found\n', headOnly);
    const body = readFileSync(file);
    send(res, 200, { 'content-type': contentTypes[extname(file)] ?? 'application/octet-stream', 'content-length': body.length, 'cache-control': cache }, body, headOnly);
  };

  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const path = new URL(req.url ?? '/', 'http://gateway').pathname;
    const headOnly = req.method === 'HEAD';
    const area = path === '/dashboard' || path.startsWith('/dashboard/') ? 'dashboard' : path === '/explorer' || path.startsWith('/explorer/') ? 'explorer' : undefined;
    if (!area) return false;
    if (area === 'explorer' && production) {
      send(res, 404, { 'content-type': 'text/plain; charset=utf-8' }, 'The explorer is off in production.\n', headOnly);
      return true;
    }
    if (path === `/${area}`) {
      send(res, 301, { location: `/${area}/` }, undefined, headOnly);
      return true;
    }
    if (path === '/dashboard/' || path === '/dashboard/index.html') sendFile(res, join(dist, 'index.html'), headOnly, 'no-cache');
    else if (path === '/explorer/' || path === '/explorer/index.html') sendFile(res, join(dist, 'explorer.html'), headOnly, 'no-cache');
    else if (path.startsWith('/dashboard/assets/')) {
      // Hashed file names: cacheable for good. normalize() and the prefix check keep requests inside dist/assets.
      const assets = join(dist, 'assets') + sep;
      let file = '';
      try {
        file = normalize(join(assets, decodeURIComponent(path.slice('/dashboard/assets/'.length))));
      } catch {
        // malformed %-escape: not one of ours
      }
      if (!file.startsWith(assets)) send(res, 404, { 'content-type': 'text/plain; charset=utf-8' }, 'Not found\n', headOnly);
      else sendFile(res, file, headOnly, 'public, max-age=31536000, immutable');
    } else send(res, 404, { 'content-type': 'text/plain; charset=utf-8' }, 'Not found\n', headOnly);
    return true;
  };
}

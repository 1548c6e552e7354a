// A think tank's side of the gateway's HTTP export (/export/<pillar>/…):
// lists what can be exported and downloads one file, streamed to disk with
// its SHA-256 and record count, through a .part file renamed only when the
// body arrived whole (an export cut off mid-way fails, never leaves a short file).
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { exportAsOfHeader, exportTotalHeader } from './export-http.js';
import type { ExportFormat } from './collection-export.js';

/** How the CLI authenticates: an API key (X-API-Key) or a JWT (Authorization: Bearer). */
export interface GatewayCredentials {
  apiKey?: string;
  bearerToken?: string;
}

export interface PillarListing {
  pillar: string;
  schemaVersion: string;
  collections: string[];
  views: string[];
}

export interface DownloadedFile {
  file: string;
  count: number;
  sha256: string;
  bytes: number;
  /** Server time before the export's read began: the next sync's updatedSince. */
  asOf: string;
}

/** Called as bytes arrive, and once more with `final` when the file is complete. */
export type DownloadProgress = (count: number, bytes: number, total: number | null, final?: boolean) => void;

/** An error the gateway answered with, as "CODE: message (field)". */
export class GatewayExportError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Counts records in a byte stream: NDJSON lines, or CSV rows (newlines inside quoted cells do not count). */
function recordCounter(format: ExportFormat) {
  let newlines = 0;
  let quoted = false;
  return {
    add(chunk: Uint8Array) {
      for (const byte of chunk) {
        if (format === 'csv' && byte === 0x22) quoted = !quoted;
        else if (byte === 0x0a && !quoted) newlines += 1;
      }
    },
    /** CSV's first line is its header. */
    get count() {
      return format === 'csv' ? Math.max(0, newlines - 1) : newlines;
    },
  };
}

export class GatewayExportClient {
  constructor(
    readonly gatewayUrl: string,
    private readonly credentials: GatewayCredentials,
  ) {
    if (!credentials.apiKey && !credentials.bearerToken) {
      throw new GatewayExportError(0, 'NO_CREDENTIALS', 'pass --api-key or set LMC_API_KEY (or LMC_BEARER_TOKEN) to a think-tank reader credential');
    }
  }

  private headers(): Record<string, string> {
    return this.credentials.apiKey ? { 'x-api-key': this.credentials.apiKey } : { authorization: `Bearer ${this.credentials.bearerToken}` };
  }

  private async get(path: string): Promise<Response> {
    const url = new URL(path, this.gatewayUrl);
    let response: Response;
    try {
      response = await fetch(url, { headers: this.headers() });
    } catch (err) {
      throw new GatewayExportError(0, 'UNREACHABLE', `gateway ${url.origin} did not answer: ${(err as { cause?: Error }).cause?.message ?? (err as Error).message}`);
    }
    if (response.ok) return response;
    const text = await response.text();
    let error: { message?: string; extensions?: { code?: string; field?: string } } = {};
    try {
      error = JSON.parse(text).errors?.[0] ?? {};
    } catch {
      // Not our JSON error (e.g. a proxy's page): report the status and the start of the text.
    }
    const field = error.extensions?.field ? ` (${error.extensions.field})` : '';
    throw new GatewayExportError(response.status, error.extensions?.code ?? `HTTP_${response.status}`, `${error.message ?? text.slice(0, 200)}${field}`);
  }

  async pillars(): Promise<string[]> {
    const body = (await (await this.get('/export')).json()) as { pillars: Array<{ name: string }> };
    return body.pillars.map((p) => p.name);
  }

  async listing(pillar: string): Promise<PillarListing> {
    const body = (await (await this.get(`/export/${encodeURIComponent(pillar)}`)).json()) as PillarListing;
    return { ...body, views: body.views ?? [] };
  }

  /** Downloads /export/<pillar>/<name>.<format>[?updatedSince] to `path`. */
  async download(pillar: string, name: string, format: ExportFormat, since: string | null, path: string, onProgress: DownloadProgress = () => {}): Promise<DownloadedFile> {
    const query = since ? `?updatedSince=${encodeURIComponent(since)}` : '';
    const response = await this.get(`/export/${encodeURIComponent(pillar)}/${encodeURIComponent(name)}.${format}${query}`);
    const asOf = response.headers.get(exportAsOfHeader);
    if (!asOf) throw new GatewayExportError(response.status, 'BAD_RESPONSE', `the export of ${pillar}/${name} came without its ${exportAsOfHeader} header`);
    const totalHeader = response.headers.get(exportTotalHeader);
    const total = totalHeader === null ? null : Number(totalHeader);
    const part = `${path}.part`;
    const out = createWriteStream(part);
    const hash = createHash('sha256');
    const counter = recordCounter(format);
    let bytes = 0;
    try {
      for await (const chunk of response.body! as unknown as AsyncIterable<Uint8Array>) {
        hash.update(chunk);
        counter.add(chunk);
        bytes += chunk.byteLength;
        if (!out.write(chunk)) await once(out, 'drain');
        onProgress(counter.count, bytes, total);
      }
      out.end();
      await once(out, 'finish');
    } catch (err) {
      out.destroy();
      await rm(part, { force: true });
      throw new GatewayExportError(0, 'INCOMPLETE_EXPORT', `the export of ${pillar}/${name} broke off after ${bytes} bytes (${(err as { cause?: Error }).cause?.message ?? (err as Error).message}); nothing was written`);
    }
    await rename(part, path);
    onProgress(counter.count, bytes, total, true);
    return { file: path, count: counter.count, sha256: hash.digest('hex'), bytes, asOf };
  }
}

// Bulk export over HTTP, served by each subgraph next to GraphQL and reached
// by clients through the gateway's /export/<pillar>/… route (which signs the
// caller like any subgraph request):
//   GET /export                                  the pillar's exportable collections
//   GET /export/<collection or view>.<ndjson|csv>[?updatedSince=ISO]
// Records stream from a driver cursor (memory stays flat whatever the size);
// with updatedSince, only records written since then plus tombstones of
// deletions (collection-export.ts). A failure mid-stream aborts the response,
// so a client never mistakes a cut-off export for a complete one.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { once } from 'node:events';
import { GraphQLError } from 'graphql';
import type { Connection } from 'mongoose';
import { requireRole } from '../access/authorize.js';
import type { Principal } from '../access/principal.js';
import { graphqlError, sendJson } from '../http/graphql-over-node.js';
import { allRecords, exportFormats, recordsChangedSince, writeRecords, type ExportFormat, type LineSink } from './collection-export.js';
import { SNAPSHOT_SCHEMA_VERSION } from './snapshot.js';
import { viewRows, type ExportView } from './export-views.js';

/** Collections every pillar exports: its plan actions, organisations, documents and published progress. */
export const sharedExportCollections = ['plan_actions', 'organisations', 'documents', 'progress_assessments'];

/** A server time before which every write is in the export (a mirror's next updatedSince). */
export const exportAsOfHeader = 'x-lmc-export-as-of';
/** Longer than any write may take (the gateway gives up on a subgraph after 10 s by default). */
export const EXPORT_AS_OF_MARGIN_MS = 60_000;
/** The collection's approximate record count, for progress bars (full exports of collections only). */
export const exportTotalHeader = 'x-lmc-export-total';

/** Roles that may export in bulk. */
export const exportRoles = ['THINK_TANK_READER', 'SECRETARIAT_ADMIN'] as const;

const contentTypes: Record<ExportFormat, string> = { ndjson: 'application/x-ndjson; charset=utf-8', csv: 'text/csv; charset=utf-8' };

export interface ExportEndpoint {
  pillar: string;
  connection: Connection;
  /** The pillar's own exportable collections (sharedExportCollections are added). */
  collections: string[];
  /** Row-per-element views, served like collections. */
  views?: ExportView[];
  /** The caller the gateway vouched for; throws GraphQLError UNAUTHENTICATED when the signature is missing or wrong. */
  principalOf(req: IncomingMessage): Principal;
}

const statusOf = (err: GraphQLError) => (err.extensions?.code === 'FORBIDDEN' ? 403 : 401);

/** A sink into the response that waits for the client to drain it and stops when the client has gone. */
function responseSink(res: ServerResponse): LineSink {
  return {
    async write(line) {
      if (res.destroyed) throw new Error('client closed the export');
      if (!res.write(line)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
    },
  };
}

export function exportHandler(endpoint: ExportEndpoint) {
  const views = new Map((endpoint.views ?? []).map((v) => [v.name, v]));
  const records = [...new Set([...sharedExportCollections, ...endpoint.collections])].sort();
  const collections = [...records, ...views.keys()].sort();
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    try {
      requireRole(endpoint.principalOf(req), ...exportRoles);
    } catch (err) {
      if (!(err instanceof GraphQLError)) throw err;
      return sendJson(res, statusOf(err), graphqlError(String(err.extensions?.code), err.message));
    }
    if (req.method !== 'GET') return sendJson(res, 405, graphqlError('METHOD_NOT_ALLOWED', 'Exports are read with GET'), { allow: 'GET' });
    const path = url.pathname.slice('/export'.length);
    if (path === '' || path === '/') {
      return sendJson(res, 200, { pillar: endpoint.pillar, schemaVersion: SNAPSHOT_SCHEMA_VERSION, formats: exportFormats, collections: records, views: [...views.keys()].sort() });
    }
    const file = /^\/([a-z_]+)\.([a-z]+)$/.exec(path);
    if (!file || !collections.includes(file[1]) || !exportFormats.includes(file[2] as ExportFormat)) {
      return sendJson(
        res,
        404,
        graphqlError('NOT_FOUND', `No export ${path.slice(1)} in ${endpoint.pillar}: use <collection>.<${exportFormats.join('|')}> with a collection of ${collections.join(', ')}`, {
          field: 'collection',
        }),
      );
    }
    const [, collection, format] = file as unknown as [string, string, ExportFormat];
    const sinceText = url.searchParams.get('updatedSince');
    const since = sinceText === null ? null : new Date(sinceText);
    if (since && (Number.isNaN(since.getTime()) || !/^\d{4}-\d\d-\d\d/.test(sinceText!))) {
      return sendJson(res, 400, graphqlError('BAD_USER_INPUT', 'updatedSince must be an ISO 8601 date-time, e.g. 2026-01-01T00:00:00Z', { field: 'updatedSince' }));
    }
    const view = views.get(collection);
    // As-of is taken before the cursor opens, less the longest a write can take between stamping
    // its updatedAt and landing: a mirror syncing from it misses nothing (overlap is re-read harmlessly).
    const asOf = new Date(Date.now() - EXPORT_AS_OF_MARGIN_MS).toISOString();
    const total = since || view ? null : await endpoint.connection.collection(collection).estimatedDocumentCount();
    res.writeHead(200, {
      'content-type': contentTypes[format],
      [exportAsOfHeader]: asOf,
      ...(total === null ? {} : { [exportTotalHeader]: String(total) }),
      'content-disposition': `attachment; filename="${endpoint.pillar}-${collection}${since ? '-changes' : ''}.${format}"`,
      'x-lmc-export-schema-version': SNAPSHOT_SCHEMA_VERSION,
      'cache-control': 'no-store',
    });
    res.flushHeaders();
    const source = view
      ? viewRows(endpoint.connection, view, since)
      : since
        ? recordsChangedSince(endpoint.connection, collection, since)
        : allRecords(endpoint.connection, collection);
    try {
      await writeRecords(source, format, responseSink(res));
      res.end();
    } catch (err) {
      // Headers are sent: the only honest signal left is an aborted (incomplete) body.
      res.destroy(err as Error);
    }
  };
}

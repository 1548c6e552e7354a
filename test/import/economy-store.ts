// A fresh economy store for import tests (embedded FerretDB in a temp folder),
// opened the way the import CLI opens it, and a canonical dump of what an
// import writes: records, rollups and revisions (without their timestamps).
import { buildASTSchema, parse, type GraphQLScalarType, type GraphQLSchema } from 'graphql';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedStore } from '../../embedded-store/launcher.js';
import { canonicalJson } from '../../platform-kit/bulk-writes.js';
import { connectStore } from '../../platform-kit/mongo-store.js';
import { DateTimeScalar } from '../../platform-kit/scalars.js';
import { economyImports } from '../../subgraphs/economy/audited-kinds.js';
import type { Models } from '../../subgraphs/economy/models.js';
import { subgraphInfo, subgraphSdl } from '../../subgraphs/registry.js';

/**
 * The economy schema for typing rows. Vitest loads graphql's ESM build while
 * @apollo/subgraph uses its CommonJS one (two realms), so tests build the SDL
 * with graphql itself and give DateTime the subgraph's parser; the CLI and the
 * subgraph (one realm) use buildSubgraphSchema.
 */
export function economySchema(): GraphQLSchema {
  const schema = buildASTSchema(parse(subgraphSdl(subgraphInfo('economy'))), { assumeValidSDL: true });
  const dateTime = schema.getType('DateTime') as GraphQLScalarType;
  dateTime.parseValue = DateTimeScalar.parseValue;
  return schema;
}

export interface EconomyStore {
  uri: string;
  models: Models;
  close(): Promise<void>;
}

export async function startEconomyStore(): Promise<EconomyStore> {
  const dir = mkdtempSync(join(tmpdir(), 'lmc-import-test-'));
  const store = await startEmbeddedStore({ dataDir: dir });
  const connection = await connectStore({ uri: store.uri, dbName: subgraphInfo('economy').defaultDatabase });
  const models = economyImports.registerModels(connection);
  return {
    uri: store.uri,
    models,
    close: async () => {
      await connection.close();
      await store.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const sorted = (docs: Array<Record<string, unknown>>) => docs.map((d) => canonicalJson(d)).sort();

type Doc = Record<string, unknown>;
/** A record without its write time (updatedAt: when it was written, which differs between runs). */
const unstamped = (d: Doc | null) => {
  if (!d) return d;
  const { updatedAt: _updatedAt, ...rest } = d;
  return rest;
};

/** Everything a project import writes, comparable across stores (write times aside). */
export async function projectDump(models: Models) {
  const revisions = (await models.revisions.find({ collection: 'projects' }).lean()) as unknown as Doc[];
  return {
    projects: sorted(((await models.projects.find().lean()) as unknown as Doc[]).map((p) => unstamped(p)!)),
    rollups: sorted((await models.projectRollups.find().lean()) as never),
    actionCounts: sorted((await models.projectActionCounts.find().lean()) as never),
    leaderboards: sorted((await models.projectLeaderboards.find().lean()) as never),
    revisions: sorted(revisions.map(({ at: _at, before, after, ...r }) => ({ ...r, before: unstamped(before as Doc | null), after: unstamped(after as Doc | null) }))),
  };
}

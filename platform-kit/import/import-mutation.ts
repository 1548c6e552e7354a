// The GraphQL side of bulk import: `import<Pillar>Records(kind, format,
// content)` for small batches (the CLI takes files of any size). The whole
// content is checked against the caps before any row is written, so a request
// beyond them is refused with nothing written.
import type { GraphQLResolveInfo } from 'graphql';
import { requirePillarWriter } from '../access/authorize.js';
import type { Principal } from '../access/principal.js';
import type { RevisionModel } from '../audit/revision-model.js';
import { badUserInput } from '../input-errors.js';
import { runImport, type ImportSummary } from './import-engine.js';
import { kindEnumValue, type PillarImports } from './import-kind.js';
import { rowTypeOf } from './row-coercion.js';
import { ImportFileError, importFormats, rowsOf, textChunks, type ImportFormat } from './row-sources.js';

export const MAX_IMPORT_CONTENT_BYTES = 1 << 20;
export const MAX_IMPORT_ROWS = 1000;

export interface ImportMutationArgs {
  kind: string;
  format: string;
  content: string;
}

/** The resolver of a pillar's import mutation (the caller's models and principal come from the request context). */
export function importMutationResolver<M extends { revisions: RevisionModel }>(imports: PillarImports<M>) {
  return async (_: unknown, args: ImportMutationArgs, ctx: { models: M; principal: Principal }, info: GraphQLResolveInfo): Promise<ImportSummary> => {
    requirePillarWriter(ctx.principal, imports.pillar);
    const kind = imports.kinds.find((k) => kindEnumValue(k.name) === args.kind);
    if (!kind) throw badUserInput('kind', imports.kinds.map((k) => kindEnumValue(k.name)).join(', '));
    const format = args.format.toLowerCase() as ImportFormat;
    if (!importFormats.includes(format)) throw badUserInput('format', 'CSV, JSON or NDJSON');
    const bytes = Buffer.byteLength(args.content, 'utf8');
    if (bytes > MAX_IMPORT_CONTENT_BYTES) {
      throw badUserInput('content', `at most ${MAX_IMPORT_CONTENT_BYTES} bytes (1 MiB; got ${bytes}): import larger files with the CLI (npm run import)`);
    }
    let rows = 0;
    try {
      for await (const _row of rowsOf(format, textChunks(args.content), rowTypeOf(info.schema, kind))) {
        if (++rows > MAX_IMPORT_ROWS) throw badUserInput('content', `at most ${MAX_IMPORT_ROWS} rows: import larger files with the CLI (npm run import)`);
      }
    } catch (err) {
      if (err instanceof ImportFileError) throw badUserInput('content', `an importable ${args.format} file (${err.message})`);
      throw err;
    }
    return runImport({
      pillar: imports.pillar,
      kind,
      models: ctx.models,
      principal: ctx.principal,
      schema: info.schema,
      format,
      chunks: textChunks(args.content),
    });
  };
}

// What a pillar declares to make a record kind importable (its
// subgraphs/<pillar>/audited-kinds.ts). The engine stays pillar-neutral: it
// reads and types rows, and the kind turns each typed row into an audited write.
import type { PillarSubgraphName } from '../access/pillar-names.js';
import type { Principal } from '../access/principal.js';
import type { AuditedKind } from '../audit/write-audited.js';
import type { RevisionModel } from '../audit/revision-model.js';
import type { RowShape } from './row-coercion.js';
import type { Connection } from 'mongoose';

export interface ImportCaller<M> {
  models: M;
  principal: Principal;
}

/** One typed row as a write of one record (several rows may write one record, e.g. the flows of a project). */
export interface RowWrite<T> {
  /** The audited record the row writes (its _id). */
  recordId: string;
  /**
   * The record with this row applied. Throws badUserInput (field paths may
   * start with `input.`) or FORBIDDEN for a row the caller may not write;
   * the row is then rejected and the record left as it was.
   */
  apply(current: T | null): T | Promise<T>;
}

export interface ImportKind<M, T extends { _id: string } = any> extends RowShape {
  /** CLI `--kind` (kebab-case); the GraphQL enum value is its UPPER_SNAKE form. */
  name: string;
  description: string;
  /** The same audited kind the mutations write through (persist keeps rollups in step). */
  audited(models: M): AuditedKind<T>;
  /** The row's natural key (pure, no store access): at most one row per key in a file. */
  keyOf(row: Record<string, unknown>): string;
  /** A row converter for one import run (it may cache what it reads, e.g. stations). */
  open(caller: ImportCaller<M>): (row: Record<string, unknown>) => RowWrite<T> | Promise<RowWrite<T>>;
}

export interface PillarImports<M extends { revisions: RevisionModel }> {
  pillar: PillarSubgraphName;
  /** The subgraph's models on a connection (the CLI opens the store itself). */
  registerModels(connection: Connection): M;
  /** Completes writes a killed process left half-done (the subgraph's start-up repair); idempotent. */
  repair?(models: M): Promise<void>;
  kinds: Array<ImportKind<M>>;
}

/** GraphQL enum value of a kind name: `water-observations` → WATER_OBSERVATIONS. */
export const kindEnumValue = (name: string) => name.toUpperCase().replace(/-/g, '_');

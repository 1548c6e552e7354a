/**
 * Audit trail for every write of a pillar's records (see write-audited.ts for
 * the crash-safe write protocol, history.ts for reading it back).
 *
 * How a pillar adds an audited record kind:
 *  1. Give the record's mongoose schema `revision: { type: Number, default: 0 }`
 *     and `archived: { type: Boolean, default: false }` (strictSchemaOptions).
 *     Archive is a soft delete: lists, rollups and leaderboards skip archived
 *     records (filter `archived: trusted({ $ne: true })`).
 *  2. Describe it once as an `AuditedKind`: { collection, model,
 *     carriesRevision: true, persist } where `persist(changes)` writes the new
 *     versions through the pillar's existing write module, so rollups stay in
 *     step; it must be idempotent (it is re-run to repair a crashed write).
 *  3. In each mutation resolver: check access first (access/authorize.ts),
 *     then call `writeAudited({ ...kind, revisions: ctx.models.revisions,
 *     principal: ctx.principal, action, id, change })` (or writeAuditedBatch
 *     for imports, with per-row `inputPath`). `change(before)` validates the
 *     typed input (badUserInput with the input path) and returns the next
 *     version; the model's validation runs after it, and its errors come back
 *     as BAD_USER_INPUT with the field path (validation-errors.ts).
 *  4. Expose `history` (historyOf) and `asOf` (recordAsOf) on the record's
 *     key query; the SDL uses the shared `Revision` type of common.graphql,
 *     and the pillar's `<Pillar>RecordKind` enum gets the kind (history query
 *     of platform-kit/pillar-write-resolvers.ts, `historyKinds` argument).
 *  5. Register the kind for start-up repair in the subgraph's seed():
 *     `repairAuditedWrites(models, { [kind.collection]: kind })`
 *     (platform-kit/shared-audited-kinds.ts), after the module's own repairs.
 * Example: subgraphs/economy/project-mutations.ts (projectKind) and
 * water-mutations.ts (a kind without a revision field, batch writes).
 * Kinds ministries write record by record and import (writable-kind.ts):
 * describe them as a WritableKind (keyOf, toRecord, countryCodes, audited);
 * recordMutations(kind) gives create/update/archive, writeKindRows batches,
 * importKindOf(kind) the import's ImportKind (platform-kit/import).
 * Bulk import: writeAuditedBatch with action 'IMPORT' and the natural key as
 * id; a rerun of the same rows writes no revision (unchanged records are
 * skipped) and completes rows a killed run left half-written.
 */
export * from './history.js';
export * from './writable-kind.js';
export * from './revision-model.js';
export * from './validation-errors.js';
export * from './write-audited.js';

// A record kind ministries write one at a time (create/update/archive
// mutations) and in bulk (import): how one typed input row becomes the stored
// record, which member countries it involves (country-limited editors), and
// how it is persisted (AuditedKind). Each pillar lists its kinds in
// subgraphs/<pillar>/audited-kinds.ts; mutations and the import share them,
// so a row is validated and stored the same way whichever path it takes.
import type { PillarSubgraphName } from '../access/pillar-names.js';
import type { Principal } from '../access/principal.js';
import { forbidden, requirePillarWriter } from '../access/authorize.js';
import { badUserInput } from '../input-errors.js';
import type { ImportKind } from '../import/import-kind.js';
import type { RevisionModel } from './revision-model.js';
import { bracketPath } from './validation-errors.js';
import { writeAudited, writeAuditedBatch, type AuditedFields, type AuditedKind, type AuditedResult } from './write-audited.js';

export interface WritableKind<M, Input, T extends AuditedFields> {
  /** Name in import commands, reports and messages, e.g. 'meeting'. */
  name: string;
  /** The pillar whose editors (and admins) may write it. */
  pillar: PillarSubgraphName;
  /** The GraphQL input type one row follows, e.g. 'MeetingInput' (see the pillar's schema.graphql). */
  inputType: string;
  /** How records are stored and persisted (rollups kept in step). */
  audited(models: M): AuditedKind<T>;
  /**
   * The record's id (its natural key): the given `id` checked, or derived from
   * the row (observations). Kinds with client ids make a new one when `id` is
   * null — an import must give ids to be rerunnable. BAD_USER_INPUT at `idField`
   * or at `${field}.<path>`.
   */
  keyOf(id: string | null | undefined, input: Input, idField: string, field: string): string;
  /**
   * Kinds whose id is derived from the row (observations): the id of a typed
   * row, pure and never throwing (an import uses it to spot two rows of one
   * record). Absent: rows carry their id in an `id` column.
   */
  naturalKey?(input: Input): string;
  /**
   * The full record to store for a valid row (derived fields included; not
   * archived); BAD_USER_INPUT at `${field}.<path>` otherwise. `before` is the
   * stored version (null when new).
   */
  toRecord(models: M, id: string, input: Input, field: string, before: T | null): T | Promise<T>;
  /** Member countries the record involves: a country-limited editor writes only records that include its country. */
  countryCodes(record: T): string[];
}

export interface KindCaller<M> {
  models: M & { revisions: RevisionModel };
  principal: Principal;
}

/**
 * Writers of the kind: its pillar's editors and admins; an editor limited to a
 * country only for versions whose countries include it (pass the versions
 * before and after the change). A record of no country (e.g. a regional body)
 * is for unlimited editors and admins.
 */
export function requireKindWriter<T extends AuditedFields>(
  principal: Principal,
  kind: Pick<WritableKind<never, never, T>, 'name' | 'pillar' | 'countryCodes'>,
  ...versions: Array<T | null>
): void {
  requirePillarWriter(principal, kind.pillar);
  const own = principal.role === 'MINISTRY_EDITOR' ? principal.countryCode : undefined;
  if (!own) return;
  for (const v of versions) {
    if (!v) continue;
    const codes = kind.countryCodes(v);
    if (!codes.includes(own)) {
      throw forbidden(
        `Forbidden: editor '${principal.id}' may only write ${kind.name} records involving ${own}; ${v._id} involves ${codes.length ? codes.join(', ') : 'no single country'}`,
      );
    }
  }
}

/** create / update / archive of one record of the kind, audited, checked and persisted through the kind. */
export function recordMutations<M, Input, T extends AuditedFields>(kind: WritableKind<M, Input, T>) {
  type Caller = KindCaller<M>;
  const missing = (id: string) => badUserInput('id', `the id of an existing ${kind.name} (${id} not found)`);

  async function write(c: Caller, id: string, action: string, change: (before: T | null) => T | Promise<T>, createAt?: string): Promise<T> {
    const { record } = await writeAudited({
      ...kind.audited(c.models),
      revisions: c.models.revisions,
      principal: c.principal,
      action,
      id,
      createAt,
      change: async (before) => {
        requireKindWriter(c.principal, kind, before);
        const next = await change(before);
        requireKindWriter(c.principal, kind, next);
        return next;
      },
    });
    return record!;
  }

  return {
    /** id optional; repeating the same create changes nothing, reusing an id for other content is refused. */
    create(c: Caller, id: string | null | undefined, input: Input): Promise<T> {
      requirePillarWriter(c.principal, kind.pillar);
      const key = kind.keyOf(id, input, 'id', 'input');
      return write(c, key, 'CREATE', (before) => kind.toRecord(c.models, key, input, 'input', before), 'id');
    },
    /** Replaces the record's fields with the input; archived records are not edited. */
    update(c: Caller, id: string, input: Input): Promise<T> {
      requirePillarWriter(c.principal, kind.pillar);
      return write(c, id, 'UPDATE', (before) => {
        if (!before) throw missing(id);
        if (before.archived) throw badUserInput('id', `a ${kind.name} that is not archived (${id} is)`);
        return kind.toRecord(c.models, id, input, 'input', before);
      });
    },
    /** Soft delete: the record stays (history) and leaves lists and aggregates; archiving again changes nothing. */
    archive(c: Caller, id: string): Promise<T> {
      requirePillarWriter(c.principal, kind.pillar);
      return write(c, id, 'ARCHIVE', (before) => {
        if (!before) throw missing(id);
        return { ...before, archived: true };
      });
    },
  };
}

export interface KindRow<Input> {
  /** The row's id, if it has one (kinds that derive ids from the row check it matches). */
  id?: string | null;
  input: Input;
  /** Where the row is in the request, e.g. `observations[3]`: prefix of its error paths. */
  field: string;
}

/**
 * Upserts several rows of a kind, all or nothing: every row is validated and
 * authorized before anything is written; two rows with one id are refused.
 * The revision action is `action`, or CREATE/UPDATE by what each write does.
 */
export async function writeKindRows<M, Input, T extends AuditedFields>(
  c: KindCaller<M>,
  kind: WritableKind<M, Input, T>,
  rows: Array<KindRow<Input>>,
  action?: string,
): Promise<Array<AuditedResult<T>>> {
  requirePillarWriter(c.principal, kind.pillar);
  const seen = new Map<string, string>();
  const keyed = rows.map((r) => {
    const id = kind.keyOf(r.id, r.input, `${r.field}.id`, r.field);
    if (seen.has(id)) throw badUserInput(r.field, `one row per ${kind.name} (same as ${seen.get(id)})`);
    seen.set(id, r.field);
    return { ...r, id };
  });
  return writeAuditedBatch({
    kind: kind.audited(c.models),
    revisions: c.models.revisions,
    principal: c.principal,
    action: action ?? ((before) => (before == null ? 'CREATE' : 'UPDATE')),
    writes: keyed.map((r) => ({
      id: r.id,
      inputPath: (path: string) => `${r.field}.${bracketPath(path)}`,
      change: async (before: T | null) => {
        requireKindWriter(c.principal, kind, before);
        const next = await kind.toRecord(c.models, r.id, r.input, r.field, before);
        requireKindWriter(c.principal, kind, next);
        return next;
      },
    })),
  });
}

/**
 * The kind as the import engine takes it (platform-kit/import/import-kind.ts):
 * rows are typed by the kind's input type (plus an `id` column unless the id
 * is derived), checked and converted by toRecord, authorized like the
 * mutations. An imported row keeps the record's archived state (re-importing
 * a file does not bring archived records back).
 */
export function importKindOf<M, Input, T extends AuditedFields>(kind: WritableKind<M, Input, T>, description: string): ImportKind<M, T> {
  const derived = kind.naturalKey?.bind(kind);
  return {
    name: kind.name,
    description,
    inputType: kind.inputType,
    ...(derived ? {} : { idField: 'id' }),
    audited: (models) => kind.audited(models),
    keyOf: (row) => (derived ? derived(row as Input) : String(row.id)),
    open: (caller) => (row) => {
      const { id, ...input } = row as { id?: string } & Record<string, unknown>;
      const key = kind.keyOf(derived ? null : id, input as Input, 'id', 'input');
      return {
        recordId: key,
        apply: async (current) => {
          requireKindWriter(caller.principal, kind, current);
          const converted = await kind.toRecord(caller.models, key, input as Input, 'input', current);
          const next = current?.archived ? { ...converted, archived: true } : converted;
          requireKindWriter(caller.principal, kind, next);
          return next;
        },
      };
    },
  };
}

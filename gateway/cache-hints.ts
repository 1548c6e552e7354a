// Cache policies of operations, from the @cacheControl hints in the subgraph
// SDL (platform-kit/common.graphql declares the directive). The supergraph
// does not carry these hints and the gateway does not resolve fields itself,
// so the policy is computed statically from the operation, with Apollo's
// rules: a field's hint, else its object type's hint; fields returning objects
// and root fields without either get the default max age; scalars inherit.
// The smallest max age wins; any PRIVATE hint makes the response private.
import {
  getNamedType,
  isCompositeType,
  parse,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type ConstDirectiveNode,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';

export interface CacheHint {
  maxAge?: number;
  scope?: 'PUBLIC' | 'PRIVATE';
  /** Value types (e.g. LocalizedText): the field gets its parent's max age instead of the default. */
  inheritMaxAge?: boolean;
}

export interface CachePolicy {
  maxAge: number;
  scope: 'PUBLIC' | 'PRIVATE';
}

export interface CacheHints {
  types: Map<string, CacheHint>;
  /** "Type.field" → hint */
  fields: Map<string, CacheHint>;
}

function hintOf(directives: readonly ConstDirectiveNode[] | undefined): CacheHint | undefined {
  const directive = directives?.find((d) => d.name.value === 'cacheControl');
  if (!directive) return undefined;
  const hint: CacheHint = {};
  for (const arg of directive.arguments ?? []) {
    if (arg.name.value === 'maxAge' && arg.value.kind === 'IntValue') hint.maxAge = Number(arg.value.value);
    if (arg.name.value === 'scope' && arg.value.kind === 'EnumValue') hint.scope = arg.value.value as CacheHint['scope'];
    if (arg.name.value === 'inheritMaxAge' && arg.value.kind === 'BooleanValue') hint.inheritMaxAge = arg.value.value;
  }
  return hint;
}

/** Where subgraphs disagree on a hint, the stricter one holds. */
function stricter(a: CacheHint | undefined, b: CacheHint): CacheHint {
  if (!a) return b;
  return {
    maxAge: a.maxAge === undefined ? b.maxAge : b.maxAge === undefined ? a.maxAge : Math.min(a.maxAge, b.maxAge),
    scope: a.scope === 'PRIVATE' || b.scope === 'PRIVATE' ? 'PRIVATE' : (a.scope ?? b.scope),
    inheritMaxAge: a.inheritMaxAge && b.inheritMaxAge,
  };
}

export function cacheHintsFromSdl(sdls: string[]): CacheHints {
  const hints: CacheHints = { types: new Map(), fields: new Map() };
  for (const sdl of sdls) {
    for (const def of parse(sdl).definitions) {
      if (!('fields' in def) || !('name' in def) || !def.name) continue;
      const typeName = def.name.value;
      const typeHint = hintOf(def.directives);
      if (typeHint) hints.types.set(typeName, stricter(hints.types.get(typeName), typeHint));
      for (const field of def.fields ?? []) {
        const fieldHint = hintOf(field.directives);
        const key = `${typeName}.${field.name.value}`;
        if (fieldHint) hints.fields.set(key, stricter(hints.fields.get(key), fieldHint));
      }
    }
  }
  return hints;
}

export function cachePolicyOf(schema: GraphQLSchema, document: DocumentNode, hints: CacheHints, defaultMaxAge: number): CachePolicy {
  const policy: CachePolicy = { maxAge: Infinity, scope: 'PUBLIC' };
  const rootTypes = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(Boolean));
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        if (node.name.value.startsWith('__')) return;
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (!parent || !field) return;
        const returned = getNamedType(field.type);
        let hint: CacheHint = isCompositeType(returned) ? { ...hints.types.get(returned.name) } : {};
        const fieldHint = hints.fields.get(`${parent.name}.${field.name}`);
        if (fieldHint) hint = { maxAge: fieldHint.maxAge ?? hint.maxAge, scope: fieldHint.scope ?? hint.scope, inheritMaxAge: fieldHint.inheritMaxAge ?? hint.inheritMaxAge };
        // Inheriting: the parent's max age already bounds the policy, so this field adds no bound.
        const inherits = hint.inheritMaxAge && hint.maxAge === undefined && !rootTypes.has(parent as never);
        if (hint.maxAge === undefined && !inherits && (isCompositeType(returned) || rootTypes.has(parent as never))) hint.maxAge = defaultMaxAge;
        if (hint.maxAge !== undefined) policy.maxAge = Math.min(policy.maxAge, hint.maxAge);
        if (hint.scope === 'PRIVATE') policy.scope = 'PRIVATE';
      },
    }),
  );
  if (policy.maxAge === Infinity) policy.maxAge = defaultMaxAge;
  return policy;
}
